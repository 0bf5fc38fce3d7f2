/** An operational error with its HTTP status and a stable code; everything else is a 500. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'BAD_REQUEST', message, details);
export const unauthorized = (message = '未登录或令牌无效 (missing or invalid bearer token)') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message: string) => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string, id: string) => new AppError(404, 'NOT_FOUND', `${what} ${id} 不存在 (not found)`, { [what]: id });
export const conflict = (message: string, details?: unknown) => new AppError(409, 'CONFLICT', message, details);
