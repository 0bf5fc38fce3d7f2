import { randomInt } from 'node:crypto';
import type { PrismaClient } from '../data/generated/client';
import { AppError } from '../errors';
import { stageOf } from '../../activities/domain/citizen-stage';
import { DEMO_IDENTITIES } from './identity.service';
import type { MaterialsService } from './materials.service';

/** The case's 查询码 (six digits, printed on the receipt), created on first need. */
export async function ensureLookup(prisma: PrismaClient, caseId: string): Promise<{ queryCode: string }> {
  const found = await prisma.caseLookup.findUnique({ where: { caseId } });
  if (found) return found;
  const queryCode = String(randomInt(100_000, 999_999));
  await prisma.caseLookup.createMany({ data: [{ caseId, queryCode }], skipDuplicates: true });
  return (await prisma.caseLookup.findUnique({ where: { caseId } }))!;
}

export async function applicantNameOf(prisma: PrismaClient, applicantId: string): Promise<string> {
  const user = await prisma.user.findUnique({ where: { id: applicantId }, select: { name: true } });
  return user?.name ?? applicantId;
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜: enough to recognise one's own case, not to learn someone else's name. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const digits = (s: unknown) => String(s ?? '').replace(/\D/g, '');

/** Phone numbers the application carries (form fields named phone/tel/mobile) plus the applicant's verified one. */
function phonesOf(applicantId: string, ...sources: Record<string, unknown>[]): Set<string> {
  const out = new Set<string>();
  for (const src of sources)
    for (const [k, v] of Object.entries(src)) if (/phone|tel|mobile/i.test(k) && digits(v).length >= 7) out.add(digits(v));
  const known = DEMO_IDENTITIES[applicantId]?.phone;
  if (known) out.add(known);
  return out;
}

const notMatched = () => new AppError(404, 'NOT_FOUND', '未查到该办件：请核对办件编号和手机号（或查询码）', { field: 'caseNumber' });

/**
 * 办件进度查询 without signing in: the 办件编号 plus the applicant's phone or the receipt's 查询码.
 * A wrong pair and an unknown number get the same answer, so the lookup cannot probe which numbers exist.
 */
export function createLookupService(deps: { prisma: PrismaClient; materials: MaterialsService }) {
  const { prisma, materials } = deps;

  async function authorised(
    caseId: string,
    applicantId: string,
    vars: Record<string, unknown>,
    input: { phone?: string; queryCode?: string },
  ) {
    if (input.queryCode) {
      const row = await prisma.caseLookup.findUnique({ where: { caseId } });
      return !!row && row.queryCode === input.queryCode.trim();
    }
    return !!input.phone && phonesOf(applicantId, vars).has(digits(input.phone));
  }

  return {
    async progress(input: { caseNumber: string; phone?: string; queryCode?: string }) {
      const id = input.caseNumber.trim().toUpperCase();
      const ev = await prisma.eventCase.findUnique({ where: { id } });
      if (ev) {
        if (!(await authorised(ev.id, ev.applicantId, ev.form as Record<string, unknown>, input))) throw notMatched();
        const items = ev.items as { name: string; department: string; status: string; caseId: string }[];
        const done = items.filter((i) => !['waiting', 'running'].includes(i.status)).length;
        const label =
          ev.status === 'running'
            ? '联办中'
            : ev.status === 'completed'
              ? '已全部办结'
              : ev.status === 'rejected'
                ? '未予办理'
                : '部分办结';
        return {
          caseNumber: ev.id,
          title: ev.eventName,
          applicant: maskName(await applicantNameOf(prisma, ev.applicantId)),
          stage: { code: ev.status, label, action: '' },
          startedAt: ev.startedAt,
          endedAt: ev.endedAt,
          steps: items.map((i) => ({
            title: `${i.name}（${i.department}）`,
            status:
              i.status === 'running'
                ? 'process'
                : i.status === 'waiting' || i.status === 'skipped'
                  ? 'wait'
                  : i.status === 'rejected' || i.status === 'failed'
                    ? 'error'
                    : 'finish',
          })),
          current: items.filter((i) => i.status === 'running').map((i) => i.name),
          needed: [] as string[],
          deadline: null,
          progress: { done, total: items.length },
        };
      }
      const row = await prisma.case.findUnique({
        where: { id },
        include: { tasks: { where: { status: 'open' }, select: { name: true, dueAt: true, status: true } } },
      });
      if (!row) throw notMatched();
      const vars = (row.variables ?? {}) as Record<string, unknown>;
      if (!(await authorised(row.id, row.applicantId, vars, input))) throw notMatched();
      const open = row.tasks;
      const needed =
        row.status === 'running'
          ? await materials.neededFromApplicant(row.id, Array.isArray(vars.neededFromApplicant) ? vars.neededFromApplicant : [])
          : [];
      const delivery = await prisma.resultDelivery.findUnique({ where: { caseId: row.id }, select: { method: true, status: true } });
      const stage = stageOf({
        status: row.status,
        variables: vars,
        result: row.result,
        neededCount: needed.length,
        openTaskNames: open.map((t) => t.name),
        delivery,
      });
      const completedTasks = await prisma.task.count({ where: { caseId: row.id, status: 'completed' } });
      const deadline =
        ['supplementDueAt', 'decisionDueAt', 'licenceDueAt'].map((k) => vars[k]).find((v) => typeof v === 'string') ??
        open.find((t) => t.dueAt)?.dueAt ??
        null;
      const current = row.status !== 'running' ? 3 : completedTasks > 0 ? 2 : 1;
      return {
        caseNumber: row.id,
        title: row.title,
        applicant: maskName(await applicantNameOf(prisma, row.applicantId)),
        stage,
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        steps: ['提交申请', '受理', '审查决定', '办结'].map((title, i) => ({
          title,
          status: i < current ? 'finish' : i === current ? (row.status === 'running' ? 'process' : 'finish') : 'wait',
        })),
        current: open.map((t) => t.name),
        needed: needed.map((n) =>
          typeof n === 'string' ? n : [(n as { name?: string }).name, (n as { reason?: string }).reason].filter(Boolean).join('：'),
        ),
        deadline,
        progress: null,
      };
    },
  };
}

export type LookupService = ReturnType<typeof createLookupService>;
