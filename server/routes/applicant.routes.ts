import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import { query } from '../middleware/validate';
import type { ApplicantService } from '../services/applicant.service';
import { identityOf } from '../services/identity.service';

export const MyCasesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** /api/me — the signed-in person's identity (to prefill forms) and own cases with the stage in plain words. */
export function meRoutes(applicant: ApplicantService): Router {
  const router = Router();
  router.get('/me/identity', (req, res) => {
    res.json(identityOf(actorOf(req)));
  });
  router.get('/me/cases', async (req, res) => {
    res.json(await applicant.myCases(actorOf(req), query(req, MyCasesQuery)));
  });
  // One own case's stage, for its progress page (which refreshes it with the rest of the page).
  router.get('/me/cases/:id', async (req, res) => {
    res.json(await applicant.myCase(actorOf(req), String(req.params.id)));
  });
  return router;
}
