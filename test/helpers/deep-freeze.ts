/**
 * Freezes a value and everything in it. The unit drivers freeze each engine state they keep, so a
 * step that wrote into its previous state (shared with the next one) would throw a TypeError.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
