import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { contentDisposition } from '../materials/disposition';
import { body } from '../middleware/validate';
import { rateLimit } from '../middleware/rate-limit';
import type { DocumentsService } from '../services/documents.service';
import type { LookupService } from '../services/lookup.service';

/** /api/cases/:id/documents — the case's issued documents (受理回执, 告知书, 决定书, 电子证照) as PDF. */
export function documentsRoutes(documents: DocumentsService): Router {
  const router = Router();
  router.get('/:id/documents', async (req, res) => {
    res.json(await documents.list(String(req.params.id), actorOf(req)));
  });
  router.get('/:id/documents/:documentId/content', async (req, res) => {
    const doc = await documents.content(String(req.params.id), String(req.params.documentId), actorOf(req));
    res.setHeader('content-type', 'application/pdf');
    res.setHeader(
      'content-disposition',
      contentDisposition(`${doc.title}-${doc.number}.pdf`, req.query.inline === '1' ? 'inline' : 'attachment'),
    );
    res.setHeader('cache-control', 'private, no-store');
    res.send(Buffer.from(doc.content));
  });
  router.post('/:id/documents/:kind/reissue', requireRole('window', 'approver'), async (req, res) => {
    res.status(201).json(await documents.reissue(String(req.params.id), String(req.params.kind), actorOf(req)));
  });
  return router;
}

export const PublicProgressBody = z
  .object({
    caseNumber: z.string().trim().min(6, '请填写办件编号').max(64),
    phone: z.string().trim().max(20).optional(),
    queryCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '查询码为 6 位数字')
      .optional(),
  })
  .refine((b) => !!b.phone || !!b.queryCode, { message: '请填写申请时留的手机号，或回执上的查询码', path: ['phone'] });

export const VerifyDocumentBody = z.object({
  number: z.string().trim().min(4).max(80),
  verifyCode: z
    .string()
    .trim()
    .regex(/^\d{8}$/, '验证码为 8 位数字'),
});

/** /api/public — no sign-in: progress by 办件编号 + phone or 查询码, and checking a paper's verification code. Rate-limited. */
export function publicRoutes(lookup: LookupService, documents: DocumentsService, limit = { windowMs: 60_000, max: 20 }): Router {
  const router = Router();
  const limited = rateLimit(limit);
  router.post('/progress', limited, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(await lookup.progress(body(req, PublicProgressBody)));
  });
  router.post('/documents/verify', limited, async (req, res) => {
    const b = body(req, VerifyDocumentBody);
    res.json(await documents.verify(b.number, b.verifyCode));
  });
  return router;
}
