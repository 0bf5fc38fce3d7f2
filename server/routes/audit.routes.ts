import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate';
import { query } from '../middleware/validate';
import type { AuditService } from '../services/audit.service';
import { Page } from './cases.routes';

export const AuditQuery = z.object({
  caseId: z.string().max(100).optional().describe('办件编号 (case id)'),
  actor: z.string().max(64).optional().describe('操作人 (actor user id, or `system`)'),
  action: z
    .string()
    .max(100)
    .optional()
    .describe('动作，精确匹配；以 `.` 或 `*` 结尾时按前缀匹配 (exact action, or prefix ending in `.`/`*`)'),
  from: z.coerce.date().optional().describe('起始时间（含）(from, inclusive, ISO-8601)'),
  to: z.coerce.date().optional().describe('截止时间（不含）(to, exclusive, ISO-8601)'),
  sort: z.enum(['at', '-at']).default('-at').describe('按时间排序，默认最新在前 (sort by time; newest first by default)'),
  ...Page,
});

/** GET /api/audit: supervisors and admins search the audit trail. */
export function auditRoutes(audit: AuditService): Router {
  const router = Router();
  router.get('/', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await audit.search(query(req, AuditQuery)));
  });
  return router;
}
