import type { Express, Router } from 'express';
import { escalationsRoutes, fallbackRoutes } from './fallback.routes';
import { agencyRoutes } from './agency.routes';
import { linkageRoutes } from './linkage.routes';
import { hotlineRoutes, hotlineWebhookRoutes } from './hotline.routes';
import type { AgencyService } from '../services/agency.service';
import type { EscalationsService } from '../services/escalations.service';
import type { FallbackService } from '../services/fallback.service';
import type { HotlineService } from '../services/hotline.service';
import type { LinkageService } from '../services/linkage.service';

/** Mounts the rule-machine areas: /api/fallback, /api/escalations, /api/hotline, /api/agency, /api/linkage. */
export function mountMachineRoutes(
  app: Express,
  api: Router,
  services: {
    fallback: FallbackService;
    escalations: EscalationsService;
    hotline: HotlineService;
    agency: AgencyService;
    linkage: LinkageService;
  },
): void {
  api.use('/fallback', fallbackRoutes(services.fallback));
  api.use('/escalations', escalationsRoutes(services.escalations));
  // The webhook sits before the authenticated /api router: the hotline system signs with a shared secret.
  app.use('/api/hotline/webhook', hotlineWebhookRoutes(services.hotline));
  api.use('/hotline', hotlineRoutes(services.hotline));
  // 互动联办 starts cases exactly as POST /api/cases does (the same cases service).
  api.use('/agency', agencyRoutes(services.agency));
  api.use('/linkage', linkageRoutes(services.linkage));
}
