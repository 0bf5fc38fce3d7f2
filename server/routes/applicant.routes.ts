import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { query } from '../middleware/validate';
import { stageOf } from '../../activities/domain/citizen-stage';
import { identityOf } from '../services/identity.service';
import { createMaterialsService } from '../services/materials.service';

export const MyCasesQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) });

/** /api/me — the signed-in person's identity (to prefill forms) and own cases with the stage in plain words. */
export function meRoutes(deps: { prisma: PrismaClient }): Router {
  const { prisma } = deps;
  const materials = createMaterialsService({ prisma });
  const router = Router();
  router.get('/me/identity', (req, res) => {
    res.json(identityOf(actorOf(req)));
  });
  router.get('/me/cases', async (req, res) => {
    const actor = actorOf(req);
    const page = query(req, MyCasesQuery);
    // A 差评 opens a rectification case in the rater's name: that is the district's work, not the citizen's application.
    const where = { applicantId: actor.id, eventCaseId: null, processKey: { not: 'mode-rectification' } };
    const [rows, total] = await Promise.all([
      prisma.case.findMany({ where, orderBy: { startedAt: 'desc' }, take: page.limit, skip: page.offset, include: { tasks: { where: { status: 'open' }, select: { name: true } } } }),
      prisma.case.count({ where }),
    ]);
    const deliveries = await prisma.resultDelivery.findMany({ where: { caseId: { in: rows.map((r) => r.id) } }, select: { caseId: true, method: true, status: true } });
    const items = await Promise.all(
      rows.map(async (r) => {
        const vars = (r.variables ?? {}) as Record<string, unknown>;
        const needed = r.status === 'running' ? await materials.neededFromApplicant(r.id, Array.isArray(vars.neededFromApplicant) ? vars.neededFromApplicant : []) : [];
        const stage = stageOf({ status: r.status, variables: vars, result: r.result, neededCount: needed.length, openTaskNames: r.tasks.map((t) => t.name), delivery: deliveries.find((d) => d.caseId === r.id) ?? null });
        return { id: r.id, title: r.title, status: r.status, stage, startedAt: r.startedAt, endedAt: r.endedAt };
      }),
    );
    res.json({ items, total });
  });
  return router;
}
