import { randomBytes } from 'node:crypto';

/** Business ids for rule-machine instances: a prefix, the date and a random suffix (e.g. BBCS20261128-7K3QF2). */
export function newInstanceId(prefix: string, now = new Date()): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  const suffix = randomBytes(5).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, 'X').slice(0, 6);
  return `${prefix}${date}-${suffix}`;
}
