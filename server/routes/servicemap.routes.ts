import { Router } from 'express';
import { z } from 'zod';
import { body, query } from '../middleware/validate';
import type { ServiceMapService } from '../services/servicemap.service';

export const IndustryQuery = z.object({ zone: z.string().max(64).optional() });
export const InspectionExemptionBody = z.object({
  businessType: z.string().max(50),
  previousBusinessType: z.string().max(50),
  mainStructureChanged: z.boolean(),
  previouslyLicensed: z.boolean(),
});

/** 审批服务地图: zones, hot industries, guidance, and the 免踏勘 check. */
export function serviceMapRoutes(map: ServiceMapService): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json(await map.overview());
  });
  router.get('/industries/:code', async (req, res) => {
    res.json(await map.industry(req.params.code, query(req, IndustryQuery).zone));
  });
  router.post('/inspection-exemption', async (req, res) => {
    res.json(map.inspectionExemption(body(req, InspectionExemptionBody)));
  });
  return router;
}
