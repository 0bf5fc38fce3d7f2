import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { AppError, badRequest } from '../errors';
import { contentDisposition } from '../materials/disposition';
import { materialsConfig } from '../materials/config';
import { body } from '../middleware/validate';
import { findBadInput, inputError } from '../middleware/input-guard';
import { payloadTooLarge, type MaterialsService } from '../services/materials.service';

/** Multipart fields besides `file`: the material's code (catalogue code, or a free code for a general process) and, for a free code, its name. */
export const UploadMaterialFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, '材料编码只能包含字母、数字、下划线和连字符 (material code: letters, digits, _ and -)'),
  name: z.string().trim().min(1).max(100).optional(),
});

export const ReviewMaterialBody = z.object({
  verdict: z.enum(['accepted', 'needs-correction']),
  /** 需补正: the reason told to the applicant once (一次性告知); required for needs-correction. */
  note: z.string().max(1000).optional(),
});

/** Multipart parsing in memory (nothing reaches the disk, so a refused upload leaves nothing behind), limits from the config in force. */
export function multipartFile(): RequestHandler {
  return (req, res, next) => {
    const cfg = materialsConfig();
    const upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: cfg.maxFileBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
      defParamCharset: 'utf8',
    }).single('file');
    upload(req, res, (err: unknown) => {
      if (!err) {
        // Field names, values and the file name follow the same text rules as JSON bodies.
        const problem = findBadInput(req.body, 'body') ?? findBadInput(req.file?.originalname ?? '', 'file.originalname');
        return next(problem ? inputError(problem) : undefined);
      }
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return next(payloadTooLarge(cfg.maxFileBytes));
        if (err.code === 'LIMIT_UNEXPECTED_FILE')
          return next(
            badRequest(`文件字段应为 file，且每次只能上传一个文件 (one file, in field \`file\`)`, { field: err.field ?? 'file' }),
          );
        return next(badRequest(`上传请求不正确 (malformed upload): ${err.message}`, { code: err.code }));
      }
      next(err instanceof AppError ? err : badRequest(`上传请求不正确 (malformed multipart body): ${(err as Error).message}`));
    });
  };
}

/** Requires a multipart body, so a JSON post gets a clear 400 instead of "file missing". */
export const requireMultipart: RequestHandler = (req, _res, next) => {
  if (!req.is('multipart/form-data'))
    return next(
      new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件 (upload as multipart/form-data)', {
        contentType: req.headers['content-type'] ?? null,
      }),
    );
  next();
};

/** /api/cases/:id/materials — the case's application materials (申请材料). */
export function materialsRoutes(materials: MaterialsService): Router {
  const router = Router();
  router.post(
    '/:id/materials',
    requireRole('applicant', 'window', 'approver', 'agent'),
    requireMultipart,
    multipartFile(),
    async (req, res) => {
      const fields = body(req, UploadMaterialFields);
      const created = await materials.upload(String(req.params.id), actorOf(req), fields, req.file);
      res.status(201).location(`/api/cases/${req.params.id}/materials/${created.id}/content`).json(created);
    },
  );
  router.get('/:id/materials', async (req, res) => {
    res.json(await materials.list(String(req.params.id), actorOf(req)));
  });
  router.get('/:id/materials/:materialId/content', async (req, res) => {
    const row = await materials.content(String(req.params.id), String(req.params.materialId), actorOf(req));
    res.setHeader('content-type', row.contentType);
    res.setHeader('content-length', String(row.size));
    res.setHeader('content-disposition', contentDisposition(row.fileName, req.query.inline === '1' ? 'inline' : 'attachment'));
    res.setHeader('x-content-sha256', row.sha256);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'private, no-store');
    res.end(Buffer.from(row.content));
  });
  router.post('/:id/materials/:materialId/review', requireRole('window', 'approver'), async (req, res) => {
    res.json(await materials.review(String(req.params.id), String(req.params.materialId), actorOf(req), body(req, ReviewMaterialBody)));
  });
  return router;
}
