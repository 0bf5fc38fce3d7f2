import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body } from '../middleware/validate';
import type { DeliveryService } from '../services/delivery.service';

/** 领取 / 邮寄: 邮寄 needs the address, the recipient and a phone to reach them. */
export const DeliveryChoiceBody = z
  .object({
    method: z.enum(['pickup', 'mail']),
    address: z.string().trim().max(200).optional(),
    recipient: z.string().trim().max(50).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写正确的联系电话')
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (b.method !== 'mail') return;
    if (!b.address || b.address.length < 5) ctx.addIssue({ code: 'custom', path: ['address'], message: '请填写详细的邮寄地址' });
    if (!b.recipient) ctx.addIssue({ code: 'custom', path: ['recipient'], message: '请填写收件人' });
    if (!b.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请填写收件人电话' });
  });

export function deliveryRoutes(service: DeliveryService): Router {
  const router = Router();
  router.put('/:caseId/choice', requireRole('applicant'), async (req, res) => {
    res.json(await service.choose(String(req.params.caseId), body(req, DeliveryChoiceBody), actorOf(req)));
  });
  router.get('/:caseId', async (req, res) => {
    res.json(await service.get(String(req.params.caseId), actorOf(req)));
  });
  router.post('/:caseId/delivered', requireRole('window', 'admin'), async (req, res) => {
    res.json(await service.confirm(String(req.params.caseId), actorOf(req)));
  });
  return router;
}
