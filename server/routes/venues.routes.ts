import { Router } from 'express';
import { z } from 'zod';
import { query } from '../middleware/validate';
import type { VenuesService } from '../services/venues.service';

export const FindVenuesQuery = z
  .object({
    item: z.string().max(100).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    address: z.string().max(200).optional(),
    kind: z.enum(['district-centre', 'subdistrict-centre', 'community-station', 'service-post', 'shop']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(10),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    message: 'lat 与 lng 须同时提供 (give both lat and lng)',
    path: ['lat'],
  });

/** 就近办: venues that handle an item, nearest first. */
export function venuesRoutes(venues: VenuesService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await venues.find(query(req, FindVenuesQuery)));
  });
  router.get('/:code', async (req, res) => {
    res.json(await venues.get(req.params.code));
  });
  return router;
}
