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
    out.push({
      name,
      in: 'query',
      required: isRequired(field),
      schema,
      ...(schema.description ? { description: schema.description } : {}),
    });
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
    operationId: `${doc.method}${doc.path
      .replace(/^\/api/, '')
      .replace(/[:{}]/g, '')
      .split(/[/-]/)
      .filter(Boolean)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('')}`,
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
            ...(r.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
                  ),
                }
              : {}),
            ...(r.example === undefined ? {} : { content: { [contentType]: media } }),
          },
        ];
      }),
    ),
  };
  if (doc.access === 'public') op.security = [];
  if (doc.method === 'post' && doc.access !== 'public') (op.parameters as Json[]).push(IDEMPOTENCY_KEY_PARAMETER);
  if (doc.body || doc.bodyAlternatives) {
    const content: Json = {};
    if (doc.body)
      content['application/json'] = {
        schema: jsonSchema(doc.body),
        ...(doc.bodyExample === undefined ? {} : { example: doc.bodyExample }),
      };
    for (const alt of doc.bodyAlternatives ?? [])
      content[alt.contentType] = { schema: alt.schema ?? { type: 'string' }, example: alt.example };
    op.requestBody = { required: true, content };
  }
  return op;
}

/** Every authenticated POST honours `Idempotency-Key` (see the conventions). */
const IDEMPOTENCY_KEY_PARAMETER: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
  description:
    '幂等键 (idempotency key)：每次提交一个新值（如 UUID），重试时沿用。同一用户以同一键重发同一请求，返回第一次的状态与响应体（带 `Idempotent-Replayed: true`），不再重复创建；同一键用于不同路径或请求体返回 422 `IDEMPOTENCY_KEY_REUSED`；第一次仍在处理时返回 409 `IDEMPOTENCY_KEY_IN_PROGRESS`（带 `Retry-After`）。键保留 `IDEMPOTENCY_TTL_HOURS`（默认 24 小时）。',
  example: '3f1c2a9e-7b4d-4e8a-9c1f-2d6b8e0a5c71',
};

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
