import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { body } from '../middleware/validate';
import type { CorrectionService } from '../services/correction.service';

export const CorrectionBody = z.object({
  /** Every material to correct or hand in, each with what is wrong: the notice is given once (一次性告知). */
  items: z
    .array(
      z.object({
        code: z.string().trim().min(1).max(60),
        reason: z.string().trim().min(1, '请写明需补正的内容').max(500),
      }),
    )
    .min(1, '请至少选择一项需补正的材料')
    .max(60),
  note: z.string().max(1000).optional(),
});

/** POST /api/cases/:id/correction — 补正告知 at the 受理 desk (window, approver). */
export function correctionRoutes(corrections: CorrectionService): Router {
  const router = Router();
  router.post('/:id/correction', requireRole('window', 'approver'), async (req, res) => {
    res.json(await corrections.request(String(req.params.id), actorOf(req), body(req, CorrectionBody)));
  });
  return router;
}
