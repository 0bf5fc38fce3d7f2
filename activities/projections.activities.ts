import type { PrismaClient } from '../server/data/generated/client';
import { isDataError } from './projection-errors';
import { createCaseActivities } from './cases.activities';
import { createEngineActivities } from './engine.activities';
import { createTaskActivities } from './tasks.activities';

type CaseProjections = ReturnType<typeof createCaseActivities>;
type EngineProjections = ReturnType<typeof createEngineActivities>;
type TaskProjections = ReturnType<typeof createTaskActivities>;

/** The read-model projections a case workflow batches (one call per workflow task, in order). */
export type ProjectionName =
  | Exclude<keyof CaseProjections, 'recordElementEntered'>
  | Exclude<keyof EngineProjections, 'loadDefinition' | 'loadCalledProcess'>
  | keyof TaskProjections;

type AllProjections = CaseProjections & EngineProjections & TaskProjections;

/** One projection call: its activity name and argument. */
export type ProjectionOp = { [K in ProjectionName]: { kind: K; args: Parameters<AllProjections[K]>[0] } }[ProjectionName];

/**
 * Applies a workflow task's projections in the order the engine produced them. Each keeps its own
 * idempotent transaction, so a retried batch re-applies nothing twice. Runs as a local activity:
 * one history marker per batch instead of three events and a workflow task per projection.
 */
export function createProjectionBatchActivity(prisma: PrismaClient) {
  const one: AllProjections = { ...createCaseActivities(prisma), ...createEngineActivities(prisma), ...createTaskActivities(prisma) };
  return {
    async applyProjections(args: { caseId: string; ops: ProjectionOp[] }): Promise<void> {
      // A row that can never be written must not keep the rest of the batch out of the read model:
      // the others are applied, then the first data error is raised (it becomes a projection incident).
      let dataError: unknown;
      for (const op of args.ops) {
        try {
          await (one[op.kind] as (a: unknown) => Promise<unknown>)(op.args);
        } catch (err) {
          if (!isDataError(err)) throw err;
          dataError ??= err;
        }
      }
      if (dataError) throw dataError;
    },
  };
}
