import type { RouteDoc } from '../registry';
import { coreRouteDocs } from './core';
import { engineRouteDocs } from './engine';
import { catalogRouteDocs } from './catalog';
import { handlingRouteDocs } from './handling';
import { linkageRouteDocs } from './linkage';
import { machinesRouteDocs } from './machines';
import { materialsRouteDocs } from './materials';
import { peopleRouteDocs } from './people';
import { docsOf } from '../../routes/route';
import { usersArea } from '../../routes/users.routes';
import { calendarArea } from '../../routes/calendar.routes';
import { applicantRouteDocs } from './applicant';

/**
 * Every documented route; each area's routes file has its group here. Areas declared with `route()`
 * (server/routes/route.ts) are documented from their declarations: `docsOf(area)`.
 */
export function allRouteDocs(): RouteDoc[] {
  return [
    ...coreRouteDocs,
    ...engineRouteDocs,
    ...peopleRouteDocs,
    ...catalogRouteDocs,
    ...machinesRouteDocs,
    ...linkageRouteDocs,
    ...handlingRouteDocs,
    ...docsOf(usersArea),
    ...materialsRouteDocs,
    ...docsOf(calendarArea),
    ...applicantRouteDocs,
  ];
}
