import { stageOf } from '../../activities/domain/citizen-stage';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { notFound } from '../errors';
import type { MaterialsService } from './materials.service';

interface CaseWithOpenTasks {
  id: string;
  title: string;
  status: string;
  variables: unknown;
  result: unknown;
  startedAt: Date;
  endedAt: Date | null;
  tasks: { name: string }[];
}

/** /api/me — the signed-in applicant's own cases, each with where it stands in plain words (待补正 / 待缴费 / 待领取 …). */
export function createApplicantService(deps: { prisma: PrismaClient; materials: MaterialsService }) {
  const { prisma, materials } = deps;

  /** Each case with where it stands for the applicant. */
  async function stagesOf(rows: CaseWithOpenTasks[]) {
    const deliveries = await prisma.resultDelivery.findMany({
      where: { caseId: { in: rows.map((r) => r.id) } },
      select: { caseId: true, method: true, status: true },
    });
    return Promise.all(
      rows.map(async (r) => {
        const vars = (r.variables ?? {}) as Record<string, unknown>;
        const needed =
          r.status === 'running'
            ? await materials.neededFromApplicant(r.id, Array.isArray(vars.neededFromApplicant) ? vars.neededFromApplicant : [])
            : [];
        const stage = stageOf({
          status: r.status,
          variables: vars,
          result: r.result,
          neededCount: needed.length,
          openTaskNames: r.tasks.map((t) => t.name),
          delivery: deliveries.find((d) => d.caseId === r.id) ?? null,
        });
        return { id: r.id, title: r.title, status: r.status, stage, startedAt: r.startedAt, endedAt: r.endedAt };
      }),
    );
  }

  return {
    async myCases(actor: AuthenticatedActor, page: { limit: number; offset: number }) {
      // A 差评 opens a rectification case in the rater's name: that is the district's work, not the citizen's application.
      const where = { applicantId: actor.id, eventCaseId: null, processKey: { not: 'mode-rectification' } };
      const [rows, total] = await Promise.all([
        prisma.case.findMany({
          where,
          orderBy: { startedAt: 'desc' },
          take: page.limit,
          skip: page.offset,
          include: { tasks: { where: { status: 'open' }, select: { name: true } } },
        }),
        prisma.case.count({ where }),
      ]);
      const items = await stagesOf(rows);
      return { items, total };
    },

    /** One own case's stage, for its progress page; someone else's case is not found. */
    async myCase(actor: AuthenticatedActor, caseId: string) {
      const row = await prisma.case.findUnique({
        where: { id: caseId },
        include: { tasks: { where: { status: 'open' }, select: { name: true } } },
      });
      if (!row || row.applicantId !== actor.id) throw notFound('case', caseId);
      return (await stagesOf([row]))[0];
    },
  };
}

export type ApplicantService = ReturnType<typeof createApplicantService>;
