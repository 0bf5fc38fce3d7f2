import type { Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { refreshDistrictCalendar } from '../../activities/calendar/registry';
import type { PrismaClient } from '../data/generated/client';
import type { SqlDatabase } from '../data/sql';

/** A poller not seen for this long is gone: live workers re-poll at least once a minute (long poll). */
const POLLER_SEEN_WITHIN_MS = 90_000;

/** The database side of /healthz: reachability, and the district calendar kept current for its warnings. */
export function createDatabaseHealth(deps: { sql: SqlDatabase; prisma?: PrismaClient }) {
  return {
    async ping(): Promise<void> {
      await deps.sql.query('SELECT 1');
    },
    /** Reloads the district calendar when it changed; a failure keeps the one loaded. */
    async refreshCalendar(): Promise<void> {
      if (deps.prisma) await refreshDistrictCalendar(deps.prisma).catch(() => undefined);
    },
  };
}

export type DatabaseHealth = ReturnType<typeof createDatabaseHealth>;

/** The Temporal side of /healthz: the namespace is reachable, and which workers poll the task queue. */
export function createTemporalHealth(deps: { connection: Connection; namespace: string; taskQueue: string }) {
  const { connection, namespace, taskQueue } = deps;
  return {
    taskQueue,
    async ping(): Promise<void> {
      await connection.workflowService.describeNamespace({ namespace });
    },
    /** Workers polling the queue for workflow or activity tasks, seen within the last 90 s. */
    async pollers(): Promise<{ pollers: number; identities: string[] }> {
      const types = [proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY];
      const answers = await Promise.all(
        types.map((taskQueueType) =>
          connection.workflowService.describeTaskQueue({
            namespace,
            taskQueue: { name: taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            taskQueueType,
          }),
        ),
      );
      const since = Date.now() - POLLER_SEEN_WITHIN_MS;
      const identities = new Set<string>();
      for (const answer of answers) {
        for (const poller of answer.pollers ?? []) {
          const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
          if (seconds * 1000 >= since) identities.add(poller.identity ?? '');
        }
      }
      return { pollers: identities.size, identities: [...identities].sort() };
    },
  };
}

export type TemporalHealth = ReturnType<typeof createTemporalHealth>;
