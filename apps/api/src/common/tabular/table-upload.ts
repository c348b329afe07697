import {
  applyDecorators,
  PayloadTooLargeException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { tmpdir } from 'node:os';
import { catchError, throwError, type Observable } from 'rxjs';
import { tabularLimits, type TabularProfile } from './limits';
import { limitExceeded } from './table-errors';

/** Turns the upload parser's bare "too large" into the limit's own error, naming its setting. */
class UploadLimitInterceptor implements NestInterceptor {
  constructor(private readonly profile: TabularProfile) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? limitExceeded('上傳檔案 upload', tabularLimits(this.profile), 'maxFileBytes')
              : error,
          ),
        ),
      );
  }
}

/**
 * One tabular file in the multipart field `file`, within the profile's file
 * size limit (TABULAR_MAX_FILE_BYTES / TABULAR_REFERENCE_MAX_FILE_BYTES): kept
 * in memory for the small reference tables, on disk for the monthly report.
 */
export function TableUpload(profile: TabularProfile, where: 'memory' | 'disk' = 'memory') {
  return applyDecorators(
    UseInterceptors(
      new UploadLimitInterceptor(profile),
      FileInterceptor('file', {
        ...(where === 'disk' ? { storage: diskStorage({ destination: tmpdir() }) } : {}),
        limits: { fileSize: tabularLimits(profile).maxFileBytes, files: 1 },
      }),
    ),
  );
}
