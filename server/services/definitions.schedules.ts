import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import { evaluateValue } from '../../workflows/engine/expressions';
import { EngineError, type CompiledProcess, type FlowNode } from '../../workflows/engine/model';
import { durationEnd, isCron, parseCycle } from '../../workflows/engine/timers';
import type { TimerStartArgs } from '../../workflows/timer-start.workflow';
import type { PrismaClient } from '../data/generated/client';

/** Schedule settings for timer start events. */
export const TIMER_START_SCHEDULES = {
  /**
   * Time zone of cron timer starts (`0 0 9 * * MON-FRI` means 09:00 Beijing time); ISO dates and
   * cycles carry their own offset or run in UTC.
   */
  cronTimeZone: 'Asia/Shanghai',
  /** A fire time missed while Temporal was down still starts its case within this window. */
  catchupWindow: '1 day',
};

/** The Temporal Schedule of one process-level timer start event. BPMN ids cannot contain ':'. */
export const scheduleIdOf = (processKey: string, elementId: string) => `timer-start:${processKey}:${elementId}`;

/**
 * Process-level timer start events with a date or cycle. Event-subprocess timer starts keep their
 * in-case timer, and a duration start (not a Camunda 8 start timer) keeps the case waiting as before.
 */
export function timerStarts(process: CompiledProcess): FlowNode[] {
  return Object.values(process.nodes).filter(
    (n) => n.type === 'startEvent' && !n.scope && n.event?.kind === 'timer' && n.event.timer && n.event.timer.kind !== 'duration',
  );
}

export interface TimerStartSchedule {
  /** The Temporal Schedule's spec and how many starts remain (undefined: unbounded). */
  spec: ScheduleSpec;
  remainingActions?: number;
}

/**
 * A timer start event as a Schedule: `timeDate` once at that instant; `timeCycle` `R<n>/<start>/<interval>`
 * every interval (n times, from start); or a cron expression (Camunda 8's 6-field `sec min hour dom mon dow`
 * or the classic 5-field form). A leading `=` is a FEEL expression evaluated once, at deploy.
 */
export function timerStartSchedule(node: FlowNode): TimerStartSchedule {
  const spec = node.event?.timer;
  if (!spec) throw new EngineError(node.id, '定时器缺少定义 (timer has no definition)');
  const value = String(evaluateValue(node.id, spec.value, {})).trim();
  try {
    if (spec.kind === 'date') {
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw new RangeError(`不是 ISO-8601 时间 (not an ISO-8601 date): ${value}`);
      const d = new Date(at);
      return { spec: { startAt: d, endAt: new Date(at + 1000), intervals: [{ every: 1000, offset: at % 1000 }] }, remainingActions: 1 };
    }
    if (spec.kind === 'cycle' && isCron(value)) {
      const fields = value.replaceAll('?', '*').split(/\s+/);
      // Temporal reads 6 fields as `min … year`; Camunda's 6 fields start with seconds, so add the year.
      const cron = fields.length === 6 ? [...fields, '*'].join(' ') : fields.join(' ');
      return { spec: { cronExpressions: [cron], timezone: TIMER_START_SCHEDULES.cronTimeZone } };
    }
    if (spec.kind === 'cycle') {
      const cycle = parseCycle(value);
      const from = cycle.start ? new Date(cycle.start) : new Date(0);
      const every = Date.parse(durationEnd(from.toISOString(), cycle.interval)) - from.getTime();
      if (every < 1000) throw new RangeError(`循环间隔至少一秒 (the cycle interval must be at least one second): ${value}`);
      return {
        spec: { intervals: [{ every, offset: from.getTime() % every }], ...(cycle.start ? { startAt: from } : {}) },
        ...(cycle.repeat >= 0 ? { remainingActions: cycle.repeat } : {}),
      };
    }
    throw new RangeError(
      `流程级定时启动事件需要 timeDate 或 timeCycle (a process timer start needs a timeDate or timeCycle, not a duration): ${value}`,
    );
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError(node.id, (err as Error).message);
  }
}

export interface ScheduleView {
  scheduleId: string;
  elementId: string;
  definitionId: string;
  timer: { kind: string; value: string };
  paused: boolean;
  remainingActions?: number;
  nextStarts: string[];
  recentStarts: { scheduledAt: string; startedAt: string; workflowId: string }[];
}

/**
 * Timer start events as Temporal Schedules (client.schedule): deploying a version with timer starts
 * creates or replaces their schedules so each fire time starts a case of that version; a version
 * without them removes the schedules the key had.
 */
export function createTimerStartSchedules(deps: { prisma: PrismaClient; temporal: Client; taskQueue: string }) {
  const { prisma, temporal, taskQueue } = deps;

  /** Every schedule id the key's versions ever had (schedule ids are derived, not stored). */
  const knownIds = async (key: string): Promise<Map<string, { elementId: string; definitionId: string; node: FlowNode }>> => {
    const rows = await prisma.processDefinition.findMany({
      where: { key },
      orderBy: { version: 'desc' },
      select: { id: true, graph: true },
    });
    const ids = new Map<string, { elementId: string; definitionId: string; node: FlowNode }>();
    for (const row of rows) {
      for (const node of timerStarts(row.graph as unknown as CompiledProcess)) {
        const id = scheduleIdOf(key, node.id);
        if (!ids.has(id)) ids.set(id, { elementId: node.id, definitionId: row.id, node });
      }
    }
    return ids;
  };

  const optionsFor = (
    scheduleId: string,
    definitionId: string,
    key: string,
    node: FlowNode,
    planned: TimerStartSchedule,
  ): ScheduleOptions => ({
    scheduleId,
    spec: planned.spec,
    action: {
      type: 'startWorkflow',
      workflowType: 'timerStartWorkflow',
      args: [{ definitionId, processKey: key, elementId: node.id } satisfies TimerStartArgs],
      taskQueue,
      workflowId: `timer-start-${key}-${node.id}`,
    },
    policies: { overlap: 'ALLOW_ALL', catchupWindow: TIMER_START_SCHEDULES.catchupWindow },
    state: {
      note: `${definitionId} ${node.id}`,
      ...(planned.remainingActions !== undefined ? { remainingActions: planned.remainingActions } : {}),
    },
  });

  return {
    /** Validates every timer start of a graph before it is stored (deploy refuses a bad one). */
    plan(process: CompiledProcess): { node: FlowNode; planned: TimerStartSchedule }[] {
      return timerStarts(process).map((node) => ({ node, planned: timerStartSchedule(node) }));
    },

    /** Makes the key's schedules match its latest version: create or replace, and delete the rest. */
    async sync(key: string): Promise<void> {
      const latest = await prisma.processDefinition.findFirst({
        where: { key },
        orderBy: { version: 'desc' },
        select: { id: true, graph: true },
      });
      if (!latest) return;
      const wanted = new Set<string>();
      for (const { node, planned } of this.plan(latest.graph as unknown as CompiledProcess)) {
        const id = scheduleIdOf(key, node.id);
        wanted.add(id);
        const options = optionsFor(id, latest.id, key, node, planned);
        try {
          await temporal.schedule.create(options);
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
          // A new version replaces the schedule: its spec, action (version) and remaining count.
          const { scheduleId: _id, state, ...rest } = options;
          await temporal.schedule
            .getHandle(id)
            .update(() => ({ ...rest, state: { note: state?.note, remainingActions: state?.remainingActions } }));
        }
      }
      for (const id of (await knownIds(key)).keys()) {
        if (wanted.has(id)) continue;
        await temporal.schedule
          .getHandle(id)
          .delete()
          .catch((err: unknown) => {
            if (!(err instanceof ScheduleNotFoundError)) throw err;
          });
      }
    },

    /** Every key's schedules after a start-up deploy (keys that never had a timer start cost one query). */
    async syncAll(): Promise<void> {
      const keys = await prisma.processDefinition.findMany({ distinct: ['key'], select: { key: true } });
      for (const { key } of keys) await this.sync(key);
    },

    /** The key's live schedules: which version and start event, next and recent starts. */
    async list(key: string): Promise<ScheduleView[]> {
      const views: ScheduleView[] = [];
      for (const [scheduleId, known] of await knownIds(key)) {
        try {
          const d = await temporal.schedule.getHandle(scheduleId).describe();
          // The action's arguments name the version it starts (a schedule's memo is fixed at creation).
          const scheduled = ((d.action as { args?: unknown[] }).args?.[0] ?? {}) as Partial<TimerStartArgs>;
          views.push({
            scheduleId,
            elementId: scheduled.elementId ?? known.elementId,
            definitionId: scheduled.definitionId ?? known.definitionId,
            timer: { kind: known.node.event?.timer?.kind ?? 'cycle', value: known.node.event?.timer?.value ?? '' },
            paused: d.state.paused,
            ...(d.state.remainingActions !== undefined ? { remainingActions: d.state.remainingActions } : {}),
            nextStarts: d.info.nextActionTimes.slice(0, 5).map((t) => t.toISOString()),
            recentStarts: d.info.recentActions.map((a) => ({
              scheduledAt: a.scheduledAt.toISOString(),
              startedAt: a.takenAt.toISOString(),
              workflowId: a.action.workflow.workflowId,
            })),
          });
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
      }
      return views;
    },
  };
}

export type TimerStartSchedules = ReturnType<typeof createTimerStartSchedules>;
