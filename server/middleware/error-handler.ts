import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../errors';
import { isTemporalUnavailable } from '../temporal/unavailable';

/** The one error handler: every failure leaves as `{ error: { code, message, details } }`. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status === 503) {
    req.log?.warn({ err }, appError.message);
    if (!res.getHeader('retry-after')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  } else if (appError.status >= 500) req.log?.error({ err }, 'request failed');
  else req.log?.info({ code: appError.code, status: appError.status }, appError.message);
  res.status(appError.status).json({ error: { code: appError.code, message: appError.message, details: appError.details ?? null } });
};

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'NOT_FOUND', `没有这个接口 (no such route): ${req.method} ${req.path}`));
};

/** While Temporal restarts (a few seconds) a client should wait this long before retrying. */
const RETRY_AFTER_SECONDS = 5;

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isTemporalUnavailable(err))
    return new AppError(503, 'TEMPORAL_UNAVAILABLE', '流程引擎暂时不可用，请稍后重试 (the workflow engine is unavailable; retry later)');
  if (err instanceof ZodError) {
    return new AppError(
      400,
      'VALIDATION_FAILED',
      '请求参数不正确 (request validation failed)',
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  // body-parser errors carry `status` and `type`.
  const e = err as { status?: number; type?: string; message?: string };
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'MALFORMED_JSON', '请求体不是合法的 JSON (malformed JSON body)');
  if (e?.type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', '请求体过大 (request body too large)');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError(e.status, 'BAD_REQUEST', e.message ?? 'bad request');
  return new AppError(500, 'INTERNAL', '服务器内部错误 (internal error)');
}
