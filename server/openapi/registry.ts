import type { z } from 'zod';
import type { Role } from '../auth/roles';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseDoc {
  description: string;
  /** A realistic example body (JSON), or a string for non-JSON content. */
  example: unknown;
  /** Defaults to application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * One documented route. Request schemas are the very zod objects the route validates with
 * (imported from the routes file), so the document cannot drift from what the server accepts.
 */
export interface RouteDoc {
  method: HttpMethod;
  /** Express-style path including the /api prefix, e.g. `/api/cases/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Roles allowed; `public` means no bearer token is needed. */
  access: Role[] | 'public' | 'authenticated';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyExample?: unknown;
  /** Extra request content types besides JSON (e.g. raw BPMN XML). */
  bodyAlternatives?: {
    contentType: string;
    example: unknown;
    /** JSON Schema of this content type; a plain string when omitted. */ schema?: Record<string, unknown>;
  }[];
  responses: Record<number, ResponseDoc>;
}

/** Identity helper that type-checks a group of route docs (one group per routes file). */
export function routeDocs(docs: RouteDoc[]): RouteDoc[] {
  return docs;
}
