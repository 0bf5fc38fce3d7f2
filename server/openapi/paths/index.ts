import type { RouteDoc } from '../registry';
import { coreRouteDocs } from './core';

/** Every documented route; each area's routes file has its group here. */
export function allRouteDocs(): RouteDoc[] {
  return [...coreRouteDocs];
}
