import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Prisma, PrismaClient } from '../../server/data/generated/client';
import { areaOf, commissionerOf, LEADERSHIP } from '../domain/machines/directory';
import type { ActiveDeadline, SupervisionParams } from '../../workflows/machines/supervision';
import { writeAudit } from '../audit';
import { enqueueUserNotification } from '../notifications/outbox';

/** Side effects of the rule machines: the read model of each instance, its steps, 督办 notices and notices. */
export interface RecordTransitionArgs {
  kind: string;
  instanceId: string;
  event: { type: string; actor: string; at: number; payload?: unknown };
  from: unknown;
  to: unknown;
  states: string[];
  status: string;
  context: Record<string, unknown>;
}

export interface MachineActionArgs {
  kind: string;
  instanceId: string;
  type: string;
  params: unknown;
  context: unknown;
}

const LEVEL_LABELS = { remind: '到期提醒', urge: '催办', escalate: '升级督办' } as const;

/** What the applicant's message is about, by machine kind (the title of an SMS or WeChat notice). */
const NOTICE_TITLES: Record<string, string> = { agency: '帮办代办进展', fallback: '“办不成事”反映办理进展', hotline: '12345 工单办理进展' };

/** Stable across retries of one activity, so a retried notice is not sent twice. */
function activityKey(): string {
  try {
    const info = Context.current().info;
    return `${info.workflowExecution?.runId ?? info.activityRunId}:${info.activityId}`;
  } catch {
    return randomUUID();
  }
}

export const stepIdOf = (instanceId: string, deadline: Pick<ActiveDeadline, 'step' | 'enteredAt'>) =>
  `${instanceId}:${deadline.step}:${deadline.enteredAt}`;

const json = (v: unknown) => (v ?? null) as Prisma.InputJsonValue;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function createMachineActivities(prisma: PrismaClient) {
  return {
    async recordMachineTransition(args: RecordTransitionArgs): Promise<void> {
      const { context } = args;
      const at = new Date(args.event.at);
      const deadline = context.deadline as ActiveDeadline | undefined;
      const department = str(context.department) ?? deadline?.department;
      const data = {
        kind: args.kind,
        workflowId: `${args.kind}-${args.instanceId}`,
        title: str(context.title) ?? str(context.matter) ?? str(context.content) ?? args.kind,
        state: json(args.to),
        states: args.states,
        status: args.status,
        department: department ?? null,
        holder: deadline?.holder ?? str(context.holder) ?? null,
        area: areaOf(department) ?? str(context.area) ?? null,
        context: json(context),
      };
      await prisma.$transaction(async (tx) => {
        await tx.machineInstance.upsert({ where: { id: args.instanceId }, create: { id: args.instanceId, ...data }, update: data });
        await tx.machineTransition.create({
          data: {
            instanceId: args.instanceId,
            kind: args.kind,
            event: args.event.type,
            actor: args.event.actor,
            payload: json(args.event.payload),
            fromState: json(args.from),
            toState: json(args.to),
            at,
          },
        });
        // The step with a deadline now active (if any) is open; every other open step of the instance was just left.
        const openId = deadline ? stepIdOf(args.instanceId, deadline) : undefined;
        // Meeting decision tasks (`task:<n>`) are closed by their own event, not by leaving a state.
        await tx.machineStep.updateMany({
          where: {
            instanceId: args.instanceId,
            completedAt: null,
            NOT: { step: { startsWith: 'task:' } },
            ...(openId ? { id: { not: openId } } : {}),
          },
          data: { completedAt: at },
        });
        if (deadline && openId) {
          await tx.machineStep.upsert({
            where: { id: openId },
            update: {},
            create: {
              id: openId,
              instanceId: args.instanceId,
              kind: args.kind,
              step: deadline.step,
              deadlineKey: deadline.key,
              workingDays: deadline.workingDays,
              source: deadline.source,
              department: deadline.department ?? null,
              holder: deadline.holder,
              enteredAt: new Date(deadline.enteredAt),
              dueAt: new Date(deadline.dueAt),
            },
          });
        }
        await writeAudit(tx, {
          actor: args.event.actor,
          action: `${args.kind}.${args.event.type}`,
          before: args.from,
          after: args.to,
          details: { instanceId: args.instanceId, payload: args.event.payload },
        });
      });
    },

    async runMachineAction(args: MachineActionArgs): Promise<void> {
      const context = (args.context ?? {}) as Record<string, unknown>;
      const at = new Date();
      const notify = (recipient: string, message: string) =>
        prisma.machineNotification.create({ data: { instanceId: args.instanceId, kind: args.kind, recipient, message, at } });
      switch (args.type) {
        case 'notify': {
          const { to, message } = args.params as { to: string; message: string };
          const recipient = to === 'applicant' ? applicantOf(context, args.instanceId) : to;
          if (to !== 'applicant' || recipient.startsWith('applicant:')) {
            await notify(recipient, message);
            return;
          }
          // An applicant with an account hears through the same channels as for a case (免打扰 rules included).
          await prisma.$transaction(async (tx) => {
            await tx.machineNotification.create({ data: { instanceId: args.instanceId, kind: args.kind, recipient, message, at } });
            await enqueueUserNotification(tx, {
              userId: recipient,
              key: ['machine', activityKey()],
              title: NOTICE_TITLES[args.kind] ?? '办理进展',
              body: message,
              reference: args.instanceId,
            });
          });
          return;
        }
        case 'notifyDepartments': {
          const { departments, message } = args.params as { departments: string[]; message: string };
          for (const d of departments) await notify(`dept:${d}`, message);
          return;
        }
        case 'supervision': {
          const { level, deadline } = args.params as SupervisionParams;
          const recipients = new Set([deadline.holder]);
          if (level !== 'remind' && deadline.department) recipients.add(`dept:${deadline.department}`);
          if (level === 'escalate') recipients.add(LEADERSHIP.userId);
          // The area's 审批监管特派员 hears of every overdue linkage step.
          const commissioner =
            args.kind.startsWith('linkage') && level !== 'remind'
              ? commissionerOf(deadline.department ?? str(context.department))
              : undefined;
          if (commissioner) recipients.add(commissioner.userId);
          const reason = `${LEVEL_LABELS[level]}：步骤 ${deadline.step} 时限 ${deadline.workingDays} 个工作日（${deadline.source}），到期 ${new Date(deadline.dueAt).toISOString()}${level === 'remind' ? '，即将到期' : '，已超期'}`;
          await prisma.$transaction(async (tx) => {
            await tx.machineEscalation.create({
              data: {
                stepId: stepIdOf(args.instanceId, deadline),
                instanceId: args.instanceId,
                kind: args.kind,
                level,
                reason,
                holder: deadline.holder,
                department: deadline.department ?? null,
                notified: [...recipients],
                at,
              },
            });
            for (const r of recipients)
              await tx.machineNotification.create({
                data: { instanceId: args.instanceId, kind: args.kind, recipient: r, message: reason, at },
              });
            await writeAudit(tx, {
              actor: 'system',
              action: `${args.kind}.supervision.${level}`,
              details: { instanceId: args.instanceId, step: deadline.step, notified: [...recipients] },
            });
          });
          return;
        }
        case 'openTasks': {
          const { tasks } = args.params as { tasks: { owner: string; description: string; workingDays: number; dueAt: number }[] };
          const ctx = context as { instanceId?: string; deadlines?: Record<string, { source: string }> };
          for (const [i, t] of tasks.entries()) {
            await prisma.machineStep.upsert({
              where: { id: `${args.instanceId}:task:${i}` },
              update: {},
              create: {
                id: `${args.instanceId}:task:${i}`,
                instanceId: args.instanceId,
                kind: args.kind,
                step: `task:${i}`,
                deadlineKey: 'meetingTask',
                workingDays: t.workingDays,
                source: ctx.deadlines?.meetingTask?.source ?? 'meeting decision',
                department: t.owner,
                holder: `dept:${t.owner}`,
                enteredAt: at,
                dueAt: new Date(t.dueAt),
              },
            });
            await notify(`dept:${t.owner}`, `联席会议决定事项：${t.description}，请于 ${new Date(t.dueAt).toISOString()} 前办结`);
          }
          return;
        }
        case 'closeTask': {
          const { index, task } = args.params as { index: number; task: { doneAt?: number } };
          await prisma.machineStep.updateMany({
            where: { id: `${args.instanceId}:task:${index}`, completedAt: null },
            data: { completedAt: new Date(task.doneAt ?? Date.now()) },
          });
          return;
        }
        case 'recordAdjustment': {
          const p = args.params as {
            change: string;
            itemCode: string;
            itemName: string;
            payload: unknown;
            reason: string;
            proposedBy: string;
            approvedBy: string;
            at: number;
          };
          await prisma.catalogueAdjustment.upsert({
            where: { id: args.instanceId },
            update: {},
            create: {
              id: args.instanceId,
              change: p.change,
              itemCode: p.itemCode,
              itemName: p.itemName,
              payload: json(p.payload),
              reason: p.reason,
              proposedBy: p.proposedBy,
              approvedBy: p.approvedBy,
              effectiveAt: new Date(p.at),
            },
          });
          return;
        }
        default:
          throw ApplicationFailure.nonRetryable(`未知的状态机动作 (unknown machine action): ${args.type}`, 'UnknownMachineAction');
      }
    },
  };
}

function applicantOf(context: Record<string, unknown>, instanceId: string): string {
  const applicant = context.applicant as { userId?: string } | undefined;
  return applicant?.userId ?? str(context.applicantId) ?? `applicant:${instanceId}`;
}
