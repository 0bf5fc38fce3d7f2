import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import { query } from '../middleware/validate';
import type { TimelineService } from '../services/timeline.service';

export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

/** GET /api/cases/:id/timeline — staff see every case, applicants their own. */
export function timelineRoutes(timeline: TimelineService): Router {
  const router = Router();
  router.get('/:id/timeline', async (req, res) => {
    res.json(await timeline.timeline(req.params.id, actorOf(req), query(req, TimelineQuery)));
  });
  return router;
}
