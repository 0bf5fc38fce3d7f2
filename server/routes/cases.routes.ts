import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import { body, query } from '../middleware/validate';
import type { CasesService } from '../services/cases.service';

export const Variables = z.record(z.string(), z.unknown());

export const StartCaseBody = z.object({
  processKey: z.string().min(1).max(200),
  applicantId: z.string().min(1).max(64).optional(),
  title: z.string().min(1).max(200).optional(),
  itemCode: z.string().max(100).optional(),
  variables: Variables.default({}),
});

export const Page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/** 办件查询 search fields, shared by the case list and the inbox. */
export const CaseSearchQuery = {
  /** 办件编号 (exact or prefix), applicant name (prefix), ID number or phone number (exact). */
  q: z.string().trim().min(1).max(64).optional(),
  itemCode: z.string().max(100).optional(),
  /** The implementing department (实施主体) of the case's item, as the catalogue names it, e.g. 区市场监督管理局. */
  department: z.string().max(64).optional(),
  /** Applied on or after this date. */
  from: z.coerce.date().optional(),
  /** Applied before this date. */
  to: z.coerce.date().optional(),
};

export const ListCasesQuery = z.object({
  status: z.enum(['running', 'completed', 'failed']).optional(),
  /** 一件事: only the item cases of this combined case. */
  eventCaseId: z.string().max(64).optional(),
  /** Include item cases of 一件事 combined cases (default: staff yes, applicants no — they follow the combined case). */
  eventItems: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  ...CaseSearchQuery,
  ...Page,
});

export function casesRoutes(cases: CasesService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const view = await cases.start(body(req, StartCaseBody), actorOf(req));
    res.status(201).location(`/api/cases/${view.caseId}`).json(view);
  });
  router.get('/', async (req, res) => {
    res.json(await cases.list(actorOf(req), query(req, ListCasesQuery)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await cases.get(req.params.id, actorOf(req)));
  });
  return router;
}
