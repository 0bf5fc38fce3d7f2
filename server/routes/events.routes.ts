import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body, query } from '../middleware/validate';
import type { EventsService } from '../services/events.service';
import { Page, Variables } from './cases.routes';

const MaterialCodes = z
  .array(z.string().regex(/^[A-Z][A-Z0-9_]{1,40}$/))
  .max(200)
  .default([]);
export const MaterialChoices = z
  .object({
    /** Materials the applicant uploads now. */
    submitted: MaterialCodes,
    /** Materials the applicant replaces by a written commitment (告知承诺). */
    commitments: MaterialCodes,
    /** Materials the applicant will supply later (容缺). */
    deferrals: MaterialCodes,
  })
  .default({ submitted: [], commitments: [], deferrals: [] });

export const StartEventCaseBody = z.object({
  applicantId: z.string().min(1).max(64).optional(),
  form: Variables.default({}),
  materials: MaterialChoices,
  prereviewId: z.string().max(64).optional(),
});
export const ListEventsQuery = z.object({ subject: z.enum(['natural', 'legal']).optional() });
export const ListEventCasesQuery = z.object({ eventCode: z.string().max(64).optional(), ...Page });
export const ReductionQuery = z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() });

/** 一件事一次办: events, their joint form and material set, and combined cases. */
export function eventsRoutes(events: EventsService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const items = await events.detailList(query(req, ListEventsQuery).subject);
    res.json({ items, total: items.length });
  });
  router.get('/cases', async (req, res) => {
    res.json(await events.list(actorOf(req), query(req, ListEventCasesQuery)));
  });
  router.get('/cases/:id', async (req, res) => {
    res.json(await events.get(req.params.id, actorOf(req)));
  });
  router.get('/:code', async (req, res) => {
    res.json(await events.detail(req.params.code, actorOf(req)));
  });
  router.post('/:code/cases', async (req, res) => {
    const view = await events.start(req.params.code, body(req, StartEventCaseBody), actorOf(req));
    res.status(201).location(`/api/events/cases/${view.eventCaseId}`).json(view);
  });
  return router;
}

/** Supervisor view: material reduction rate (材料精简率) over event cases. */
export function materialReductionRoutes(events: EventsService): Router {
  const router = Router();
  router.get('/material-reduction', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await events.materialReduction(query(req, ReductionQuery)));
  });
  return router;
}
