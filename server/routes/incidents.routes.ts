import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import type { IncidentsService } from '../services/incidents.service';

export const ListIncidentsQuery = z.object({
  status: z.enum(['open', 'retried', 'resolved']).optional(),
  caseId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ResolveIncidentBody = z.object({
  variables: z.record(z.string(), z.unknown()).optional().describe('解决时写入的变量 (variables set when resolving)'),
});

export const DeliverMessageBody = z.object({
  name: z.string().min(1).max(200).describe('消息名称 (BPMN message name)'),
  correlationKey: z.string().min(1).max(200).optional().describe('关联键 (correlation key)'),
  variables: z.record(z.string(), z.unknown()).optional(),
  timeToLive: z
    .string()
    .regex(
      /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
      'ISO-8601 时长，如 PT1H (an ISO-8601 duration such as PT1H)',
    )
    .optional()
    .describe(
      '无人等待时消息的保留时长，ISO-8601，默认 PT1H；PT0S 不保留 (how long the message waits for a subscription; default PT1H, PT0S: not buffered)',
    ),
});

export const ClockBody = z.object({
  reason: z.string().min(1).max(500).optional().describe('暂停事由，如听证、检验检测、专家评审 (reason: hearing, testing, expert review…)'),
});

/** GET /api/incidents, POST /api/incidents/:id/retry|resolve (operators). */
export function incidentsRoutes(incidents: IncidentsService): Router {
  const router = Router();
  router.get('/', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await incidents.list(query(req, ListIncidentsQuery)));
  });
  router.get('/:id', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await incidents.get(String(req.params.id)));
  });
  router.post('/:id/retry', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await incidents.act(String(req.params.id), 'retry', actorOf(req)));
  });
  router.post('/:id/resolve', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await incidents.act(String(req.params.id), 'resolve', actorOf(req), body(req, ResolveIncidentBody).variables));
  });
  return router;
}

/** Engine operations on one case: POST /api/cases/:id/messages, /clock/pause, /clock/resume (staff). */
export function caseEngineRoutes(incidents: IncidentsService): Router {
  const router = Router();
  router.post('/:id/messages', requireRole(...STAFF_ROLES), async (req, res) => {
    const result = await incidents.message(String(req.params.id), body(req, DeliverMessageBody));
    res.status(202).json({ accepted: true, ...result });
  });
  router.post('/:id/clock/pause', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await incidents.clock(String(req.params.id), 'pause', actorOf(req), body(req, ClockBody).reason));
  });
  router.post('/:id/clock/resume', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await incidents.clock(String(req.params.id), 'resume', actorOf(req)));
  });
  return router;
}

/** The engine's HTTP area, mounted once under /api. */
export function engineRoutes(incidents: IncidentsService): Router {
  const router = Router();
  router.use('/incidents', incidentsRoutes(incidents));
  router.use('/cases', caseEngineRoutes(incidents));
  return router;
}
