import { HttpStatus } from '@nestjs/common';
import type { ErrorDetail } from '@tunedesk/contracts';

/**
 * An error a user can act on: a stable code, a message in zh-TW and English,
 * and where the problem is. The exception filter maps it to an HTTP response;
 * the CLI prints it and exits non-zero.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messages: { 'zh-TW': string; en: string },
    readonly status: HttpStatus = HttpStatus.UNPROCESSABLE_ENTITY,
    readonly details?: ErrorDetail[],
  ) {
    super(messages.en);
    this.name = 'DomainError';
  }
}
