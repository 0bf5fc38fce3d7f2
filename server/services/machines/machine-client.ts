import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  machineEventUpdate,
  machineStateQuery,
  machineSyncUpdate,
  type MachineEventArgs,
  type MachineView,
} from '../../../workflows/host/xstate-host';
import type { PrismaClient } from '../../data/generated/client';
import { AppError, conflict, notFound } from '../../errors';
import { eventsPerRun } from './machine-config';
import { keyedUpdateId } from '../../idempotency/context';
import { startWorkflowOnce } from '../../temporal/start-once';

/** The Temporal workflow type hosting each kind of rule machine. */
export const WORKFLOW_TYPES = {
  agency: 'agencyWorkflow',
  fallback: 'fallbackWorkflow',
  hotline: 'hotlineOrderWorkflow',
  'linkage.notice': 'linkageNoticeWorkflow',
  'linkage.finding': 'linkageFindingWorkflow',
  'linkage.meeting': 'linkageMeetingWorkflow',
  'linkage.city': 'linkageCityWorkflow',
  'linkage.adjustment': 'linkageAdjustmentWorkflow',
} as const;
export type MachineKind = keyof typeof WORKFLOW_TYPES;

export const workflowIdOf = (kind: MachineKind, instanceId: string) => `${kind}-${instanceId}`;

/** Starts rule machines, sends them events and reads their state; the one place that talks to their workflows. */
export function createMachineClient(deps: { temporal: Client; taskQueue: string; prisma: PrismaClient }) {
  const { temporal, taskQueue, prisma } = deps;
  return {
    async start(kind: MachineKind, instanceId: string, input: Record<string, unknown>): Promise<MachineView> {
      const handle = await startWorkflowOnce(temporal, WORKFLOW_TYPES[kind], {
        taskQueue,
        workflowId: workflowIdOf(kind, instanceId),
        args: [{ kind, instanceId, input, maxEventsPerRun: eventsPerRun() }],
      });
      return handle.executeUpdate(machineSyncUpdate);
    },

    /** `expectContext`: what the caller's authorisation rested on; checked atomically by the machine's validator. */
    async send(
      kind: MachineKind,
      instanceId: string,
      event: { type: string } & Record<string, unknown>,
      actor: string,
      expectContext?: MachineEventArgs['expectContext'],
    ): Promise<MachineView> {
      try {
        return await temporal.workflow.getHandle(workflowIdOf(kind, instanceId)).executeUpdate(machineEventUpdate, {
          args: [{ event, actor, ...(expectContext?.length ? { expectContext } : {}) }],
          updateId: keyedUpdateId(`machine:${kind}:${instanceId}`),
        });
      } catch (err) {
        if (
          err instanceof WorkflowUpdateFailedError &&
          err.cause instanceof ApplicationFailure &&
          (err.cause.type === 'EventNotAllowed' || err.cause.type === 'ContextChanged')
        ) {
          throw conflict(err.cause.message, err.cause.details?.[0]);
        }
        if (err instanceof WorkflowNotFoundError || isClosed(err)) {
          const row = await prisma.machineInstance.findUnique({ where: { id: instanceId } });
          if (!row || row.kind !== kind) throw notFound(kind, instanceId);
          throw conflict(`已结束，不再接受事件 ${event.type} (the instance has ended)`, {
            state: row.state,
            status: row.status,
            allowedEvents: [],
          });
        }
        throw err;
      }
    },

    /** Live state from the workflow; the read model once Temporal no longer has it. */
    async view(kind: MachineKind, instanceId: string): Promise<MachineView> {
      try {
        return await temporal.workflow.getHandle(workflowIdOf(kind, instanceId)).query(machineStateQuery);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        const row = await prisma.machineInstance.findUnique({ where: { id: instanceId } });
        if (!row || row.kind !== kind) throw notFound(kind, instanceId);
        return {
          kind,
          instanceId,
          value: row.state as MachineView['value'],
          states: row.states,
          status: row.status as MachineView['status'],
          context: row.context as Record<string, unknown>,
          allowedEvents: [],
        };
      }
    },

    async history(instanceId: string) {
      const rows = await prisma.machineTransition.findMany({ where: { instanceId }, orderBy: { id: 'asc' } });
      return rows.map(({ id: _id, ...row }) => row);
    },
  };
}

export type MachineClient = ReturnType<typeof createMachineClient>;

function isClosed(err: unknown): boolean {
  return err instanceof AppError ? false : /already completed|workflow execution already/i.test(String((err as Error)?.message ?? ''));
}
