import { Router } from 'express';
import { z } from 'zod';
import { query } from '../middleware/validate';
import type { KnowledgeService } from '../services/knowledge.service';

export const KnowledgeSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** 咨询引导: searchable Q&A and guides. */
export function knowledgeRoutes(knowledge: KnowledgeService): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const q = query(req, KnowledgeSearchQuery);
    res.json(await knowledge.search(q.q, q.limit));
  });
  router.get('/:code', async (req, res) => {
    res.json(await knowledge.get(req.params.code));
  });
  return router;
}
