import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body } from '../middleware/validate';
import { REVEAL_SUBJECTS, type RevealService } from '../privacy/reveal.service';

export const RevealBody = z.object({
  subject: z.enum(REVEAL_SUBJECTS),
  id: z.string().trim().min(1).max(80),
  /** The field, dotted for nested data: `contactPhone`, `motherIdNumber`, `callerPhone`, `applicant.phone`. */
  field: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,3}$/, '字段名只能是字母、数字和下划线，层级用点分隔'),
});

/** POST /api/privacy/reveal — one masked phone or ID number in full, audited (staff). */
export function privacyRoutes(reveal: RevealService): Router {
  const router = Router();
  router.post('/reveal', requireRole(...STAFF_ROLES), async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(await reveal.reveal(body(req, RevealBody), actorOf(req)));
  });
  return router;
}
