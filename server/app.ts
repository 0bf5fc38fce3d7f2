import path from 'node:path';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth/authenticate';
import type { TokenIssuer } from './auth/tokens';
import type { PrismaClient } from './data/generated/client';
import type { Logger } from './logger';
import { errorHandler, notFoundRoute } from './middleware/error-handler';
import { idempotency } from './middleware/idempotency';
import { inputGuard, type InputLimits } from './middleware/input-guard';
import { requestId, securityHeaders } from './middleware/security-headers';
import { maskResponses } from './privacy/mask-responses';
import { meRoutes } from './routes/applicant.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { casesRoutes } from './routes/cases.routes';
import { catalogAreaRoutes } from './routes/catalog.routes';
import { correctionRoutes } from './routes/correction.routes';
import { definitionsRoutes } from './routes/definitions.routes';
import { documentsRoutes, publicRoutes } from './routes/documents.routes';
import { eventMaterialsRoutes } from './routes/event-materials.routes';
import { exportsRoutes } from './routes/exports.routes';
import { handlingRoutes } from './routes/handling.routes';
import { healthRoutes } from './routes/health.routes';
import { engineRoutes } from './routes/incidents.routes';
import { materialsRoutes } from './routes/materials.routes';
import { openapiRoutes } from './routes/openapi.routes';
import { privacyRoutes } from './routes/privacy.routes';
import { tasksRoutes } from './routes/tasks.routes';
import { timelineRoutes } from './routes/timeline.routes';
import { usersRoutes } from './routes/users.routes';
import type { ServiceSettings, Services } from './services';
import { mountMachineRoutes } from './routes/machines.routes';

export interface AppDeps {
  /** Every service, built once by createServices (server/services/index.ts). */
  services: Services;
  /** For the Idempotency-Key store only: routes reach the database through services. */
  prisma: PrismaClient;
  tokens: TokenIssuer;
  logger: Logger;
  demoMode: boolean;
  /** Built web console to serve at `/`, if present. */
  consoleDir?: string;
  /** How long Idempotency-Keys are kept; 24 h by default. */
  idempotencyTtlMs?: number;
  settings: AppSettings;
}

/** The configuration the HTTP side runs with (parsed in server/config.ts, handed down by the runtime). */
export interface AppSettings extends ServiceSettings {
  inputLimits: InputLimits;
}

/** Builds the HTTP app without listening, so tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: requestId,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    }),
  );
  app.use(securityHeaders());
  app.use(express.json({ limit: '1mb' }));
  app.use(inputGuard(deps.settings.inputLimits));

  const { services } = deps;
  // The notification outbox's dispatcher for this task queue (a second start is a no-op).
  services.notifications.ensureDispatcher().catch((err) => deps.logger.error({ err }, 'notification dispatcher could not be started'));

  app.use(healthRoutes(services.health));
  app.use('/api/auth', authRoutes({ users: services.users, tokens: deps.tokens, demoMode: deps.demoMode }));
  app.use('/api', openapiRoutes());
  app.use('/api/public', publicRoutes(services.lookup, services.documents));
  const api = express.Router();
  api.use(authenticate(deps.tokens, services.identities));
  api.use(idempotency({ prisma: deps.prisma, logger: deps.logger, ttlMs: deps.idempotencyTtlMs ?? 24 * 3600_000 }));
  // Phone and ID numbers reach staff masked; the full number only through the audited reveal.
  for (const area of ['/cases', '/events/cases', '/hotline', '/fallback', '/agency', '/linkage', '/escalations', '/audit', '/prereview'])
    api.use(area, maskResponses());
  api.use('/privacy', privacyRoutes(services.reveal));
  api.use('/definitions', definitionsRoutes(services.definitions));
  api.use('/cases', casesRoutes(services.cases));
  api.use('/cases', timelineRoutes(services.timeline));
  api.use('/cases', materialsRoutes(services.materials));
  api.use('/tasks', tasksRoutes(services.tasks));
  api.use(engineRoutes(services.incidents));
  api.use(meRoutes(services.applicant));
  api.use('/cases', documentsRoutes(services.documents));
  api.use('/cases', correctionRoutes(services.correction));
  api.use('/events', eventMaterialsRoutes(services.eventMaterials));
  api.use(catalogAreaRoutes(services));
  api.use(handlingRoutes(services));
  api.use('/audit', auditRoutes(services.audit));
  api.use('/exports', exportsRoutes(services));
  api.use('/users', usersRoutes(services.users));
  api.use('/calendar', calendarRoutes(services.calendar));
  mountMachineRoutes(app, api, services);
  app.use('/api', api);
  app.use('/api', notFoundRoute);

  if (deps.consoleDir) {
    app.use(express.static(deps.consoleDir));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(deps.consoleDir as string, 'index.html')));
  }
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
