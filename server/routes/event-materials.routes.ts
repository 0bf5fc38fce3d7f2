import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body } from '../middleware/validate';
import type { EventMaterialsService } from '../services/event-materials.service';
import { multipartFile, requireMultipart } from './materials.routes';

export const UploadEventMaterialFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, '材料编码不正确'),
});

/** /api/events/cases/:id/materials — the 一件事's merged material set: list, and upload one material for every item that needs it. */
export function eventMaterialsRoutes(service: EventMaterialsService): Router {
  const router = Router();
  router.get('/cases/:id/materials', async (req, res) => {
    res.json(await service.list(String(req.params.id), actorOf(req)));
  });
  router.post('/cases/:id/materials', requireRole('applicant', 'window', 'agent'), requireMultipart, multipartFile(), async (req, res) => {
    const fields = body(req, UploadEventMaterialFields);
    res.status(201).json(await service.upload(String(req.params.id), actorOf(req), fields.code, req.file));
  });
  return router;
}
