import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';

/**
 * The Idempotency-Key (幂等键) a request runs under. Ids a keyed request mints (case, 一件事, machine
 * instance, prereview …) and the Temporal update ids it sends are derived from the key instead of drawn
 * at random, so a retry after a crash reaches the same workflow rather than starting a second one.
 */
interface KeyedRequest {
  /** sha256 of user, key, route and first claim: stable across retries of the same request. */
  seed: string;
  /** When the key was first claimed; dates inside business ids come from it, not from the retry's clock. */
  claimedAt: Date;
  /** Per id kind, how many ids this request has minted so far (one request may start several cases). */
  counters: Map<string, number>;
}

const storage = new AsyncLocalStorage<KeyedRequest>();

export function runKeyed<T>(seed: string, claimedAt: Date, fn: () => T): T {
  return storage.run({ seed, claimedAt, counters: new Map() }, fn);
}

export const isKeyed = (): boolean => storage.getStore() !== undefined;

/** `n` bytes for an id of this kind: derived from the key in a keyed request, random otherwise. */
export function idBytes(kind: string, n: number): Buffer {
  const keyed = storage.getStore();
  if (!keyed) return randomBytes(n);
  const index = keyed.counters.get(kind) ?? 0;
  keyed.counters.set(kind, index + 1);
  return createHash('sha256').update(`${keyed.seed}\u0001${kind}\u0001${index}`).digest().subarray(0, n);
}

/** The date business ids carry: the key's first claim in a keyed request, now otherwise. */
export const idDate = (now = new Date()): Date => storage.getStore()?.claimedAt ?? now;

/** A Temporal update id derived from the key, so Temporal itself answers a retried update with its first result. */
export function keyedUpdateId(kind: string): string | undefined {
  if (!isKeyed()) return undefined;
  return `idem-${idBytes(`update:${kind}`, 16).toString('hex')}`;
}

/** `HB20261128-7K3QF2`-style business id: prefix, date, six letters and digits. */
export function businessId(prefix: string, kind: string, now = new Date()): string {
  const date = idDate(now).toISOString().slice(0, 10).replaceAll('-', '');
  const suffix = idBytes(kind, 5)
    .toString('base64url')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X')
    .slice(0, 6);
  return `${prefix}${date}-${suffix}`;
}
