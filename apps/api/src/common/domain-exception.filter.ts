import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiErrorBody, ErrorDetail } from '@tunedesk/contracts';
import type { Request, Response } from 'express';
import { DomainError } from './domain-error';

const GENERIC: Record<number, { code: string; zh: string; en: string }> = {
  400: { code: 'BAD_REQUEST', zh: '請求內容有誤', en: 'The request is not valid' },
  401: { code: 'UNAUTHENTICATED', zh: '請先登入', en: 'Please sign in' },
  403: { code: 'FORBIDDEN', zh: '您沒有執行此操作的權限', en: 'You may not do this' },
  404: { code: 'NOT_FOUND', zh: '找不到指定的資料或頁面', en: 'Not found' },
  409: { code: 'CONFLICT', zh: '資料已被他人變更，請重新整理', en: 'The data changed meanwhile; reload' },
  413: { code: 'PAYLOAD_TOO_LARGE', zh: '上傳的檔案太大', en: 'The upload is too large' },
  429: { code: 'TOO_MANY_REQUESTS', zh: '請求過於頻繁，請稍後再試', en: 'Too many requests; try again later' },
};

/** Turns every error into the ApiErrorBody shape; unexpected ones are logged, never shown. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = req.id ? String(req.id) : undefined;
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: exception.messages, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const generic = GENERIC[status] ?? GENERIC[400];
      const response = exception.getResponse();
      const details = validationDetails(response);
      if (details) {
        return {
          statusCode: status,
          code: 'VALIDATION_FAILED',
          message: { 'zh-TW': '輸入資料未通過檢查', en: 'The input did not pass validation' },
          details,
        };
      }
      return { statusCode: status, code: generic.code, message: { 'zh-TW': generic.zh, en: generic.en } };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: { 'zh-TW': '系統發生錯誤，請稍後再試或通知資訊科', en: 'Something went wrong; try again or tell the IT section' },
    };
  }
}

/** ValidationPipe answers { message: string[] }; each string starts with the field name (or "each value in" it). */
function validationDetails(response: string | object): ErrorDetail[] | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const messages = (response as { message?: unknown }).message;
  if (!Array.isArray(messages)) return undefined;
  return messages.map((m) => {
    const text = String(m);
    // "content.each value in alternates must be …" names content.alternates, not "content.each".
    const each = /^((?:[\w[\]]+\.)*)each value in (?:nested property )?([\w[\]]+)/.exec(text);
    const field = each ? `${each[1]}${each[2]}` : /^([\w.[\]]+)\s/.exec(text)?.[1];
    return { field, reason: text };
  });
}
