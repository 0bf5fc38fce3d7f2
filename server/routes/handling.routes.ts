import { Router } from 'express';
import { z } from 'zod';
import { CREDIT_KINDS } from '../../activities/handling/credit';
import { actorOf, requireRole } from '../auth/authenticate';
import { body, query } from '../middleware/validate';
import type { DeliveryService } from '../services/delivery.service';
import { MODES, type HandlingService } from '../services/handling.service';
import type { LicencesService } from '../services/licences.service';
import type { NotificationsService } from '../services/notifications.service';
import type { RatingsService } from '../services/ratings.service';
import type { StatsService } from '../services/stats.service';
import { Variables } from './cases.routes';
import { deliveryRoutes } from './delivery.routes';
import { licencesRoutes } from './licences.routes';
import { notificationsRoutes } from './notifications.routes';
import { ratingsRoutes } from './ratings.routes';
import { statsRoutes } from './stats.routes';

export const ApplyBody = z.object({
  mode: z.enum(Object.keys(MODES) as [keyof typeof MODES, ...(keyof typeof MODES)[]]),
  itemCode: z.string().max(100).optional(),
  title: z.string().min(1).max(200).optional(),
  applicantId: z.string().min(1).max(64).optional(),
  variables: Variables.default({}),
  /** 容缺: codes of the materials to be supplied later. */
  deferredMaterials: z.array(z.string().min(1).max(60)).max(50).optional(),
  /** 容缺: the signed 申请容缺受理承诺书. */
  commitmentLetter: z.boolean().optional(),
  /** 告知承诺: the applicant's voluntary written commitment. */
  commitment: z.object({ accepted: z.boolean(), signedBy: z.string().max(100).optional() }).optional(),
});
export const CreditQuery = z.object({ subjectId: z.string().optional() });
export const CreditBody = z.object({
  subjectId: z.string().min(1).max(64),
  kind: z.enum(CREDIT_KINDS),
  reason: z.string().min(2).max(1000),
});

function modeRoutes(service: HandlingService): Router {
  const router = Router();
  router.get('/modes', (_req, res) => {
    res.json(service.modes());
  });
  router.post('/applications', async (req, res) => {
    const view = await service.apply(body(req, ApplyBody), actorOf(req));
    res.status(201).location(`/api/cases/${view.caseId}`).json(view);
  });
  router.get('/credit-records', requireRole('window', 'approver', 'supervisor', 'admin'), async (req, res) => {
    res.json(await service.creditRecords(query(req, CreditQuery).subjectId));
  });
  router.post('/credit-records', requireRole('supervisor', 'admin'), async (req, res) => {
    res.status(201).json(await service.addCredit(body(req, CreditBody), actorOf(req)));
  });
  router.post('/credit-records/:id/repair', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await service.repairCredit(String(req.params.id), actorOf(req)));
  });
  return router;
}

/**
 * In- and post-handling (办中/办后): handling modes, notifications, licences, delivery, ratings and
 * the supervisor's figures, mounted under /api.
 */
export function handlingRoutes(services: {
  handling: HandlingService;
  notifications: NotificationsService;
  licences: LicencesService;
  delivery: DeliveryService;
  ratings: RatingsService;
  stats: StatsService;
}): Router {
  const router = Router();
  router.use('/handling', modeRoutes(services.handling));
  router.use('/notifications', notificationsRoutes(services.notifications));
  router.use('/licences', licencesRoutes(services.licences));
  router.use('/delivery', deliveryRoutes(services.delivery));
  router.use('/ratings', ratingsRoutes(services.ratings, services.stats));
  router.use('/stats', statsRoutes(services.stats));
  return router;
}
