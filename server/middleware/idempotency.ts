import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { actorOf } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { AppError, badRequest } from '../errors';
import { runKeyed } from '../idempotency/context';
import type { Logger } from '../logger';

export interface IdempotencyOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** How long a key and its stored answer are kept (IDEMPOTENCY_TTL_HOURS). */
  ttlMs: number;
  /** A running first attempt renews its claim this often ×3; a claim not renewed for this long was a crash. */
  leaseMs?: number;
  /** How long a duplicate waits for the first attempt's answer before hearing 409 "in progress". */
  waitMs?: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;

interface KeyRow {
  fingerprint: string;
  state: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  created_at: Date;
  lapsed: boolean;
  expired: boolean;
}

/**
 * `Idempotency-Key` on POST (幂等写入). The key is claimed in `idempotency_key` (primary key user + key)
 * before the request runs, so of two concurrent duplicates only one does the work; the other waits and
 * replays the first answer (status, body, Location/ETag, `Idempotent-Replayed: true`). The same key with
 * another route or body is refused with 422. 5xx answers are not kept: the key is released for a retry,
 * and ids minted under the key are derived from it and its first claim, so that retry reaches the same workflow.
 */
export function idempotency(options: IdempotencyOptions): RequestHandler {
  const { prisma, logger, ttlMs } = options;
  const leaseMs = options.leaseMs ?? 15_000;
  const waitMs = options.waitMs ?? 30_000;
  let lastSweep = 0;

  const sweep = () => {
    if (Date.now() - lastSweep < 60_000) return;
    lastSweep = Date.now();
    prisma.$executeRaw`DELETE FROM idempotency_key WHERE expires_at < now()`.catch((err) =>
      logger.warn({ err }, 'idempotency key sweep failed'),
    );
  };

  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw badRequest('Idempotency-Key 须为 1–255 个可见 ASCII 字符 (Idempotency-Key must be 1–255 visible ASCII characters)', {
        header: 'Idempotency-Key',
      });
    }
    const userId = actorOf(req).id;
    const route = req.originalUrl.split('?')[0] as string;
    // Multipart bodies are parsed later by the route (and their boundary changes per attempt): the key binds the route then.
    const payload = req.is('application/json') ? JSON.stringify(req.body ?? null) : (req.get('content-type') ?? '').split(';')[0];
    const fingerprint = sha256(`POST ${route}\n${payload}`);
    sweep();

    const started = Date.now();
    for (;;) {
      const claimed = await prisma.$queryRaw<{ created_at: Date }[]>`
        INSERT INTO idempotency_key (user_id, key, fingerprint, state, lease_until, expires_at)
        VALUES (${userId}, ${key}, ${fingerprint}, 'pending', now() + ${leaseMs}::int * interval '1 millisecond', now() + ${ttlMs}::bigint * interval '1 millisecond')
        ON CONFLICT DO NOTHING RETURNING created_at`;
      if (claimed[0]) return run(claimed[0].created_at);

      const [row] = await prisma.$queryRaw<KeyRow[]>`
        SELECT fingerprint, state, status, headers, body, created_at, lease_until < now() AS lapsed, expires_at < now() AS expired
        FROM idempotency_key WHERE user_id = ${userId} AND key = ${key}`;
      if (!row) continue; // deleted as expired meanwhile: claim it again
      if (row.expired) {
        await prisma.$executeRaw`DELETE FROM idempotency_key WHERE user_id = ${userId} AND key = ${key} AND expires_at < now()`;
        continue;
      }
      if (row.fingerprint !== fingerprint) {
        throw new AppError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          '该幂等键已用于另一个请求 (this Idempotency-Key was used with a different route or body)',
          { header: 'Idempotency-Key' },
        );
      }
      if (row.state === 'done') return replay(res, row);
      if (row.lapsed) {
        // The first attempt stopped renewing its claim: its process died. Take the key over.
        const taken = await prisma.$queryRaw<{ created_at: Date }[]>`
          UPDATE idempotency_key SET lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
          WHERE user_id = ${userId} AND key = ${key} AND state = 'pending' AND lease_until < now() RETURNING created_at`;
        if (taken[0]) {
          logger.info({ userId, route }, 'idempotency key taken over from an attempt that stopped');
          return run(taken[0].created_at);
        }
        continue;
      }
      if (Date.now() - started > waitMs) {
        res.setHeader('Retry-After', String(Math.ceil(leaseMs / 1000)));
        throw new AppError(
          409,
          'IDEMPOTENCY_KEY_IN_PROGRESS',
          '相同的请求正在处理，请稍后重试 (a request with this Idempotency-Key is still in progress)',
          { header: 'Idempotency-Key' },
        );
      }
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }

    function run(claimedAt: Date) {
      // Stable across retries and take-overs of this claim; a key reused after it expired is a new request.
      const seed = sha256(`${userId}\n${key}\n${route}\n${claimedAt.toISOString()}`);
      const renew = setInterval(
        () => {
          prisma.$executeRaw`UPDATE idempotency_key SET lease_until = now() + ${leaseMs}::int * interval '1 millisecond' WHERE user_id = ${userId} AND key = ${key} AND state = 'pending'`.catch(
            (err) => logger.warn({ err }, 'idempotency lease renewal failed'),
          );
        },
        Math.max(250, Math.floor(leaseMs / 3)),
      );
      renew.unref();
      let settled = false;
      // Released, not deleted: the claim lapses at once, so the retry takes it over with the same first
      // claim time and so the same derived ids — it reaches what this attempt may have started.
      const release = () =>
        prisma.$executeRaw`UPDATE idempotency_key SET lease_until = now() - interval '1 millisecond' WHERE user_id = ${userId} AND key = ${key} AND state = 'pending'`.catch(
          (err) => logger.warn({ err }, 'idempotency key release failed'),
        );
      const send = res.send.bind(res);
      // The answer is stored before it leaves: a client that saw it will see the same again.
      res.send = (body?: unknown) => {
        if (settled) return send(body);
        settled = true;
        clearInterval(renew);
        const status = res.statusCode;
        const text =
          typeof body === 'string'
            ? body
            : body === undefined || body === null
              ? ''
              : Buffer.isBuffer(body)
                ? undefined
                : JSON.stringify(body);
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = res.get(name);
          if (value) headers[name] = value;
        }
        if (!headers['content-type'] && typeof body === 'object' && body !== null && !Buffer.isBuffer(body))
          headers['content-type'] = 'application/json; charset=utf-8';
        const keep =
          status >= 500 || text === undefined
            ? release()
            : prisma.$executeRaw`UPDATE idempotency_key SET state = 'done', status = ${status}, headers = ${JSON.stringify(headers)}::jsonb, body = ${text}
                WHERE user_id = ${userId} AND key = ${key}`.catch((err) => logger.error({ err }, 'idempotency answer not stored'));
        void keep.then(() => send(body));
        return res;
      };
      res.once('close', () => {
        clearInterval(renew);
        if (!settled) void release();
      });
      runKeyed(seed, claimedAt, () => next());
    }
  };
}

function replay(res: Response, row: KeyRow): void {
  for (const [name, value] of Object.entries(row.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  res.status(row.status ?? 200).send(row.body ?? '');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
