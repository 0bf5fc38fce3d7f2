import type { ServiceTaskHandler } from '../service-tasks/registry';
import { handlingConfig } from './config';
import { caseRow, recordStep } from './context';
import { districtCalendar, refreshDistrictCalendar } from '../calendar/registry';
import { pausedWorkingDays } from '../../workflows/calendar/working-days';
import { addWorkingDays, extendDeadline, isProvisional, periodDeadline, resumeDeadline } from './deadlines';
import { itemFacts } from './materials';

const iso = (d: Date) => d.toISOString();

/**
 * `handling-time-limit` (承诺件): the promised limit (≤ the statutory one, art. 42) starts at 受理;
 * the decision is due that many working days later (art. 82). 即办件 (promised 0) is due today.
 */
export const handlingTimeLimit: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const facts = await itemFacts(prisma, row.itemCode, variables);
  const statutory = facts.statutoryDays ?? handlingConfig().statutoryLimitWorkingDays;
  const promised = Math.min(facts.promisedDays ?? statutory, statutory);
  const acceptedAt = typeof variables.acceptedAt === 'string' ? new Date(variables.acceptedAt) : new Date();
  await refreshDistrictCalendar(prisma);
  const decisionDueAt = addWorkingDays(acceptedAt, promised);
  // The basis travels with the date, so the engine can recompute it when the clock or the calendar moves.
  const timeLimits = { decisionDueAt: { start: iso(acceptedAt), days: promised } };
  const after = {
    statutoryDays: statutory,
    promisedDays: promised,
    acceptedAt: iso(acceptedAt),
    decisionDueAt: iso(decisionDueAt),
    timeLimits,
  };
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'time-limit.started',
    after,
    variables: after,
    notice: {
      discriminator: 'accepted',
      notice: {
        title: `受理通知 (accepted): ${row.title}`,
        body: `您的申请已受理，承诺 ${promised} 个工作日内作出决定 (法定 ${statutory} 个工作日)${isProvisional(acceptedAt, decisionDueAt) ? '；次年节假日安排尚未公布，期限暂定' : ''}`,
        deadline: iso(decisionDueAt),
      },
    },
  });
  return { ...after, extensions: 0, pausedWorkingDays: 0 };
};

/**
 * `handling-correction-notice` (art. 32): incomplete materials → one notice listing everything within
 * 5 days of receipt; a notice later than that means the application counts as accepted on receipt.
 */
export const handlingCorrectionNotice: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const receivedAt = typeof variables.receivedAt === 'string' ? new Date(variables.receivedAt) : row.startedAt;
  await refreshDistrictCalendar(prisma);
  const noticeDueAt = periodDeadline('correctionNotice', receivedAt); // art. 32's 5 days, working days by art. 82
  const now = new Date();
  const missing = Array.isArray(variables.missingMaterials) ? (variables.missingMaterials as unknown[]).map(String) : [];
  if (now > noticeDueAt) {
    await recordStep(prisma, {
      caseId,
      elementId,
      action: 'accepted-on-receipt',
      after: { receivedAt: iso(receivedAt), noticeDueAt: iso(noticeDueAt) },
    });
    return {
      acceptedOnReceipt: true,
      accepted: true,
      acceptedAt: iso(receivedAt),
      correctionRound: Number(variables.correctionRound ?? 0),
    };
  }
  const round = Number(variables.correctionRound ?? 0) + 1;
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'correction.notified',
    after: { missing, noticeDueAt: iso(noticeDueAt), round },
    variables: { neededFromApplicant: missing },
    notice: {
      discriminator: `correction:${round}`,
      variables: { neededFromApplicant: missing },
      notice: {
        title: `一次性补正告知 (one-time correction notice): ${row.title}`,
        body: `申请材料不齐全，请一次性补正以下全部材料 (please supply all of the following)`,
        needed: missing,
        deadline: null,
      },
    },
  });
  return { acceptedOnReceipt: false, correctionRound: round, neededFromApplicant: missing };
};

/**
 * `handling-extend-time-limit` (art. 42): one extension of 10 working days, with the head's approval,
 * the reasons told to the applicant. A second request is refused: the case keeps its deadline.
 */
export const handlingExtendTimeLimit: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const cfg = handlingConfig();
  const row = await caseRow(prisma, caseId);
  const extensions = Number(variables.extensions ?? 0);
  if (variables.extensionApproved !== true)
    return { extensionRequested: false, extensionRefusal: '负责人未批准延期 (extension not approved)' };
  if (extensions >= cfg.maxExtensions) {
    return { extensionRequested: false, extensionRefusal: `延期已达上限 ${cfg.maxExtensions} 次 (art. 42 allows one extension)` };
  }
  await refreshDistrictCalendar(prisma);
  const due = new Date(String(variables.decisionDueAt));
  // Counting resumes the day after the last day of the period: the end of 11-03 + 10 → the end of 11-17.
  const newDue = extendDeadline(due, cfg.extensionWorkingDays);
  const reason = String(variables.extensionReason ?? '情况复杂');
  const timeLimits = withMoreDays(variables.timeLimits, 'decisionDueAt', cfg.extensionWorkingDays);
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'time-limit.extended',
    after: { from: iso(due), to: iso(newDue), reason },
    variables: { decisionDueAt: iso(newDue), ...(timeLimits ? { timeLimits } : {}) },
    notice: {
      discriminator: `extension:${extensions + 1}`,
      notice: {
        title: `延期告知 (extension notice): ${row.title}`,
        body: `经负责人批准，办理期限延长 ${cfg.extensionWorkingDays} 个工作日。理由：${reason}`,
        deadline: iso(newDue),
      },
    },
  });
  return {
    decisionDueAt: iso(newDue),
    ...(timeLimits ? { timeLimits } : {}),
    extensions: extensions + 1,
    extensionRequested: false,
    extensionRefusal: null,
  };
};

/** `handling-clock-pause` (art. 45): 检验/检测/鉴定/专家评审/听证 time is not counted; told in writing. */
export const handlingClockPause: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const kind = String(variables.specialProcedure ?? '专家评审');
  const pausedAt = new Date();
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'clock.paused',
    after: { kind, pausedAt: iso(pausedAt) },
    notice: {
      discriminator: `pause:${iso(pausedAt)}`,
      notice: {
        title: `特别程序告知 (special procedure): ${row.title}`,
        body: `办件进入特别程序「${kind}」，所需时间不计入办理期限 (time not counted, art. 45)。预计所需：${String(variables.specialProcedureTime ?? '另行告知')}`,
      },
    },
  });
  return { clockPausedAt: iso(pausedAt), specialProcedure: null, specialProcedureKind: kind };
};

/** `handling-clock-resume`: the decision deadline moves by the working days the clock stood still. */
export const handlingClockResume: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const pausedAt = new Date(String(variables.clockPausedAt));
  const resumedAt = typeof variables.resumedAt === 'string' ? new Date(variables.resumedAt) : new Date();
  await refreshDistrictCalendar(prisma);
  // The days of the special procedure, both ends included, are not counted: the due date moves by exactly those.
  const paused = pausedWorkingDays({ from: iso(pausedAt), to: iso(resumedAt) }, { calendar: districtCalendar() });
  const due = new Date(String(variables.decisionDueAt));
  const newDue = resumeDeadline(due, pausedAt, resumedAt);
  const timeLimits = withMoreDays(variables.timeLimits, 'decisionDueAt', paused);
  const moved = { decisionDueAt: iso(newDue), ...(timeLimits ? { timeLimits } : {}) };
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'clock.resumed',
    after: { pausedWorkingDays: paused, decisionDueAt: iso(newDue) },
    variables: moved,
  });
  return { clockPausedAt: null, pausedWorkingDays: Number(variables.pausedWorkingDays ?? 0) + paused, ...moved };
};

type TimeLimits = Record<string, { start: string; days: number }>;

/** The deadline bases with `days` more working days for one of them (extension, art. 45 pause). */
function withMoreDays(value: unknown, name: string, days: number): TimeLimits | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const limits = value as TimeLimits;
  const basis = limits[name];
  return basis ? { ...limits, [name]: { ...basis, days: basis.days + days } } : limits;
}
