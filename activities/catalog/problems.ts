import type { z } from 'zod';

/** One catalogue problem: which file, which item or event code, which field, and what is wrong. */
export interface CatalogProblem {
  file: string;
  code?: string;
  field?: string;
  message: string;
}

export function problemsFromZod(error: z.ZodError, file: string, code: string | undefined, prefix = ''): CatalogProblem[] {
  return error.issues.map((issue) => ({
    file,
    code,
    field: [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
      .filter(Boolean)
      .join('.')
      .replaceAll('.[', '['),
    message: issue.message,
  }));
}

export function describeProblem(p: CatalogProblem): string {
  return `${p.file}${p.code ? ` 事项/事件 ${p.code}` : ''}${p.field ? ` 字段 ${p.field}` : ''}: ${p.message}`;
}
