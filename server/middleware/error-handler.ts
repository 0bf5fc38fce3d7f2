import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../errors';

/** The one error handler: every failure leaves as `{ error: { code, message, details } }`. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status >= 500) req.log?.error({ err }, 'request failed');
  else req.log?.info({ code: appError.code, status: appError.status }, appError.message);
  res.status(appError.status).json({ error: { code: appError.code, message: appError.message, details: appError.details ?? null } });
};

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'NOT_FOUND', `没有这个接口 (no such route): ${req.method} ${req.path}`));
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError(400, 'VALIDATION_FAILED', '请求参数不正确 (request validation failed)', err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  // body-parser errors carry `status` and `type`.
  const e = err as { status?: number; type?: string; message?: string };
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'MALFORMED_JSON', '请求体不是合法的 JSON (malformed JSON body)');
  if (e?.type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', '请求体过大 (request body too large)');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError(e.status, 'BAD_REQUEST', e.message ?? 'bad request');
  return new AppError(500, 'INTERNAL', '服务器内部错误 (internal error)');
}
