import type { RequestHandler } from 'express';
import { AppError } from '../errors';

/**
 * A fixed-window limit per client address, in memory (one API process; behind several, put the
 * limit in the gateway). Guards public, unauthenticated lookups against guessing.
 */
export function rateLimit(opts: { windowMs: number; max: number; now?: () => number }): RequestHandler {
  const hits = new Map<string, { start: number; count: number }>();
  const now = opts.now ?? Date.now;
  return (req, res, next) => {
    const t = now();
    const key = req.ip ?? 'unknown';
    let h = hits.get(key);
    if (!h || t - h.start >= opts.windowMs) {
      h = { start: t, count: 0 };
      hits.set(key, h);
      if (hits.size > 10_000) for (const [k, v] of hits) if (t - v.start >= opts.windowMs) hits.delete(k);
    }
    h.count++;
    res.setHeader('RateLimit-Limit', String(opts.max));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, opts.max - h.count)));
    if (h.count > opts.max) {
      const retry = Math.ceil((h.start + opts.windowMs - t) / 1000);
      res.setHeader('Retry-After', String(retry));
      return next(new AppError(429, 'TOO_MANY_REQUESTS', `查询过于频繁，请 ${retry} 秒后再试`, { retryAfterSeconds: retry }));
    }
    next();
  };
}
