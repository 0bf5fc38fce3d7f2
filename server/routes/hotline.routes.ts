import express, { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body, query } from '../middleware/validate';
import type { HotlineService } from '../services/hotline.service';
import { assertCentral } from '../services/department-scope';
import { MATTER_TREE } from '../../activities/domain/hotline/matter-types';
import { Page } from './cases.routes';

export const HotlineOrderBody = z.object({
  orderId: z.string().min(1).max(64).describe('12345 工单编号 (the hotline system’s id; resending it is idempotent)'),
  callerPhone: z.string().min(3).max(30),
  callerName: z.string().max(100).optional(),
  subject: z.string().max(200).optional().describe('诉求对象 (address, enterprise or place the order is about)'),
  category: z.enum(['consult', 'help', 'complaint']).describe('咨询 | 求助/意见建议 | 投诉举报'),
  content: z.string().min(2).max(8000),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export const HotlineEventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order.dispatch'), department: z.string().min(1), holder: z.string().min(1) }),
  z.object({ type: z.literal('order.sign') }),
  z.object({ type: z.literal('order.return'), reason: z.string().min(2).max(2000) }),
  z.object({ type: z.literal('order.reassign'), department: z.string().min(1), holder: z.string().min(1) }),
  z.object({ type: z.literal('order.extend'), workingDays: z.number().int().min(1).max(30), reason: z.string().min(2).max(2000) }),
  z.object({ type: z.literal('order.reply'), content: z.string().min(1).max(8000) }),
  z.object({ type: z.literal('order.revisit'), reached: z.boolean(), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('order.rate'), satisfied: z.boolean(), comment: z.string().max(2000).optional() }),
]);

export const ListHotlineQuery = z.object({
  callerPhone: z.string().optional(),
  category: z.enum(['consult', 'help', 'complaint']).optional(),
  status: z.enum(['active', 'done']).optional().describe('工单状态机：办理中 | 已结束（办结或并单）'),
  merged: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  ...Page,
});

export const RepeatGroupsQuery = z.object({ ...Page });

export const MatterTypeBody = z.object({
  matterType: z.string().min(1).describe('诉求分类 leaf code, e.g. srhj.zhandao (GET /api/hotline/matter-types)'),
  reason: z.string().max(2000).optional(),
});
export const SplitBody = z.object({ reason: z.string().min(2).max(2000).describe('拆单理由') });
export const MergeBody = z.object({
  leadOrderId: z.string().min(1).describe('并入的主单'),
  reason: z.string().min(2).max(2000).describe('补并理由'),
});

/** 12345 work orders (/api/hotline). */
export function hotlineRoutes(hotline: HotlineService): Router {
  const router = Router();
  router.use(requireRole('window', 'approver', 'supervisor', 'admin'));
  router.post('/orders', async (req, res) => {
    assertCentral(actorOf(req), '12345工单登记');
    const result = await hotline.intake(body(req, HotlineOrderBody));
    res.status(result.duplicate ? 200 : 201).json(result);
  });
  router.get('/orders', async (req, res) => {
    res.json(await hotline.list(query(req, ListHotlineQuery), actorOf(req)));
  });
  router.get('/repeat-groups', async (req, res) => {
    res.json(await hotline.repeatGroups(query(req, RepeatGroupsQuery), actorOf(req)));
  });
  router.get('/orders/:id', async (req, res) => {
    res.json(await hotline.get(req.params.id, actorOf(req)));
  });
  router.post('/orders/:id/events', async (req, res) => {
    res.json(await hotline.send(req.params.id, body(req, HotlineEventBody), actorOf(req)));
  });
  router.get('/matter-types', (_req, res) => {
    res.json({ items: MATTER_TREE, repeatRule: hotline.repeatRule() });
  });
  router.put('/orders/:id/matter-type', async (req, res) => {
    res.json(await hotline.setMatterType(req.params.id, body(req, MatterTypeBody), actorOf(req).id));
  });
  router.post('/orders/:id/split', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await hotline.split(String(req.params.id), body(req, SplitBody).reason, actorOf(req).id));
  });
  router.post('/orders/:id/merge', requireRole('supervisor', 'admin'), async (req, res) => {
    const b = body(req, MergeBody);
    res.json(await hotline.mergeInto(String(req.params.id), b.leadOrderId, b.reason, actorOf(req).id));
  });
  return router;
}

/** The hotline system's push (/api/hotline/webhook/orders): no bearer token, a shared secret in `x-hotline-secret`. */
export function hotlineWebhookRoutes(hotline: HotlineService): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.post('/orders', async (req, res) => {
    hotline.checkWebhookSecret(req.header('x-hotline-secret'));
    const result = await hotline.intake(body(req, HotlineOrderBody));
    res.status(result.duplicate ? 200 : 201).json(result);
  });
  return router;
}
