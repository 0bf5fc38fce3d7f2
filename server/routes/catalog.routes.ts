import express, { Router } from 'express';
import { findBadInput, inputError } from '../middleware/input-guard';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body, query } from '../middleware/validate';
import type { CatalogService } from '../services/catalog.service';
import type { EventsService } from '../services/events.service';
import type { KnowledgeService } from '../services/knowledge.service';
import type { PrereviewService } from '../services/prereview.service';
import type { ServiceMapService } from '../services/servicemap.service';
import type { VenuesService } from '../services/venues.service';
import { Page } from './cases.routes';
import { eventsRoutes, materialReductionRoutes } from './events.routes';
import { knowledgeRoutes } from './knowledge.routes';
import { prereviewRoutes } from './prereview.routes';
import { serviceMapRoutes } from './servicemap.routes';
import { venuesRoutes } from './venues.routes';

export const Subject = z.enum(['natural', 'legal']);
export const TreeQuery = z.object({ subject: Subject });
export const CatalogSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  subject: Subject.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ListItemsQuery = z.object({
  department: z.string().max(100).optional(),
  q: z.string().max(100).optional(),
  /** 一证通办: only items the applicant can do with an identity document alone. */
  oneLicence: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  ...Page,
});
export const ItemQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
export const ImportBody = z.object({
  items: z.array(z.unknown()).max(20_000).default([]),
  events: z.array(z.unknown()).max(5_000).default([]),
  trees: z.array(z.unknown()).max(10).default([]),
  materials: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

/** 事项清单 / 实施清单: items, guides, lifecycle trees, search, bulk import. */
export function catalogRoutes(catalog: CatalogService): Router {
  const router = Router();
  router.get('/tree', async (req, res) => {
    res.json(await catalog.tree(query(req, TreeQuery).subject));
  });
  router.get('/search', async (req, res) => {
    const q = query(req, CatalogSearchQuery);
    res.json(await catalog.search(q.q, q.subject, q.limit));
  });
  router.get('/items', async (req, res) => {
    res.json(await catalog.list(query(req, ListItemsQuery)));
  });
  router.get('/items/:code', async (req, res) => {
    res.json(await catalog.item(req.params.code, query(req, ItemQuery).version));
  });
  router.get('/items/:code/versions', async (req, res) => {
    res.json({ items: await catalog.versions(req.params.code) });
  });
  router.get('/items/:code/guide', async (req, res) => {
    res.json(await catalog.guide(req.params.code));
  });
  // JSON up to the app's body limit, or NDJSON (one item per line, `{"event": …}` lines for events) for full lists.
  router.post('/import', requireRole('admin'), express.text({ type: 'application/x-ndjson', limit: '100mb' }), async (req, res) => {
    const raw = typeof req.body === 'string' ? { ...ImportBody.parse({}), ...catalog.parseNdjson(req.body) } : body(req, ImportBody);
    const problem = typeof req.body === 'string' ? findBadInput(raw, 'body') : undefined;
    if (problem) throw inputError(problem);
    const summary = await catalog.importBundle(raw, actorOf(req));
    res.status(summary.problems.length ? 207 : 200).json(summary);
  });
  return router;
}

/** Mounts the whole catalogue and pre-handling area (one line in app.ts). */
export function catalogAreaRoutes(services: {
  catalog: CatalogService;
  events: EventsService;
  knowledge: KnowledgeService;
  venues: VenuesService;
  serviceMap: ServiceMapService;
  prereview: PrereviewService;
}): Router {
  const router = Router();
  router.use('/catalog', catalogRoutes(services.catalog));
  router.use('/events', eventsRoutes(services.events));
  router.use('/stats', materialReductionRoutes(services.events));
  router.use('/knowledge', knowledgeRoutes(services.knowledge));
  router.use('/venues', venuesRoutes(services.venues));
  router.use('/servicemap', serviceMapRoutes(services.serviceMap));
  router.use('/prereview', prereviewRoutes(services.prereview));
  return router;
}
