/**
 * A configuration block whose every value carries the rule it comes from (the official source,
 * see docs/rules.md, or "engineering default"). Values in force = defaults, then the deployment's
 * values (set once by the entry point from the configuration, server/config.ts), then overrides set
 * in code (tests); the sources stay with the defaults.
 */
export interface Param<T> {
  value: T;
  /** The rule or reason behind the default. */
  source: string;
}

export type ValuesOf<C> = { [K in keyof C]: C[K] extends Param<infer T> ? T : never };

export function sourcedConfig<C extends { [K in keyof C]: Param<unknown> }>(defaults: C) {
  type Values = ValuesOf<C>;
  let deployment: Partial<Values> = {};
  let overrides: Partial<Values> = {};

  return {
    /** The values in force: defaults with the deployment's values and overrides applied. */
    values(): Values {
      const values = Object.fromEntries(Object.entries(defaults as Record<string, Param<unknown>>).map(([k, p]) => [k, p.value])) as Values;
      return { ...values, ...deployment, ...overrides };
    },
    /** Sets the deployment's values (the entry point, from the configuration); replaces earlier ones. */
    configure(values: Partial<Values> = {}): void {
      deployment = { ...values };
    },
    /** Replaces selected values (tests); returns a function restoring the previous ones. */
    override(patch: Partial<Values>): () => void {
      const previous = overrides;
      overrides = { ...overrides, ...patch };
      return () => {
        overrides = previous;
      };
    },
  };
}
