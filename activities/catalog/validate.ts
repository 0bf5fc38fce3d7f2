import { CatalogItemInput, EventInput, type FormField } from './schema';
import { problemsFromZod, type CatalogProblem } from './problems';

export type MaterialLibrary = Record<string, Record<string, unknown>>;

/**
 * Validates raw items one by one: a bad item is reported (file, code, field) and skipped; the rest load.
 * Materials may be written as a library code ("ID_CARD") or as `{code, ...overrides}`.
 */
export function validateItems(raw: unknown[], file: string, library: MaterialLibrary = {}) {
  const items: CatalogItemInput[] = [];
  const problems: CatalogProblem[] = [];
  raw.forEach((entry, index) => {
    const code = codeOf(entry) ?? `#${index}`;
    const expanded = expandMaterials(entry, library, file, code, problems);
    if (!expanded) return;
    const parsed = CatalogItemInput.safeParse(expanded);
    if (parsed.success) items.push(parsed.data);
    else problems.push(...problemsFromZod(parsed.error, file, code));
  });
  return { items, problems };
}

export function validateEvents(raw: unknown[], file: string) {
  const events: EventInput[] = [];
  const problems: CatalogProblem[] = [];
  raw.forEach((entry, index) => {
    const parsed = EventInput.safeParse(entry);
    if (parsed.success) events.push(parsed.data);
    else problems.push(...problemsFromZod(parsed.error, file, codeOf(entry) ?? `#${index}`));
  });
  return { events, problems };
}

export interface BundleItemView {
  code: string;
  formFields: FormField[];
}

/**
 * Checks an event against its items: every item known, `after` only names items of the bundle,
 * no cycles, and no form field asked with two different types (the joint form must merge cleanly).
 */
export function checkEvent(event: EventInput, items: Map<string, BundleItemView>, file: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const codes = new Set(event.items.map((i) => i.code));
  event.items.forEach((entry, i) => {
    if (!items.has(entry.code))
      problems.push({ file, code: event.code, field: `items[${i}].code`, message: `事项 ${entry.code} 不存在 (unknown item)` });
    entry.after.forEach((dep, j) => {
      if (!codes.has(dep))
        problems.push({
          file,
          code: event.code,
          field: `items[${i}].after[${j}]`,
          message: `前置事项 ${dep} 不在本事件中 (not an item of this event)`,
        });
    });
  });
  if (hasCycle(event))
    problems.push({ file, code: event.code, field: 'items', message: '事项前后顺序存在循环 (the items’ order has a cycle)' });
  const owner = new Map<string, { itemCode: string; type: string }>();
  for (const entry of event.items) {
    for (const field of items.get(entry.code)?.formFields ?? []) {
      const first = owner.get(field.key);
      if (!first) owner.set(field.key, { itemCode: entry.code, type: field.type });
      else if (first.type !== field.type)
        problems.push({
          file,
          code: event.code,
          field: `form.${field.key}`,
          message: `联合表单字段冲突 (joint-form field conflict): ${field.key} 在事项 ${first.itemCode} 中为 ${first.type}，在事项 ${entry.code} 中为 ${field.type}`,
        });
    }
  }
  return problems;
}

function hasCycle(event: EventInput): boolean {
  const after = new Map(event.items.map((i) => [i.code, i.after]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string): boolean => {
    if (state.get(code) === 'done') return false;
    if (state.get(code) === 'visiting') return true;
    state.set(code, 'visiting');
    const cyclic = (after.get(code) ?? []).some(visit);
    state.set(code, 'done');
    return cyclic;
  };
  return event.items.some((i) => visit(i.code));
}

function codeOf(entry: unknown): string | undefined {
  return entry && typeof entry === 'object' && typeof (entry as { code?: unknown }).code === 'string'
    ? (entry as { code: string }).code
    : undefined;
}

function expandMaterials(entry: unknown, library: MaterialLibrary, file: string, code: string, problems: CatalogProblem[]): unknown {
  if (!entry || typeof entry !== 'object' || !Array.isArray((entry as { materials?: unknown }).materials)) return entry;
  let ok = true;
  const materials = (entry as { materials: unknown[] }).materials.map((m, i) => {
    const ref = typeof m === 'string' ? m : m && typeof m === 'object' ? (m as { code?: string }).code : undefined;
    const base = ref ? library[ref] : undefined;
    if (typeof m === 'string') {
      if (!base) {
        ok = false;
        problems.push({ file, code, field: `materials[${i}]`, message: `材料库中没有 ${m} (unknown material in materials.json)` });
      }
      return { code: m, ...base };
    }
    return base ? { code: ref, ...base, ...(m as object) } : m;
  });
  return ok ? { ...(entry as object), materials } : undefined;
}
