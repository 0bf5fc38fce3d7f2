import { z } from 'zod';
import { ROLE_LABELS } from '../auth/roles';
import { CONVENTIONS_MARKDOWN, ErrorBody } from './conventions';
import { allRouteDocs } from './paths';
import type { RouteDoc } from './registry';

type Json = Record<string, unknown>;

/** Converts a zod schema to JSON Schema as the request side sees it (before coercion/defaults apply). */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

/** `/api/cases/:id` → `/api/cases/{id}` */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function isRequired(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

function parameters(doc: RouteDoc): Json[] {
  const out: Json[] = [];
  const pathNames = [...doc.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const paramShape = (doc.params?.shape ?? {}) as Record<string, z.ZodType>;
  for (const name of pathNames) {
    const schema = paramShape[name] ? jsonSchema(paramShape[name]) : { type: 'string' };
    out.push({ name, in: 'path', required: true, schema, description: (schema.description as string | undefined) ?? undefined });
  }
  const queryShape = (doc.query?.shape ?? {}) as Record<string, z.ZodType>;
  for (const [name, field] of Object.entries(queryShape)) {
    const schema = jsonSchema(field);
    out.push({ name, in: 'query', required: isRequired(field), schema, ...(schema.description ? { description: schema.description } : {}) });
  }
  return out;
}

function accessText(access: RouteDoc['access']): string {
  if (access === 'public') return '无需登录 (public)';
  if (access === 'authenticated') return '任何已登录用户 (any signed-in user)';
  return `角色 (roles)：${access.map((r) => `${ROLE_LABELS[r]} \`${r}\``).join('、')}`;
}

function operation(doc: RouteDoc): Json {
  const op: Json = {
    operationId: `${doc.method}${doc.path.replace(/^\/api/, '').replace(/[:{}]/g, '').split(/[/-]/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`,
    summary: doc.summary,
    description: [doc.description, accessText(doc.access)].filter(Boolean).join('\n\n'),
    tags: doc.tags,
    'x-roles': doc.access,
    parameters: parameters(doc),
    responses: Object.fromEntries(
      Object.entries(doc.responses).map(([status, r]) => {
        const isError = Number(status) >= 400;
        const contentType = r.contentType ?? 'application/json';
        const media: Json = { example: r.example };
        if (isError) media.schema = { $ref: '#/components/schemas/Error' };
        return [
          status,
          {
            description: r.description,
            ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
            ...(r.example === undefined ? {} : { content: { [contentType]: media } }),
          },
        ];
      }),
    ),
  };
  if (doc.access === 'public') op.security = [];
  if (doc.body || doc.bodyAlternatives) {
    const content: Json = {};
    if (doc.body) content['application/json'] = { schema: jsonSchema(doc.body), ...(doc.bodyExample === undefined ? {} : { example: doc.bodyExample }) };
    for (const alt of doc.bodyAlternatives ?? []) content[alt.contentType] = { schema: alt.schema ?? { type: 'string' }, example: alt.example };
    op.requestBody = { required: true, content };
  }
  return op;
}

/** The OpenAPI 3.1 document for every documented route. */
export function buildOpenApiDocument(routes: readonly RouteDoc[] = allRouteDocs()): Json {
  const paths: Record<string, Json> = {};
  for (const doc of routes) {
    const p = toOpenApiPath(doc.path);
    paths[p] ??= {};
    paths[p][doc.method] = operation(doc);
  }
  const tags = [...new Set(routes.flatMap((r) => r.tags))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: '好办 haoban API',
      version: '0.1.0',
      description: `区县政务服务办件引擎（BPMN on Temporal）的 HTTP 接口。\n${CONVENTIONS_MARKDOWN}`,
    },
    servers: [{ url: '/' }],
    tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(ErrorBody) },
    },
  };
}
