import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { requireRole } from '../auth/authenticate';
import { parse } from '../middleware/validate';
import type { HttpMethod, RouteDoc } from '../openapi/registry';

// A route is declared once: method, path, roles, schemas, the handler and its OpenAPI text. The router
// (roles checked, request parsed) and the OpenAPI entries are both made from that one declaration, so
// the document cannot list other roles than the server enforces.

type Part = z.ZodType | undefined;
type Parsed<S extends Part> = S extends z.ZodType ? z.output<S> : undefined;

/** The request's parts, parsed by the route's schemas (params, then query, then body). */
export interface RouteInput<P extends Part, Q extends Part, B extends Part> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

/** What the OpenAPI entry says besides what the declaration states itself (tags default to the area's). */
export type RouteText = Omit<RouteDoc, 'method' | 'path' | 'access' | 'params' | 'query' | 'body' | 'tags'> & { tags?: string[] };

export interface RouteDeclaration<
  Svc,
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends Part,
> extends RouteText {
  method: HttpMethod;
  /** Below the area's base, Express-style: `/`, `/:id`. */
  path: string;
  /** Roles allowed (checked before anything else runs); `authenticated` = any signed-in user; `public` = no token. */
  roles: RouteDoc['access'];
  schemas?: { params?: P; query?: Q; body?: B };
  /** Handlers that run after the role check and before parsing: body parsers for non-JSON content. */
  before?: RequestHandler[];
  handler: (service: Svc, input: RouteInput<P, Q, B>, req: Request, res: Response) => unknown;
}

/** A declared route, its schemas' types erased: what an area holds. */
export interface DeclaredRoute<Svc> extends RouteText {
  method: HttpMethod;
  path: string;
  roles: RouteDoc['access'];
  schemas: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
  before: RequestHandler[];
  /** Parses the request by the schemas and runs the handler. */
  run(service: Svc, req: Request, res: Response): Promise<unknown>;
}

/** `const route = routeFor<UsersService>()`: declares routes whose handlers receive that service. */
export function routeFor<Svc>() {
  return function route<
    P extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    B extends Part = undefined,
  >(declaration: RouteDeclaration<Svc, P, Q, B>): DeclaredRoute<Svc> {
    const { schemas = {}, before = [], handler, ...rest } = declaration;
    return {
      ...rest,
      schemas,
      before,
      async run(service, req, res) {
        const input = {
          params: schemas.params ? parse(schemas.params, req.params) : undefined,
          query: schemas.query ? parse(schemas.query, req.query) : undefined,
          body: schemas.body ? parse(schemas.body, req.body ?? {}) : undefined,
        } as RouteInput<P, Q, B>;
        return handler(service, input, req, res);
      },
    };
  };
}

/** The routes of one area: mounted together at `base`, documented under `tags`. */
export interface RouteArea<Svc> {
  /** The full path the area's router is mounted at, e.g. `/api/users`. */
  base: string;
  tags: string[];
  routes: DeclaredRoute<Svc>[];
}

export function routeArea<Svc>(base: string, tags: string[], routes: DeclaredRoute<Svc>[]): RouteArea<Svc> {
  return { base, tags, routes };
}

/** The one mount helper: the area's router, each route behind its role check, for `app.use(base, …)`. */
export function mountArea<Svc>(area: RouteArea<Svc>, service: Svc): Router {
  const router = Router();
  for (const r of area.routes) {
    const roles: RequestHandler[] = Array.isArray(r.roles) ? [requireRole(...r.roles)] : [];
    router[r.method](r.path, ...roles, ...r.before, async (req: Request, res: Response) => {
      await r.run(service, req, res);
    });
  }
  return router;
}

/** The area's OpenAPI entries, from the same declarations the router is made of. */
export function docsOf<Svc>(area: RouteArea<Svc>): RouteDoc[] {
  return area.routes.map(({ method, path, roles, schemas, before: _before, run: _run, tags, ...text }) => ({
    method,
    path: `${area.base}${path}`.replace(/(.)\/$/, '$1'),
    access: roles,
    tags: tags ?? area.tags,
    ...(schemas.params ? { params: schemas.params } : {}),
    ...(schemas.query ? { query: schemas.query } : {}),
    ...(schemas.body ? { body: schemas.body } : {}),
    ...text,
  }));
}
