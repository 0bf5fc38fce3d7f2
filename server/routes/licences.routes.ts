import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import type { LicencesService } from '../services/licences.service';
import { Page } from './cases.routes';

export const ListLicencesQuery = z.object({ holderId: z.string().optional(), type: z.string().optional(), ...Page });
export const RegisterLicenceBody = z.object({
  type: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  issuer: z.string().min(1).max(200),
  holderId: z.string().min(1).max(64),
  number: z.string().min(4).max(100).optional(),
  validFrom: z.iso.datetime().optional(),
  validUntil: z.iso.datetime().nullable().optional(),
});

export function licencesRoutes(service: LicencesService): Router {
  const router = Router();
  router.get('/mine', async (req, res) => {
    res.json(await service.mine(actorOf(req)));
  });
  router.get('/', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await service.list(query(req, ListLicencesQuery)));
  });
  router.post('/', requireRole('admin', 'window'), async (req, res) => {
    res.status(201).json(await service.register(body(req, RegisterLicenceBody), actorOf(req)));
  });
  return router;
}
