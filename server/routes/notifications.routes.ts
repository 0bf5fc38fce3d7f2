import { Router } from 'express';
import { z } from 'zod';
import { CHANNELS } from '../../activities/notifications/channels/types';
import { actorOf } from '../auth/authenticate';
import { body, parse, query } from '../middleware/validate';
import type { NotificationsService } from '../services/notifications.service';
import { Page } from './cases.routes';

export const InboxQuery = z.object({ ...Page });
export const ChannelParam = z.enum(CHANNELS);
export const PreferenceBody = z
  .object({
    enabled: z.boolean(),
    /** Phone, WeChat openid or webhook URL. */
    address: z.string().max(500).nullable().optional(),
  })
  .refine((b) => !b.address || !/^https?:/i.test(b.address) || URL.canParse(b.address), {
    message: '回调地址不是合法的 URL (invalid URL)',
    path: ['address'],
  });

export function notificationsRoutes(service: NotificationsService): Router {
  const router = Router();
  router.get('/mine', async (req, res) => {
    res.json(await service.inbox(actorOf(req), query(req, InboxQuery)));
  });
  router.get('/preferences', async (req, res) => {
    res.json(await service.preferences(actorOf(req)));
  });
  router.put('/preferences/:channel', async (req, res) => {
    res.json(await service.setPreference(actorOf(req), parse(ChannelParam, String(req.params.channel)), body(req, PreferenceBody)));
  });
  router.get('/cases/:caseId', async (req, res) => {
    res.json(await service.ofCase(String(req.params.caseId), actorOf(req)));
  });
  router.get('/cases/:caseId/progress', async (req, res) => {
    res.json(await service.progress(String(req.params.caseId), actorOf(req)));
  });
  return router;
}
