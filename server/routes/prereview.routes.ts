import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { contentDisposition } from '../materials/disposition';
import { body, query } from '../middleware/validate';
import { multipartFile, requireMultipart } from './materials.routes';
import type { PrereviewService } from '../services/prereview.service';
import { Page, Variables } from './cases.routes';
import { MaterialChoices } from './events.routes';

const SubmittedMaterial = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,40}$/), fileRef: z.string().min(1).max(500) });
export const SubmitPrereviewBody = z.object({
  itemCode: z.string().max(100).optional(),
  eventCode: z.string().max(64).optional(),
  applicantId: z.string().min(1).max(64).optional(),
  materials: z.array(SubmittedMaterial).min(1).max(100),
});
export const ReviewPrereviewBody = z.object({
  materials: z.array(z.object({ code: z.string(), status: z.enum(['ok', 'fix']), reason: z.string().max(500).optional() })).min(1),
});
export const ResubmitPrereviewBody = z.object({ materials: z.array(SubmittedMaterial).min(1).max(100) });
export const StartFormalBody = z.object({ form: Variables.default({}), materials: MaterialChoices });
/** Multipart field besides `file`: the catalogue code of the material the file is for. */
export const UploadPrereviewFileFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,40}$/, '材料编码不正确'),
});
export const ListPrereviewQuery = z.object({ status: z.enum(['submitted', 'reviewed', 'used']).optional(), ...Page });

/** 资料预审: submit before applying, staff review, one notice, then the formal case. */
export function prereviewRoutes(prereview: PrereviewService): Router {
  const router = Router();
  router.post('/', requireRole('applicant', 'agent', 'window', 'admin'), async (req, res) => {
    res.status(201).json(await prereview.submit(body(req, SubmitPrereviewBody), actorOf(req)));
  });
  // Files first (before any case exists); the pre-review then names them by fileRef.
  router.post('/files', requireRole('applicant', 'agent', 'window', 'admin'), requireMultipart, multipartFile(), async (req, res) => {
    res.status(201).json(await prereview.uploadFile(actorOf(req), body(req, UploadPrereviewFileFields).code, req.file));
  });
  router.get('/:id/files/:fileId/content', async (req, res) => {
    const f = await prereview.fileContent(String(req.params.id), String(req.params.fileId), actorOf(req));
    res.setHeader('content-type', f.contentType);
    res.setHeader('content-disposition', contentDisposition(f.fileName, req.query.inline === '1' ? 'inline' : 'attachment'));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'private, no-store');
    res.end(Buffer.from(f.content));
  });
  router.get('/', async (req, res) => {
    res.json(await prereview.list(actorOf(req), query(req, ListPrereviewQuery)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await prereview.get(req.params.id, actorOf(req)));
  });
  router.post('/:id/review', requireRole('window', 'approver'), async (req, res) => {
    res.json(await prereview.review(String(req.params.id), body(req, ReviewPrereviewBody).materials, actorOf(req)));
  });
  router.post('/:id/materials', async (req, res) => {
    res.json(await prereview.resubmit(String(req.params.id), body(req, ResubmitPrereviewBody).materials, actorOf(req)));
  });
  router.post('/:id/case', async (req, res) => {
    res.status(201).json(await prereview.startFormal(String(req.params.id), body(req, StartFormalBody), actorOf(req)));
  });
  return router;
}
