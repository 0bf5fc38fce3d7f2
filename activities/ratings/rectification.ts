import { randomUUID } from 'node:crypto';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { handlingConfig } from '../handling/config';
import { caseRow, recordStep } from '../handling/context';
import { addWorkingDays } from '../handling/deadlines';

/** `rating-callback-deadline` (差评整改): 回访核实 is due within 1 working day of assignment (Liaoning). */
export const ratingCallbackDeadline: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const due = addWorkingDays(new Date(), handlingConfig().ratingCallbackWorkingDays);
  await recordStep(prisma, { caseId, elementId, action: 'rectification.assigned', after: { callbackDueAt: due.toISOString() } });
  const callbackTimeout =
    typeof variables.callbackTimeout === 'string' ? variables.callbackTimeout : `P${handlingConfig().ratingCallbackWorkingDays}WD`;
  return { callbackDueAt: due.toISOString(), callbackTimeout };
};

/** `rating-callback-overdue` (督办): 回访核实 not done within its working day; the supervisor is alerted. */
export const ratingCallbackOverdue: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'rectification.callback.overdue',
    after: { callbackDueAt: variables.callbackDueAt ?? null, ratingId: variables.ratingId ?? null },
  });
  return { callbackOverdue: true };
};

/** `rating-fix-deadline` (限期整改): the unit's fix date, capped at 15 working days (Liaoning / Sichuan). */
export const ratingFixDeadline: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const max = handlingConfig().rectificationMaxWorkingDays;
  const asked = typeof variables.fixWorkingDays === 'number' ? variables.fixWorkingDays : max;
  const days = Math.min(Math.max(1, asked), max);
  const due = addWorkingDays(new Date(), days);
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'rectification.deadline',
    after: { fixWorkingDays: days, fixDueAt: due.toISOString(), capped: asked > max },
  });
  return { fixWorkingDays: days, fixDueAt: due.toISOString() };
};

/**
 * `rating-feedback` (反馈评价人): tells the rater what was done and invites a re-rating; records the
 * rectification as finished on the rating's event log.
 */
export const ratingFeedback: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const ratingId = String(variables.ratingId ?? '');
  const labels: Record<string, string> = { now: '立行立改', deadline: '限期整改', explain: '解释说明' };
  const resolution = String(variables.resolution ?? 'explain');
  const body = `您的评价已处理：${labels[resolution] ?? resolution}。${String(variables.feedback ?? '')} 欢迎再次评价 (you are invited to rate again)`;
  await recordStep(
    prisma,
    {
      caseId,
      elementId,
      action: 'rectification.feedback',
      after: { ratingId, resolution },
      notice: {
        discriminator: 'feedback',
        notice: { title: `差评整改反馈 (rectification feedback): ${row.title}`, body, needed: [], deadline: null },
      },
    },
    async (tx) => {
      await tx.ratingEvent.create({
        data: {
          id: randomUUID(),
          ratingId,
          caseId,
          kind: 'rectified',
          actor: 'system',
          details: { resolution, rectificationCaseId: caseId, feedback: variables.feedback ?? null },
        },
      });
    },
  );
  return { feedbackSent: true };
};
