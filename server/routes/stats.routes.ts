import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate';
import { query } from '../middleware/validate';
import type { StatsService } from '../services/stats.service';

export const OverviewQuery = z.object({
  department: z.string().max(100).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

export function statsRoutes(stats: StatsService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  router.get('/overview', async (req, res) => {
    res.json(await stats.overview(query(req, OverviewQuery)));
  });
  return router;
}
