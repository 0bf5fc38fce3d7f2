import express from 'express';
import supertest from 'supertest';
import { z } from 'zod';
import type { Role } from '../../server/auth/roles';
import { errorHandler } from '../../server/middleware/error-handler';
import { docsOf, mountArea, routeArea, routeFor } from '../../server/routes/route';

/** A stand-in service: what the handlers were asked. */
const service = { calls: [] as unknown[] };
const route = routeFor<typeof service>();

const area = routeArea(
  '/api/things',
  ['物 things'],
  [
    route({
      method: 'get',
      path: '/',
      roles: ['supervisor'],
      schemas: { query: z.object({ limit: z.coerce.number().int().max(10).default(5) }) },
      summary: 'list',
      responses: { 200: { description: 'things', example: [] } },
      handler: (svc, { query }, _req, res) => {
        svc.calls.push(query);
        res.json({ limit: query.limit });
      },
    }),
    route({
      method: 'patch',
      path: '/:id',
      roles: 'authenticated',
      schemas: { params: z.object({ id: z.string() }), body: z.object({ name: z.string() }) },
      summary: 'rename',
      tags: ['其他 other'],
      responses: { 200: { description: 'renamed', example: {} } },
      handler: (_svc, { params, body }, _req, res) => {
        res.json({ id: params.id, name: body.name });
      },
    }),
  ],
);

/** The area mounted as app.ts mounts one, behind a caller holding `roles`. */
function appAs(roles: Role[]) {
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    req.actor = { id: 'u1', name: 'U', roles, groups: [] };
    next();
  });
  app.use('/api/things', mountArea(area, service));
  app.use(errorHandler);
  return supertest(app);
}

describe('route declarations', () => {
  it('when a caller lacks the declared roles, then the route answers 403 before parsing or running the handler', async () => {
    service.calls.length = 0;
    await appAs(['window']).get('/api/things?limit=99').expect(403);
    expect(service.calls).toEqual([]);
  });

  it('when a caller holds a declared role, then the handler gets the parsed input', async () => {
    await appAs(['supervisor']).get('/api/things?limit=3').expect(200, { limit: 3 });
    const bad = await appAs(['supervisor']).get('/api/things?limit=99').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await appAs(['applicant']).patch('/api/things/a1').send({ name: 'x' }).expect(200, { id: 'a1', name: 'x' });
  });

  it('when the area is documented, then each entry carries the declared path, roles, schemas and tags', () => {
    const docs = docsOf(area);
    expect(docs.map((d) => [d.method, d.path, d.access, d.tags])).toEqual([
      ['get', '/api/things', ['supervisor'], ['物 things']],
      ['patch', '/api/things/:id', 'authenticated', ['其他 other']],
    ]);
    expect(docs[0].query).toBe(area.routes[0].schemas.query);
    expect(docs[1].body).toBe(area.routes[1].schemas.body);
  });
});
