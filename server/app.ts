import { materialsRoutes } from './routes/materials.routes';
import { createMaterialsService } from './services/materials.service';
import { usersRoutes } from './routes/users.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { createCalendarService } from './services/calendar.service';
import { createUsersService } from './services/users.service';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth/authenticate';
import { createIdentityResolver } from './auth/identity';
import type { TokenIssuer } from './auth/tokens';
import type { PrismaClient } from './data/generated/client';
import type { SqlDatabase } from './data/sql';
import type { Logger } from './logger';
import { errorHandler, notFoundRoute } from './middleware/error-handler';
import { inputGuard, type InputLimits } from './middleware/input-guard';
import type { HotlineSettings } from './services/hotline.service';
import { requestId, securityHeaders } from './middleware/security-headers';
import { idempotency } from './middleware/idempotency';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { catalogAreaRoutes } from './routes/catalog.routes';
import { casesRoutes } from './routes/cases.routes';
import { definitionsRoutes } from './routes/definitions.routes';
import { handlingRoutes } from './routes/handling.routes';
import { healthRoutes } from './routes/health.routes';
import { createDatabaseHealth } from './services/health.service';
import { exportsRoutes } from './routes/exports.routes';
import { engineRoutes } from './routes/incidents.routes';
import { createIncidentsService } from './services/incidents.service';
import { openapiRoutes } from './routes/openapi.routes';
import { tasksRoutes } from './routes/tasks.routes';
import { timelineRoutes } from './routes/timeline.routes';
import { createTimelineService } from './services/timeline.service';
import { createAuditService } from './services/audit.service';
import { createCasesService } from './services/cases.service';
import { createDefinitionsService } from './services/definitions.service';
import { createTimerStartSchedules } from './services/definitions.schedules';
import { createStatsService } from './services/stats.service';
import { createTasksService } from './services/tasks.service';
import { mountMachineRoutes } from './services/machines/mount';
import { eventMaterialsRoutes } from './routes/event-materials.routes';
import { createEventMaterialsService } from './services/event-materials.service';
import { meRoutes } from './routes/applicant.routes';
import { documentsRoutes, publicRoutes } from './routes/documents.routes';
import { createDocumentsService } from './services/documents.service';
import { correctionRoutes } from './routes/correction.routes';
import { privacyRoutes } from './routes/privacy.routes';
import { maskResponses } from './privacy/mask-responses';
import { createRevealService } from './privacy/reveal.service';
import { createCorrectionService } from './services/correction.service';
import { createLookupService } from './services/lookup.service';

export interface AppDeps {
  prisma: PrismaClient;
  sql: SqlDatabase;
  temporal: { client: Client; connection: Connection; namespace: string; taskQueue: string };
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
export interface AppSettings {
  inputLimits: InputLimits;
  /** Where the BPMN, catalogue and task forms live (DEFINITIONS_DIR). */
  definitionsDir: string;
  /** The address the documents' QR codes open (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  hotline: HotlineSettings;
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

  const definitions = createDefinitionsService(deps.prisma, {
    schedules: createTimerStartSchedules({ prisma: deps.prisma, temporal: deps.temporal.client, taskQueue: deps.temporal.taskQueue }),
  });
  const cases = createCasesService({
    prisma: deps.prisma,
    temporal: deps.temporal.client,
    taskQueue: deps.temporal.taskQueue,
    definitions,
  });
  const tasks = createTasksService({
    prisma: deps.prisma,
    temporal: deps.temporal.client,
    formsDir: path.join(deps.settings.definitionsDir, 'forms'),
  });

  const database = createDatabaseHealth({ sql: deps.sql, prisma: deps.prisma });
  app.use(
    healthRoutes({ database, temporal: deps.temporal.connection, namespace: deps.temporal.namespace, taskQueue: deps.temporal.taskQueue }),
  );
  const identities = createIdentityResolver(deps.prisma);
  const users = createUsersService(deps.prisma, { onChange: (id) => identities.invalidate(id) });
  app.use('/api/auth', authRoutes({ users, tokens: deps.tokens, demoMode: deps.demoMode }));
  app.use('/api', openapiRoutes());
  const documents = createDocumentsService({ prisma: deps.prisma, publicBaseUrl: deps.settings.publicBaseUrl });
  app.use('/api/public', publicRoutes(createLookupService({ prisma: deps.prisma }), documents));
  const api = express.Router();
  api.use(authenticate(deps.tokens, identities));
  api.use(idempotency({ prisma: deps.prisma, logger: deps.logger, ttlMs: deps.idempotencyTtlMs ?? 24 * 3600_000 }));
  // Phone and ID numbers reach staff masked; the full number only through the audited reveal.
  for (const area of ['/cases', '/events/cases', '/hotline', '/fallback', '/agency', '/linkage', '/escalations', '/audit', '/prereview'])
    api.use(area, maskResponses());
  api.use('/privacy', privacyRoutes(createRevealService(deps.prisma)));
  api.use('/definitions', definitionsRoutes(definitions));
  api.use('/cases', casesRoutes(cases));
  api.use('/cases', timelineRoutes(createTimelineService(deps.prisma)));
  api.use('/cases', materialsRoutes(createMaterialsService({ prisma: deps.prisma })));
  api.use('/tasks', tasksRoutes(tasks));
  api.use(engineRoutes(createIncidentsService({ prisma: deps.prisma, temporal: deps.temporal.client })));
  api.use(meRoutes({ prisma: deps.prisma }));
  api.use('/cases', documentsRoutes(documents));
  api.use('/cases', correctionRoutes(createCorrectionService({ prisma: deps.prisma, temporal: deps.temporal.client })));
  api.use('/events', eventMaterialsRoutes(createEventMaterialsService({ prisma: deps.prisma })));
  api.use(catalogAreaRoutes({ prisma: deps.prisma, temporal: deps.temporal, definitions }));
  api.use(
    handlingRoutes({ prisma: deps.prisma, temporal: deps.temporal.client, taskQueue: deps.temporal.taskQueue, cases, logger: deps.logger }),
  );
  const audit = createAuditService(deps.prisma);
  api.use('/audit', auditRoutes(audit));
  api.use('/users', usersRoutes(users));
  api.use('/calendar', calendarRoutes(createCalendarService({ prisma: deps.prisma, temporal: deps.temporal.client, logger: deps.logger })));
  const machines = mountMachineRoutes(app, api, deps);
  api.use('/exports', exportsRoutes({ cases, tasks, audit, stats: createStatsService(deps.prisma), ...machines }));
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
