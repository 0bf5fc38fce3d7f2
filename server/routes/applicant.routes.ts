import { Router } from 'express';
import { actorOf } from '../auth/authenticate';
import { identityOf } from '../services/identity.service';

/** /api/me — the signed-in person's own verified identity, to prefill application forms. */
export function meRoutes(): Router {
  const router = Router();
  router.get('/me/identity', (req, res) => {
    res.json(identityOf(actorOf(req)));
  });
  return router;
}
