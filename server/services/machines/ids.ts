import { businessId } from '../../idempotency/context';

/** Business ids for rule-machine instances: a prefix, the date and a random suffix (derived from the Idempotency-Key in a keyed request) (e.g. BBCS20261128-7K3QF2). */
export function newInstanceId(prefix: string, now = new Date()): string {
  return businessId(prefix, `instance:${prefix}`, now);
}
