import type { RouteDoc } from '../registry';
import { coreRouteDocs } from './core';
import { handlingRouteDocs } from './handling';

/** Every documented route; each area's routes file has its group here. */
export function allRouteDocs(): RouteDoc[] {
  return [...coreRouteDocs, ...handlingRouteDocs];
}
