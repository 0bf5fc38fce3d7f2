import type { Request } from 'express';
import type { z } from 'zod';

/** Parses one part of a request and returns the typed, coerced value (never the raw input). */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return schema.parse(value);
}

export const body = <S extends z.ZodType>(req: Request, schema: S): z.infer<S> => parse(schema, req.body ?? {});
export const query = <S extends z.ZodType>(req: Request, schema: S): z.infer<S> => parse(schema, req.query);
