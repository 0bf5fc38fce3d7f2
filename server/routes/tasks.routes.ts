import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import type { TasksService } from '../services/tasks.service';
import { Page, Variables } from './cases.routes';

export const ListTasksQuery = z.object({
  mine: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  caseId: z.string().optional(),
  status: z.enum(['open', 'completed']).default('open'),
  ...Page,
});

export const CompleteTaskBody = z.object({ variables: Variables.default({}) });

export function tasksRoutes(tasks: TasksService): Router {
  const router = Router();
  router.use(requireRole(...STAFF_ROLES));
  router.get('/', async (req, res) => {
    res.json(await tasks.list(actorOf(req), query(req, ListTasksQuery)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await tasks.get(req.params.id));
  });
  router.post('/:id/complete', async (req, res) => {
    const { variables } = body(req, CompleteTaskBody);
    res.json(await tasks.complete(req.params.id, actorOf(req), variables));
  });
  return router;
}
