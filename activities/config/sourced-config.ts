/**
 * A configuration block whose every value carries the rule it comes from (the official source,
 * see docs/rules.md, or "engineering default"). Values in force = defaults, then the JSON in an environment variable
 * (per deployment), then overrides set in code (tests); the sources stay with the defaults.
 */
export interface Param<T> {
  value: T;
  /** The rule or reason behind the default. */
  source: string;
}

export type ValuesOf<C> = { [K in keyof C]: C[K] extends Param<infer T> ? T : never };

export function sourcedConfig<C extends { [K in keyof C]: Param<unknown> }>(defaults: C, envName: string) {
  type Values = ValuesOf<C>;
  let overrides: Partial<Values> = readEnv();

  function readEnv(): Partial<Values> {
    const raw = process.env[envName];
    if (!raw) return {};
    try {
      return JSON.parse(raw) as Partial<Values>;
    } catch (err) {
      throw new Error(`配置错误 (invalid configuration): ${envName} is not JSON: ${(err as Error).message}`);
    }
  }

  return {
    /** The values in force: defaults with overrides applied. */
    values(): Values {
      const values = Object.fromEntries(Object.entries(defaults as Record<string, Param<unknown>>).map(([k, p]) => [k, p.value])) as Values;
      return { ...values, ...overrides };
    },
    /** Replaces selected values (tests, per-deployment tuning); returns a function restoring the previous ones. */
    override(patch: Partial<Values>): () => void {
      const previous = overrides;
      overrides = { ...overrides, ...patch };
      return () => {
        overrides = previous;
      };
    },
  };
}
