import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prisma } from '../../server/data/generated/client';

/**
 * Exactly-once side effects of service tasks. `runServiceTask` runs each handler inside the key of
 * its scheduled task (case / element / workflow run / activity id — the same for every attempt);
 * a handler's transaction claims `<key>/<what>` before its effect, and a retried or duplicated
 * attempt (timed out, worker killed after the commit) finds the claim and skips the effect.
 */
const scope = new AsyncLocalStorage<string>();

export function effectKeyOf(args: { caseId: string; elementId: string; runId: string; activityId: string }): string {
  return `${args.caseId}/${args.elementId}/${args.runId}/${args.activityId}`;
}

export function withEffectKey<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return scope.run(key, fn);
}

/** True the first time (the caller does the effect in this transaction); false on a repeat. Outside a service task: always true. */
export async function claimEffect(
  tx: Pick<Prisma.TransactionClient, 'serviceEffect'>,
  effect: { caseId: string; elementId: string; what: string },
): Promise<boolean> {
  const key = scope.getStore();
  if (key === undefined) return true;
  const { count } = await tx.serviceEffect.createMany({
    data: [{ key: `${key}/${effect.what}`, caseId: effect.caseId, elementId: effect.elementId }],
    skipDuplicates: true,
  });
  return count === 1;
}
