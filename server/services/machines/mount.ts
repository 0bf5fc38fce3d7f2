import type { Express, Router } from 'express';
import type { AppDeps } from '../../app';
import { escalationsRoutes, fallbackRoutes } from '../../routes/fallback.routes';
import { createEscalationsService } from '../escalations.service';
import { createFallbackService } from '../fallback.service';
import { createHotlineService } from '../hotline.service';
import { hotlineRoutes, hotlineWebhookRoutes } from '../../routes/hotline.routes';
import { createMachineClient } from './machine-client';

/** Mounts the rule-machine areas: /api/fallback, /api/escalations, /api/hotline, /api/agency, /api/linkage. */
export function mountMachineRoutes(app: Express, api: Router, deps: AppDeps): void {
  const { prisma } = deps;
  const machines = createMachineClient({ temporal: deps.temporal.client, taskQueue: deps.temporal.taskQueue, prisma });
  const fallback = createFallbackService({ prisma, machines });
  api.use('/fallback', fallbackRoutes(fallback));
  api.use('/escalations', escalationsRoutes(createEscalationsService(prisma)));
  const hotline = createHotlineService({ prisma, machines, fallback });
  // The webhook sits before the authenticated /api router: the hotline system signs with a shared secret.
  app.use('/api/hotline/webhook', hotlineWebhookRoutes(hotline));
  api.use('/hotline', hotlineRoutes(hotline));
}
