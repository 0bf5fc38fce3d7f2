import type { RouteDoc } from '../registry';
import { coreRouteDocs } from './core';
import { engineRouteDocs } from './engine';
import { catalogRouteDocs } from './catalog';
import { handlingRouteDocs } from './handling';
import { linkageRouteDocs } from './linkage';
import { machinesRouteDocs } from './machines';
import { materialsRouteDocs } from './materials';
import { peopleRouteDocs } from './people';
import { usersRouteDocs } from './users';
import { calendarRouteDocs } from './calendar';
import { applicantRouteDocs } from './applicant';

/** Every documented route; each area's routes file has its group here. */
export function allRouteDocs(): RouteDoc[] {
  return [
    ...coreRouteDocs,
    ...engineRouteDocs,
    ...peopleRouteDocs,
    ...catalogRouteDocs,
    ...machinesRouteDocs,
    ...linkageRouteDocs,
    ...handlingRouteDocs,
    ...usersRouteDocs,
    ...materialsRouteDocs,
    ...calendarRouteDocs,
    ...applicantRouteDocs,
  ];
}
