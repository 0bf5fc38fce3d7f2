import {
  condition,
  defineQuery,
  defineUpdate,
  allHandlersFinished,
  patched,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CompiledProcess, Variables } from './engine/model';
import { caseWorkflow } from './case.workflow';
import type { CaseInput } from './messages';

/** One item of a combined case, planned (and version-pinned) when the event case starts. */
export interface EventItemPlan {
  itemCode: string;
  /** The catalogue version the case started with (`<code>@v<n>`); later item changes do not touch it. */
  itemId: string;
  itemVersion: number;
  name: string;
  department: string;
  resultName?: string;
  producesLicence?: string;
  /** Items of this event whose result feeds this one: it starts when they are done. */
  after: string[];
  caseId: string;
  definitionId: string;
  process: CompiledProcess;
}

export interface EventCaseInput {
  eventCaseId: string;
  eventCode: string;
  eventName: string;
  applicantId: string;
  startedBy: string;
  form: Variables;
  /** The one material set, resolved by source rule (JSON of ResolvedMaterial[]). */
  materials: Variables[];
  reduction: { required: number; submitted: number; rate: number };
  prereviewId?: string;
  items: EventItemPlan[];
}

export type EventItemStatus = 'waiting' | 'running' | 'approved' | 'rejected' | 'skipped' | 'failed';

export interface EventItemOutcome {
  itemCode: string;
  itemId: string;
  name: string;
  department: string;
  caseId: string;
  status: EventItemStatus;
  opinion?: string | null;
  resultName?: string;
  licence?: { type: string; number: string };
}

export interface EventCaseView {
  eventCaseId: string;
  eventCode: string;
  eventName: string;
  status: 'running' | 'completed' | 'partially-completed' | 'rejected';
  items: EventItemOutcome[];
}

export const eventCaseStateQuery = defineQuery<EventCaseView>('eventCaseState');
/** Waits until the read model has caught up, then returns the live state. */
export const eventCaseSyncUpdate = defineUpdate<EventCaseView>('eventCaseSync');

const projection = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 一件事一次办: one combined case for a life event. Each item runs as a child case workflow in its own
 * department; items start in parallel unless `after` says one item's result feeds the next. When all
 * are done the applicant gets one combined result and one notice.
 */
export async function eventCaseWorkflow(input: EventCaseInput): Promise<EventCaseView> {
  const outcomes = new Map<string, EventItemOutcome>(
    input.items.map((p) => [
      p.itemCode,
      { itemCode: p.itemCode, itemId: p.itemId, name: p.name, department: p.department, caseId: p.caseId, status: 'waiting' },
    ]),
  );
  let status: EventCaseView['status'] = 'running';
  let projections: Promise<void> = Promise.resolve();
  const project = (fn: () => Promise<unknown>) => {
    projections = projections.then(async () => {
      await fn();
    });
  };
  const view = (): EventCaseView => ({
    eventCaseId: input.eventCaseId,
    eventCode: input.eventCode,
    eventName: input.eventName,
    status,
    items: [...outcomes.values()],
  });
  // An update sent with the start is dispatched as soon as its handler is set, before the body below
  // has queued the first projection: it waits for that, so the caller finds the case in the read model.
  let created = false;
  setHandler(eventCaseStateQuery, view);
  setHandler(eventCaseSyncUpdate, async () => {
    if (patched('event-sync-waits-for-create')) await condition(() => created);
    await projections;
    return view();
  });

  project(() => projection.createEventCase({ input: stripProcesses(input) }));
  created = true;

  const runs = new Map<string, Promise<boolean>>();
  const plans = new Map(input.items.map((p) => [p.itemCode, p]));
  const run = (plan: EventItemPlan): Promise<boolean> => {
    const known = runs.get(plan.itemCode);
    if (known) return known;
    const promise = (async () => {
      const ready = await Promise.all(plan.after.map((code) => run(plans.get(code) as EventItemPlan)));
      const outcome = outcomes.get(plan.itemCode) as EventItemOutcome;
      if (!ready.every(Boolean)) {
        outcome.status = 'skipped';
        outcome.opinion = '前置事项未办结，本事项未启动 (a preceding item was not approved)';
        project(() => projection.recordEventItem({ eventCaseId: input.eventCaseId, outcome: { ...outcome } }));
        return false;
      }
      const upstream = Object.fromEntries(plan.after.map((code) => [code, outcomes.get(code)]));
      const childInput: CaseInput = {
        caseId: plan.caseId,
        definitionId: plan.definitionId,
        process: plan.process,
        title: `${plan.name}（${input.eventName}）`,
        itemCode: plan.itemCode,
        applicantId: input.applicantId,
        startedBy: input.startedBy,
        variables: {
          ...input.form,
          eventCaseId: input.eventCaseId,
          eventCode: input.eventCode,
          itemCode: plan.itemCode,
          itemVersion: plan.itemVersion,
          materials: input.materials.filter((m) => (m.itemCodes as string[]).includes(plan.itemCode)),
          upstreamResults: upstream,
        },
      };
      const child = await startChild(caseWorkflow, { workflowId: `case-${plan.caseId}`, args: [childInput] });
      outcome.status = 'running';
      project(() => projection.recordEventItem({ eventCaseId: input.eventCaseId, outcome: { ...outcome } }));
      try {
        const done = await child.result();
        const result = (done.variables.result ?? {}) as { decision?: string; opinion?: string | null };
        const approved = done.status === 'completed' && result.decision === 'approved';
        outcome.status = done.status === 'failed' ? 'failed' : approved ? 'approved' : 'rejected';
        outcome.opinion = result.opinion ?? (done.variables.reason as string | undefined) ?? null;
        if (approved) {
          outcome.resultName = plan.resultName;
          if (plan.producesLicence) outcome.licence = { type: plan.producesLicence, number: `${plan.producesLicence}-${plan.caseId}` };
        }
      } catch (err) {
        outcome.status = 'failed';
        outcome.opinion = (err as Error).message;
      }
      project(() => projection.recordEventItem({ eventCaseId: input.eventCaseId, outcome: { ...outcome } }));
      return outcome.status === 'approved';
    })();
    runs.set(plan.itemCode, promise);
    return promise;
  };

  const results = await Promise.all(input.items.map(run));
  status = results.every(Boolean) ? 'completed' : results.some(Boolean) ? 'partially-completed' : 'rejected';
  const final = view();
  project(() => projection.finishEventCase({ eventCaseId: input.eventCaseId, view: final, applicantId: input.applicantId }));
  await projections;
  await condition(allHandlersFinished);
  return final;
}

/** The compiled graphs travel to the children; the read model keeps the rest. */
function stripProcesses(input: EventCaseInput): Omit<EventCaseInput, 'items'> & { items: Omit<EventItemPlan, 'process'>[] } {
  return { ...input, items: input.items.map(({ process: _process, ...rest }) => rest) };
}
