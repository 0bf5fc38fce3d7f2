import type { Express, Router } from 'express';
import type { AppDeps } from '../../app';
import { escalationsRoutes, fallbackRoutes } from '../../routes/fallback.routes';
import { createEscalationsService } from '../escalations.service';
import { createFallbackService } from '../fallback.service';
import { createMachineClient } from './machine-client';

/** Mounts the rule-machine areas: /api/fallback, /api/escalations, /api/hotline, /api/agency, /api/linkage. */
export function mountMachineRoutes(app: Express, api: Router, deps: AppDeps): void {
  const { prisma } = deps;
  const machines = createMachineClient({ temporal: deps.temporal.client, taskQueue: deps.temporal.taskQueue, prisma });
  const fallback = createFallbackService({ prisma, machines });
  api.use('/fallback', fallbackRoutes(fallback));
  api.use('/escalations', escalationsRoutes(createEscalationsService(prisma)));
  void app;
}
