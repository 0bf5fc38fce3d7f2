import { findBadInput, inputError } from '../middleware/input-guard';
import express, { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { badRequest } from '../errors';
import type { DefinitionsService } from '../services/definitions.service';

export const DeployBody = z.object({ xml: z.string().min(1) });
const VersionParam = z.coerce.number().int().min(1);

export function definitionsRoutes(definitions: DefinitionsService): Router {
  const router = Router();
  // Accept raw BPMN (application/xml, text/xml) as Camunda Modeler's deploy does, or JSON {xml}.
  router.post(
    '/',
    requireRole('admin'),
    express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: '5mb' }),
    async (req, res) => {
      const xml = typeof req.body === 'string' ? req.body : DeployBody.parse(req.body ?? {}).xml;
      if (!xml.trim()) throw badRequest('请求体为空 (empty BPMN document)');
      const problem = findBadInput(xml, 'body');
      if (problem) throw inputError(problem);
      const result = await definitions.deploy(xml, actorOf(req).id);
      res.status(result.created ? 201 : 200).json(result);
    },
  );
  router.get('/', requireRole(...STAFF_ROLES), async (_req, res) => {
    res.json({ items: await definitions.list() });
  });
  router.get('/:key/versions', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json({ items: await definitions.versions(String(req.params.key)) });
  });
  router.get('/:key/schedules', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json({ items: await definitions.schedules(String(req.params.key)) });
  });
  router.get('/:key/xml', requireRole(...STAFF_ROLES), async (req, res) => {
    const version = req.query.version === undefined ? undefined : VersionParam.parse(req.query.version);
    const def = await definitions.get(String(req.params.key), version);
    res.type('application/xml').send(def.xml);
  });
  router.get('/:key', requireRole(...STAFF_ROLES), async (req, res) => {
    const version = req.query.version === undefined ? undefined : VersionParam.parse(req.query.version);
    const { xml: _xml, ...summary } = await definitions.get(String(req.params.key), version);
    res.json(summary);
  });
  return router;
}
