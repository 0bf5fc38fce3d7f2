import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { notFound } from '../errors';
import { query } from '../middleware/validate';
import { stageOf } from '../../activities/domain/citizen-stage';
import { identityOf } from '../services/identity.service';
import { createMaterialsService } from '../services/materials.service';

export const MyCasesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** /api/me — the signed-in person's identity (to prefill forms) and own cases with the stage in plain words. */
export function meRoutes(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const materials = createMaterialsService({ prisma });
  const router = Router();

  /** Each case with where it stands for the applicant (待补正 / 待缴费 / 待领取 …). */
  async function stagesOf(
    rows: {
      id: string;
      title: string;
      status: string;
      variables: unknown;
      result: unknown;
      startedAt: Date;
      endedAt: Date | null;
      tasks: { name: string }[];
    }[],
  ) {
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
  router.get('/me/identity', (req, res) => {
    res.json(identityOf(actorOf(req)));
  });
  router.get('/me/cases', async (req, res) => {
    const actor = actorOf(req);
    const page = query(req, MyCasesQuery);
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
    res.json({ items, total });
  });
  // One own case's stage, for its progress page (which refreshes it with the rest of the page).
  router.get('/me/cases/:id', async (req, res) => {
    const actor = actorOf(req);
    const row = await prisma.case.findUnique({
      where: { id: String(req.params.id) },
      include: { tasks: { where: { status: 'open' }, select: { name: true } } },
    });
    if (!row || row.applicantId !== actor.id) throw notFound('case', String(req.params.id));
    res.json((await stagesOf([row]))[0]);
  });
  return router;
}
