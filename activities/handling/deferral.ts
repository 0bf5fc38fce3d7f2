import type { ServiceTaskHandler } from '../service-tasks/registry';
import { enqueueCaseNotification } from '../notifications/outbox';
import { handlingConfig } from './config';
import { caseRow, recordStep } from './context';
import { addCreditRecord } from './credit';
import { addWorkingDays } from './deadlines';
import { refreshDistrictCalendar } from '../calendar/registry';
import { itemFacts } from './materials';

const iso = (d: Date) => d.toISOString();

/**
 * `handling-deferral-accept` (容缺受理, docs/rules.md#deferred-acceptance): accepted with non-core materials missing; the
 * 容缺受理通知书 names them, the form of supply and the deadline (≤ the time limit), and a reminder
 * is scheduled before it (the outbox holds it until then, so it needs no timer in the process).
 */
export const handlingDeferralAccept: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const cfg = handlingConfig();
  const row = await caseRow(prisma, caseId);
  const facts = await itemFacts(prisma, row.itemCode, variables);
  const limit = Math.min(facts.promisedDays ?? cfg.statutoryLimitWorkingDays, facts.statutoryDays ?? cfg.statutoryLimitWorkingDays);
  const acceptedAt = new Date();
  await refreshDistrictCalendar(prisma);
  const limitDue = addWorkingDays(acceptedAt, limit);
  const requested = typeof variables.supplementDays === 'number' ? addWorkingDays(acceptedAt, variables.supplementDays) : limitDue;
  const supplementDueAt = requested > limitDue ? limitDue : requested;
  const reminderAt = addWorkingDays(
    acceptedAt,
    Math.max(0, (typeof variables.supplementDays === 'number' ? variables.supplementDays : limit) - cfg.supplementReminderWorkingDays),
  );
  const deferred = (Array.isArray(variables.deferredMaterials) ? variables.deferredMaterials : []).map(String);
  const names = deferred.map((code) => facts.materials.find((m) => m.code === code)?.name ?? code);
  await recordStep(
    prisma,
    {
      caseId,
      elementId,
      action: 'deferral.accepted',
      after: {
        deferred,
        supplementDueAt: iso(supplementDueAt),
        reminderAt: iso(reminderAt),
        commitmentLetter: variables.commitmentLetter ?? true,
      },
      variables: { neededFromApplicant: names, supplementDueAt: iso(supplementDueAt) },
      notice: {
        discriminator: 'deferral-notice',
        variables: { neededFromApplicant: names, supplementDueAt: iso(supplementDueAt) },
        notice: {
          title: `容缺受理通知书 (accepted with materials to follow): ${row.title}`,
          body: '您的申请已容缺受理，审查同步进行；请在期限前通过窗口、邮寄或网上补齐以下材料，逾期将终止办理 (supply these by the deadline, else the case is terminated)',
          needed: names,
          deadline: iso(supplementDueAt),
        },
      },
    },
    async (tx) => {
      // The reminder before the deadline: written now, delivered by the dispatcher when due.
      await enqueueCaseNotification(tx, {
        caseId,
        event: 'notice',
        discriminator: 'deferral-reminder',
        variables: { neededFromApplicant: names, supplementDueAt: iso(supplementDueAt) },
        notice: {
          title: `容缺材料补齐提醒 (reminder): ${row.title}`,
          body: '容缺材料补齐期限将至，请及时补齐 (the supplement deadline is near)',
          needed: names,
          deadline: iso(supplementDueAt),
        },
      });
      await tx.notificationOutbox.updateMany({
        where: { caseId, idempotencyKey: { startsWith: `${caseId}:notice:deferral-reminder:` }, status: 'pending' },
        data: { nextAttemptAt: reminderAt },
      });
    },
  );
  // The process's boundary timer runs out at the deadline: working days on the official calendar,
  // unless the case carries its own ISO duration (`supplementTimeout`, e.g. PT2S in tests).
  const days = typeof variables.supplementDays === 'number' ? Math.min(variables.supplementDays, limit) : limit;
  const supplementTimeout = typeof variables.supplementTimeout === 'string' ? variables.supplementTimeout : `P${days}WD`;
  const timeLimits = {
    ...(typeof variables.timeLimits === 'object' && variables.timeLimits !== null ? variables.timeLimits : {}),
    supplementDueAt: { start: iso(acceptedAt), days },
  };
  return {
    deferredMaterials: deferred,
    supplementDueAt: iso(supplementDueAt),
    ...(typeof variables.supplementTimeout === 'string' ? {} : { timeLimits }),
    supplementReminderAt: iso(reminderAt),
    neededFromApplicant: names,
    supplementTimeout,
  };
};

/** `handling-supplement-overdue`: the deadline passed with nothing received (the boundary timer fired). */
export const handlingSupplementOverdue: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  await recordStep(prisma, { caseId, elementId, action: 'deferral.overdue', after: { due: variables.supplementDueAt, received: false } });
  return { supplemented: false, supplementOnTime: false };
};

/** `handling-supplement-check`: received (the date of receipt counts) on or before the deadline, and compliant. */
export const handlingSupplementCheck: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const due = new Date(String(variables.supplementDueAt));
  const receivedAt = typeof variables.supplementReceivedAt === 'string' ? new Date(variables.supplementReceivedAt) : new Date();
  const onTime = variables.supplemented === true && receivedAt <= due;
  await recordStep(prisma, {
    caseId,
    elementId,
    action: onTime ? 'deferral.supplemented' : 'deferral.overdue',
    after: { receivedAt: iso(receivedAt), due: iso(due), supplemented: variables.supplemented === true },
  });
  return { supplementOnTime: onTime, neededFromApplicant: onTime ? [] : variables.neededFromApplicant };
};

/**
 * `handling-terminate` (终止办理): 容缺 overdue or non-compliant (the applicant bears the loss), or a
 * false commitment. Sends the 终止办理通知书 and writes the credit record.
 */
export const handlingTerminate: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const kind = variables.commitmentTrue === false ? 'false-commitment' : 'supplement-overdue';
  const reason =
    kind === 'false-commitment'
      ? `告知承诺不实：${String(variables.verificationFinding ?? '核查发现承诺内容与实际不符')}`
      : '容缺材料逾期未补齐或不符合要求 (deferred materials not supplied in time)';
  await recordStep(
    prisma,
    {
      caseId,
      elementId,
      action: 'case.terminated',
      after: { kind, reason },
      notice: {
        discriminator: 'terminated',
        variables: { neededFromApplicant: [] },
        notice: { title: `终止办理通知书 (termination notice): ${row.title}`, body: reason, needed: [], deadline: null },
      },
    },
    async (tx) => {
      await addCreditRecord(tx, { subjectId: row.applicantId, kind, reason, caseId });
    },
  );
  return {
    terminated: true,
    terminationReason: reason,
    result: { decision: 'terminated', opinion: reason, decidedAt: new Date().toISOString() },
  };
};
