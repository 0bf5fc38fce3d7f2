import { Router } from 'express';
import { actorOf, requireRole } from '../auth/authenticate';
import type { DeliveryService } from '../services/delivery.service';

export function deliveryRoutes(service: DeliveryService): Router {
  const router = Router();
  router.get('/:caseId', async (req, res) => {
    res.json(await service.get(String(req.params.caseId), actorOf(req)));
  });
  router.post('/:caseId/delivered', requireRole('window', 'admin'), async (req, res) => {
    res.json(await service.confirm(String(req.params.caseId), actorOf(req)));
  });
  return router;
}
