import { z } from 'zod';
import { HANDLING_DEFAULTS } from '../activities/handling/config';
import { FILE_KINDS, MATERIALS_DEFAULTS } from './materials/config';
import {
  AGENCY_DEADLINES,
  FALLBACK_DEADLINES,
  HOTLINE_DEADLINES,
  LINKAGE_DEADLINES,
  type DeadlineTable,
} from '../workflows/machines/deadlines';

/**
 * Schemas of the JSON-valued parameters (HANDLING_CONFIG, MATERIALS_CONFIG, HAOBAN_MACHINE_DEADLINES),
 * derived from the defaults they override: a key the defaults do not have, or a value of another type,
 * stops start-up naming the variable and the key, instead of being ignored.
 */

/** A schema accepting values shaped like `value` (nested objects complete, as overrides replace them whole). */
function shapedLike(value: unknown): z.ZodType {
  if (typeof value === 'number') return z.number();
  if (typeof value === 'string') return z.string();
  if (typeof value === 'boolean') return z.boolean();
  if (Array.isArray(value)) return z.array(value.length ? shapedLike(value[0]) : z.unknown());
  if (value && typeof value === 'object')
    return z.strictObject(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapedLike(v)])));
  return z.unknown();
}

function overridesOf<C extends { [K in keyof C]: { value: unknown } }>(defaults: C, special: Partial<Record<keyof C, z.ZodType>> = {}) {
  const shape = Object.fromEntries(
    Object.entries(defaults as Record<string, { value: unknown }>).map(([k, p]) => [
      k,
      (special[k as keyof C] ?? shapedLike(p.value)).optional(),
    ]),
  );
  return z.strictObject(shape) as unknown as z.ZodType<Partial<{ [K in keyof C]: C[K]['value'] }>>;
}

/** A JSON text parsed, then checked with `schema`. */
export function jsonOf<T>(schema: z.ZodType<T>) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not JSON: ${(err as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const handlingOverrides = overridesOf(HANDLING_DEFAULTS);
export const materialsOverrides = overridesOf(MATERIALS_DEFAULTS, { allowedKinds: z.array(z.enum(FILE_KINDS)) });

const workingDaysOf = (table: DeadlineTable) =>
  z.strictObject(Object.fromEntries(Object.keys(table).map((k) => [k, z.number().int().min(0).optional()]))) as unknown as z.ZodType<
    Record<string, number>
  >;

/** Working-day overrides per rule machine, e.g. `{"fallback":{"general":3}}`. */
export const machineDeadlineOverrides = z.strictObject({
  agency: workingDaysOf(AGENCY_DEADLINES).optional(),
  fallback: workingDaysOf(FALLBACK_DEADLINES).optional(),
  hotline: workingDaysOf(HOTLINE_DEADLINES).optional(),
  linkage: workingDaysOf(LINKAGE_DEADLINES).optional(),
});
export type MachineDeadlineOverrides = z.infer<typeof machineDeadlineOverrides>;
