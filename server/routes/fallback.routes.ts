import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { assertCentral } from '../services/department-scope';
import { body, query } from '../middleware/validate';
import type { EscalationsService } from '../services/escalations.service';
import type { FallbackService } from '../services/fallback.service';
import { Page } from './cases.routes';

export const RegisterFallbackBody = z.object({
  matter: z.string().min(2).max(4000).describe('反映的问题 (the matter that could not get done)'),
  applicant: z.object({ name: z.string().min(1).max(100), phone: z.string().max(30).optional(), userId: z.string().optional() }),
  hotlineOrderIds: z.array(z.string()).optional(),
});

const note = z.string().max(4000).optional();
export const FallbackEventBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('fallback.classify'),
    category: z.enum(['simple', 'general', 'complex', 'cannot']).describe('简单 | 一般 | 复杂 | 不能办'),
    cause: z.enum(['cannotDo', 'hardToDo', 'refused']).describe('办不了 | 很难办 | 不给办'),
    department: z.string().min(1),
    holder: z.string().min(1).describe('责任人 (user id in the responsible department)'),
    note,
  }),
  z.object({ type: z.literal('fallback.conclude'), result: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('fallback.explain'), policy: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('fallback.feedback'), satisfied: z.boolean(), note }),
  z.object({ type: z.literal('fallback.verify'), passed: z.boolean(), note }),
  z.object({ type: z.literal('fallback.file') }),
]);

export const ListFallbackQuery = z.object({ status: z.enum(['active', 'done']).optional(), ...Page });
export const ListEscalationsQuery = z.object({
  open: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  kind: z.string().optional(),
  ...Page,
});

/** The "办不成事" window (/api/fallback). */
export function fallbackRoutes(fallback: FallbackService): Router {
  const router = Router();
  router.use(requireRole('window', 'approver', 'supervisor', 'admin'));
  router.post('/records', async (req, res) => {
    assertCentral(actorOf(req), '办不成事登记');
    res.status(201).json(await fallback.register(body(req, RegisterFallbackBody), actorOf(req).id));
  });
  router.get('/records', async (req, res) => {
    res.json(await fallback.list(query(req, ListFallbackQuery), actorOf(req)));
  });
  router.get('/records/:id', async (req, res) => {
    res.json(await fallback.get(req.params.id, actorOf(req)));
  });
  router.post('/records/:id/events', async (req, res) => {
    res.json(await fallback.send(req.params.id, body(req, FallbackEventBody), actorOf(req)));
  });
  return router;
}

/** Every escalation, for supervisors (/api/escalations). */
export function escalationsRoutes(escalations: EscalationsService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  router.get('/', async (req, res) => {
    res.json(await escalations.list(query(req, ListEscalationsQuery)));
  });
  return router;
}
