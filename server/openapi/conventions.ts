import { z } from 'zod';

/**
 * Conventions every list endpoint follows, stated once and linked from the document's description.
 * Pagination: `limit` (1–200, default 50) and `offset` (default 0); lists answer `{ items, total }`
 * where `total` counts all matches ignoring limit/offset. Sorting: `sort=<field>` ascending or
 * `sort=-<field>` descending, where the endpoint supports it. Filters are plain query parameters
 * named after the field they filter. Errors: `{ error: { code, message, details } }`.
 */
export const CONVENTIONS_MARKDOWN = `
## 约定 (conventions)

- **认证 (auth)**：除 \`/healthz\`、\`/api/auth/token\`、\`/api/openapi.json\`、\`/api/docs\` 外，所有接口都要 \`Authorization: Bearer <token>\`。演示模式下用 \`POST /api/auth/token {"userId":"window1"}\` 取得令牌。
- **分页 (pagination)**：列表接口接受 \`limit\`（1–200，默认 50）与 \`offset\`（默认 0），返回 \`{ "items": [...], "total": <全部匹配数> }\`。
- **排序 (sorting)**：支持排序的列表接受 \`sort=<字段>\`（升序）或 \`sort=-<字段>\`（降序）。
- **筛选 (filtering)**：筛选条件是以字段命名的查询参数（如 \`status\`、\`caseId\`、\`actor\`），时间段用 \`from\`/\`to\`（ISO-8601）。
- **并发 (concurrency)**：办理任务时，两位工作人员同时提交同一任务，只有一位成功，另一位得到 \`409 CONFLICT\`（任务已不在待办状态）；支持 ETag 的接口在响应中带 \`ETag\`，提交时以 \`If-Match\` 携带，版本不符返回 \`412\`。
- **幂等 (idempotency)**：所有需登录的 \`POST\` 接受 \`Idempotency-Key\` 请求头（每次提交一个新 UUID，重试沿用）：同一用户同一键重发同一请求，返回第一次的状态与响应体并带 \`Idempotent-Replayed: true\`，不会重复创建案件、一件事、材料、评价等；同一键配不同路径或请求体返回 \`422 IDEMPOTENCY_KEY_REUSED\`；第一次尚未完成时返回 \`409 IDEMPOTENCY_KEY_IN_PROGRESS\`。
- **流程引擎不可用 (engine unavailable)**：流程引擎（Temporal）重启期间，需要它的接口返回 \`503 TEMPORAL_UNAVAILABLE\` 与 \`Retry-After\`（秒），请按该时间后以同一幂等键重试。
- **错误 (errors)**：始终是 \`{ "error": { "code", "message", "details" } }\`：400 参数校验（details 列出字段）、401 未登录、403 角色不符、404 不存在（指明 id）、409 冲突。
`;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ example: 'VALIDATION_FAILED' }),
    message: z.string().meta({ example: '请求参数不正确 (request validation failed)' }),
    details: z.unknown().nullable(),
  }),
});

export const errorExamples = {
  400: {
    description: '参数校验失败 (validation failed)',
    example: {
      error: {
        code: 'VALIDATION_FAILED',
        message: '请求参数不正确 (request validation failed)',
        details: [{ path: 'processKey', message: 'Too small: expected string to have >=1 characters' }],
      },
    },
  },
  401: {
    description: '未登录或令牌无效 (missing or invalid token)',
    example: { error: { code: 'UNAUTHORIZED', message: '未登录或令牌无效 (missing or invalid bearer token)', details: null } },
  },
  403: {
    description: '角色不符 (role not allowed)',
    example: { error: { code: 'FORBIDDEN', message: '需要以下角色之一 (requires one of these roles): 系统管理员(admin)', details: null } },
  },
  404: {
    description: '不存在 (not found)',
    example: { error: { code: 'NOT_FOUND', message: 'case HB20261128-XXXXXX 不存在 (not found)', details: { case: 'HB20261128-XXXXXX' } } },
  },
  409: {
    description: '冲突 (conflict)',
    example: { error: { code: 'CONFLICT', message: '任务已办理 (task is not open)', details: null } },
  },
} as const;

/** Shorthand for the usual error responses of an authenticated route. */
export function errors(...statuses: (keyof typeof errorExamples)[]) {
  return Object.fromEntries(statuses.map((s) => [s, errorExamples[s]]));
}
