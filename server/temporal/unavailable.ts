import { isGrpcServiceError } from '@temporalio/client';

// gRPC status codes.
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;

/**
 * True when an error means Temporal could not be reached (down, restarting, overloaded), as opposed to
 * Temporal refusing the request. Those become 503 with Retry-After: the client retries, nothing is lost.
 */
export function isTemporalUnavailable(err: unknown): boolean {
  for (
    let e = err as { cause?: unknown; code?: unknown; message?: unknown } | undefined, depth = 0;
    e && depth < 6;
    e = e.cause as typeof e, depth++
  ) {
    if (isGrpcServiceError(e) && [UNAVAILABLE, DEADLINE_EXCEEDED].includes(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      /ECONNREFUSED|ECONNRESET|No connection established|Failed to connect before the deadline|UNAVAILABLE:/i.test(e.message)
    )
      return true;
  }
  return false;
}
