import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { createIdentityResolver } from '../auth/identity';
import type { PrismaClient } from '../data/generated/client';
import type { SqlDatabase } from '../data/sql';
import type { Logger } from '../logger';
import { createRevealService } from '../privacy/reveal.service';
import { createAgencyService } from './agency.service';
import { createApplicantService } from './applicant.service';
import { createAuditService } from './audit.service';
import { createCalendarService } from './calendar.service';
import { createCasesService } from './cases.service';
import { createCatalogService } from './catalog.service';
import { createCorrectionService } from './correction.service';
import { createTimerStartSchedules } from './definitions.schedules';
import { createDefinitionsService } from './definitions.service';
import { createDeliveryService } from './delivery.service';
import { createDocumentsService } from './documents.service';
import { createEscalationsService } from './escalations.service';
import { createEventMaterialsService } from './event-materials.service';
import { createEventsService } from './events.service';
import { createFallbackService } from './fallback.service';
import { createHandlingService } from './handling.service';
import { createDatabaseHealth, createTemporalHealth } from './health.service';
import { createHotlineService, type HotlineSettings } from './hotline.service';
import { createIncidentsService } from './incidents.service';
import { createKnowledgeService } from './knowledge.service';
import { createLicencesService } from './licences.service';
import { createLinkageService } from './linkage.service';
import { createLookupService } from './lookup.service';
import { createMachineClient } from './machines/machine-client';
import { createMaterialsService } from './materials.service';
import { createNotificationsService } from './notifications.service';
import { createPrereviewService } from './prereview.service';
import { createRatingsService } from './ratings.service';
import { createServiceMapService } from './servicemap.service';
import { createStatsService } from './stats.service';
import { createTasksService } from './tasks.service';
import { createTimelineService } from './timeline.service';
import { createUsersService } from './users.service';
import { createVenuesService } from './venues.service';

/** The configuration services run with (parsed in server/config.ts, handed down by the runtime). */
export interface ServiceSettings {
  /** Where the BPMN, catalogue and task forms live (DEFINITIONS_DIR). */
  definitionsDir: string;
  /** The address the documents' QR codes open (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  hotline: HotlineSettings;
}

export interface ServiceDeps {
  prisma: PrismaClient;
  sql: SqlDatabase;
  temporal: { client: Client; connection: Connection; namespace: string; taskQueue: string };
  logger: Logger;
  settings: ServiceSettings;
}

/**
 * The composition root: every service of the process, each built once, with the services it uses
 * handed in. Routes receive these; none builds its own. (The worker builds the 审管联动 notices its
 * activities need on its own Temporal connection: server/worker.ts.)
 */
export function createServices(deps: ServiceDeps) {
  const { prisma, sql, logger, settings } = deps;
  const { client: temporal, connection, namespace, taskQueue } = deps.temporal;

  const health = { database: createDatabaseHealth({ sql, prisma }), temporal: createTemporalHealth({ connection, namespace, taskQueue }) };
  const identities = createIdentityResolver(prisma);
  const users = createUsersService(prisma, { onChange: (id) => identities.invalidate(id) });
  const reveal = createRevealService(prisma);
  const audit = createAuditService(prisma);
  const stats = createStatsService(prisma);
  const calendar = createCalendarService({ prisma, temporal, logger });

  // Definitions and the engine: one definitions service, and it keeps the timer-start schedules in step.
  const schedules = createTimerStartSchedules({ prisma, temporal, taskQueue });
  const definitions = createDefinitionsService(prisma, { schedules });
  const cases = createCasesService({ prisma, temporal, taskQueue, definitions });
  const tasks = createTasksService({ prisma, temporal, formsDir: path.join(settings.definitionsDir, 'forms') });
  const timeline = createTimelineService(prisma);
  const incidents = createIncidentsService({ prisma, temporal });

  // Materials, documents and what is built on them.
  const materials = createMaterialsService({ prisma });
  const documents = createDocumentsService({ prisma, materials, publicBaseUrl: settings.publicBaseUrl });
  const lookup = createLookupService({ prisma, materials });
  const correction = createCorrectionService({ prisma, materials, documents, incidents });
  const eventMaterials = createEventMaterialsService({ prisma });
  const applicant = createApplicantService({ prisma, materials });

  // Catalogue and pre-handling (事项清单, 一件事, 资料预审).
  const catalog = createCatalogService(prisma);
  const events = createEventsService({ prisma, temporal, taskQueue, catalog, definitions });
  const prereview = createPrereviewService({ prisma, catalog, events, cases });
  const knowledge = createKnowledgeService(prisma);
  const venues = createVenuesService(prisma);
  const serviceMap = createServiceMapService(prisma);

  // In- and post-handling (办中/办后).
  const handling = createHandlingService({ prisma, cases });
  const notifications = createNotificationsService({ prisma, temporal, taskQueue, cases, materials });
  const licences = createLicencesService(prisma);
  const delivery = createDeliveryService({ prisma, cases });
  const ratings = createRatingsService({ prisma, cases });

  // The rule machines (办不成事, 12345, 帮办代办, 审管联动).
  const machines = createMachineClient({ temporal, taskQueue, prisma });
  const fallback = createFallbackService({ prisma, machines });
  const escalations = createEscalationsService(prisma);
  const hotline = createHotlineService({ prisma, machines, fallback, settings: settings.hotline });
  const agency = createAgencyService({ prisma, machines, cases });
  const linkage = createLinkageService({ prisma, machines });

  return {
    health,
    identities,
    users,
    reveal,
    audit,
    stats,
    calendar,
    schedules,
    definitions,
    cases,
    tasks,
    timeline,
    incidents,
    materials,
    documents,
    lookup,
    correction,
    eventMaterials,
    applicant,
    catalog,
    events,
    prereview,
    knowledge,
    venues,
    serviceMap,
    handling,
    notifications,
    licences,
    delivery,
    ratings,
    fallback,
    escalations,
    hotline,
    agency,
    linkage,
  };
}

export type Services = ReturnType<typeof createServices>;
