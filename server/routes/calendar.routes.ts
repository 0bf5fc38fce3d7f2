import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { parse } from '../middleware/validate';
import type { CalendarService } from '../services/calendar.service';

export const CalendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100).describe('年份 (year)') });

/** 节假日安排: the loaded years and warnings (staff), loading a year's notice (admin). */
export function calendarRoutes(calendar: CalendarService): Router {
  const router = Router();
  router.get('/', requireRole('admin', 'supervisor', 'window', 'approver'), async (_req, res) => {
    res.json(await calendar.status());
  });
  router.get('/notices/:year', requireRole('admin', 'supervisor'), async (req, res) => {
    const { year } = parse(CalendarYearParams, req.params);
    res.json({ items: await calendar.versions(year) });
  });
  router.post('/notices', requireRole('admin'), async (req, res) => {
    const result = await calendar.load(req.body, actorOf(req).id, 'api');
    res.status(result.status === 'created' ? 201 : 200).json(result);
  });
  return router;
}
