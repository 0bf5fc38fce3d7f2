import type { Express, Router } from 'express';
import type { AppDeps } from '../../app';
import { escalationsRoutes, fallbackRoutes } from '../../routes/fallback.routes';
import { agencyRoutes } from '../../routes/agency.routes';
import { createAgencyService } from '../agency.service';
import { createCasesService } from '../cases.service';
import { createDefinitionsService } from '../definitions.service';
import { createEscalationsService } from '../escalations.service';
import { createLinkageService, type LinkageService } from '../linkage.service';
import { linkageRoutes } from '../../routes/linkage.routes';
import { createFallbackService, type FallbackService } from '../fallback.service';
import { createHotlineService, type HotlineService } from '../hotline.service';
import { hotlineRoutes, hotlineWebhookRoutes } from '../../routes/hotline.routes';
import { createMachineClient } from './machine-client';

/** The rule-machine services the other areas reuse (导出 Excel lists through the same scoped calls). */
export interface MachineServices {
  hotline: HotlineService;
  fallback: FallbackService;
  linkage: LinkageService;
}

/**
 * Mounts the rule-machine areas: /api/fallback, /api/escalations, /api/hotline, /api/agency, /api/linkage;
 * returns their services.
 */
export function mountMachineRoutes(app: Express, api: Router, deps: AppDeps): MachineServices {
  const { prisma } = deps;
  const machines = createMachineClient({ temporal: deps.temporal.client, taskQueue: deps.temporal.taskQueue, prisma });
  const fallback = createFallbackService({ prisma, machines });
  api.use('/fallback', fallbackRoutes(fallback));
  api.use('/escalations', escalationsRoutes(createEscalationsService(prisma)));
  const hotline = createHotlineService({ prisma, machines, fallback, settings: deps.settings.hotline });
  // The webhook sits before the authenticated /api router: the hotline system signs with a shared secret.
  app.use('/api/hotline/webhook', hotlineWebhookRoutes(hotline));
  api.use('/hotline', hotlineRoutes(hotline));
  // 互动联办 starts cases exactly as POST /api/cases does.
  const cases = createCasesService({
    prisma,
    temporal: deps.temporal.client,
    taskQueue: deps.temporal.taskQueue,
    definitions: createDefinitionsService(prisma),
  });
  api.use('/agency', agencyRoutes(createAgencyService({ prisma, machines, cases })));
  const linkage = createLinkageService({ prisma, machines });
  api.use('/linkage', linkageRoutes(linkage));
  return { hotline, fallback, linkage };
}
