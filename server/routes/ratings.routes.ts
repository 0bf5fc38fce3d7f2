import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body, query } from '../middleware/validate';
import { RATING_CHANNELS, type RatingsService } from '../services/ratings.service';
import type { StatsService } from '../services/stats.service';
import { BAD_RATING_REASONS } from '../../activities/domain/rating-reasons';

const Level = z.number().int().min(1).max(5);

export const RateBody = z.object({
  caseId: z.string().min(1).max(64),
  /** 1 非常不满意 … 5 非常满意; 1–2 are 差评. */
  level: Level,
  channel: z.enum(RATING_CHANNELS),
  serviceId: z.string().min(1).max(100).optional(),
  comment: z.string().max(1000).optional(),
  /** 差评原因 (required for 1–2 stars online): chosen from the national list. */
  reasons: z.array(z.enum(BAD_RATING_REASONS)).max(BAD_RATING_REASONS.length).optional(),
  district: z.string().max(100).optional(),
  subdistrict: z.string().max(100).optional(),
  community: z.string().max(100).optional(),
});
export const AppealBody = z.object({ reason: z.string().min(2).max(1000) });
export const ReviewBody = z.object({ decision: z.enum(['remove', 'keep']), reason: z.string().min(2).max(1000) });
export const RerateBody = z.object({ level: Level, comment: z.string().max(1000).optional() });
export const RatingStatsQuery = z.object({
  groupBy: z.enum(['district', 'subdistrict', 'community']).default('district'),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

export function ratingsRoutes(service: RatingsService, stats: StatsService): Router {
  const router = Router();
  router.get('/reasons', (_req, res) => {
    res.json({ items: BAD_RATING_REASONS });
  });
  router.get('/mine', requireRole('applicant'), async (req, res) => {
    res.json(await service.mineForCase(String(req.query.caseId ?? ''), actorOf(req)));
  });
  router.post('/', requireRole('applicant'), async (req, res) => {
    res.status(201).json(await service.rate(body(req, RateBody), actorOf(req)));
  });
  router.get('/stats', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await stats.ratings(query(req, RatingStatsQuery)));
  });
  router.post('/invitations', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await service.sendInvitations(actorOf(req)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await service.get(String(req.params.id), actorOf(req)));
  });
  router.post('/:id/appeal', requireRole('window', 'approver', 'admin'), async (req, res) => {
    res.status(201).json(await service.appeal(String(req.params.id), body(req, AppealBody).reason, actorOf(req)));
  });
  router.post('/:id/review', requireRole('supervisor', 'admin'), async (req, res) => {
    const { decision, reason } = body(req, ReviewBody);
    res.status(201).json(await service.review(String(req.params.id), decision, reason, actorOf(req)));
  });
  router.post('/:id/rerate', requireRole('applicant'), async (req, res) => {
    res.status(201).json(await service.rerate(String(req.params.id), body(req, RerateBody), actorOf(req)));
  });
  return router;
}
