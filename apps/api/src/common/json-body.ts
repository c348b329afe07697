import { HttpStatus, Logger } from '@nestjs/common';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { DomainError } from './domain-error';
import { DomainExceptionFilter } from './domain-exception.filter';

/** Thrown when a parsed body nests arrays and objects deeper than allowed. */
class JsonTooDeepError extends Error {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly type = 'entity.too.deep';
}

/**
 * Whether `value` nests arrays/objects deeper than `maxDepth` (a bare value is
 * depth 0, `{}` depth 1). Walks with its own stack, so a hostile body cannot
 * overflow the call stack here; stops at the first node too deep.
 */
export function deeperThan(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

const REFUSALS: Record<string, DomainError> = {
  'entity.parse.failed': new DomainError(
    'MALFORMED_JSON',
    { 'zh-TW': '請求內容不是有效的 JSON', en: 'The request body is not valid JSON' },
    HttpStatus.BAD_REQUEST,
  ),
  'entity.too.large': new DomainError(
    'PAYLOAD_TOO_LARGE',
    { 'zh-TW': '請求內容太大', en: 'The request body is too large' },
    HttpStatus.PAYLOAD_TOO_LARGE,
  ),
  'entity.too.deep': new DomainError(
    'JSON_TOO_DEEP',
    { 'zh-TW': '請求內容的巢狀層數過多', en: 'The request body is nested too deeply' },
    HttpStatus.BAD_REQUEST,
  ),
};

/**
 * The JSON and form body parsers, and what answers a body they refuse. Their
 * errors are answered here, in the usual error body, because later error
 * middleware (the SPA's static files) would turn any error under /api into
 * 404, and an oversized body into 500. The body itself is never logged.
 */
export function bodyParsers(limits: { limitKb: number; maxDepth: number }): (RequestHandler | ErrorRequestHandler)[] {
  const logger = new Logger('RequestBody');
  const filter = new DomainExceptionFilter();
  const limit = limits.limitKb * 1024;
  const depthCheck: RequestHandler = (req, _res, next) => {
    next(req.body && typeof req.body === 'object' && deeperThan(req.body, limits.maxDepth) ? new JsonTooDeepError() : undefined);
  };
  const refuse: ErrorRequestHandler = (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: unknown; status?: unknown; statusCode?: unknown };
    if (!e || typeof e.type !== 'string' || typeof (e.status ?? e.statusCode) !== 'number') return next(err);
    const status = Number(e.status ?? e.statusCode);
    const error =
      REFUSALS[e.type] ??
      new DomainError(
        'BAD_REQUEST',
        { 'zh-TW': '請求內容有誤', en: 'The request is not valid' },
        status >= 400 && status < 500 ? status : 400,
      );
    const body = filter.toBody(error);
    logger.warn(
      {
        method: req.method,
        path: req.path,
        status: body.statusCode,
        code: body.code,
        reason: e.type,
        contentLength: req.headers['content-length'] ?? null,
        contentType: req.headers['content-type'] ?? null,
        maxDepth: e.type === 'entity.too.deep' ? limits.maxDepth : undefined,
        limitKb: e.type === 'entity.too.large' ? limits.limitKb : undefined,
      },
      'Request body refused',
    );
    res.status(body.statusCode).json(body);
  };
  return [express.json({ limit }), express.urlencoded({ extended: true, limit }), depthCheck, refuse];
}
