import type { PrismaClient } from '../../server/data/generated/client';
import { compileNotice, type DistrictCalendar, type HolidayNotice } from '../../workflows/calendar/district';

/**
 * The district calendar in force in this process (API and activities): the newest version of each
 * year's loaded notice. The database is the source; every process refreshes from it at most every
 * REFRESH_MS, and at once after it loads a notice itself.
 */
let current: DistrictCalendar = {};
let loadedAt = 0;
const REFRESH_MS = 30_000;

export function districtCalendar(): DistrictCalendar {
  return current;
}

export function setDistrictCalendar(calendar: DistrictCalendar): void {
  current = calendar;
  loadedAt = Date.now();
}

/** Reads the newest version of every year's notice from the database. */
export async function readDistrictCalendar(prisma: PrismaClient): Promise<DistrictCalendar> {
  const rows = await prisma.calendarNotice.findMany({ orderBy: [{ year: 'asc' }, { version: 'asc' }] });
  const calendar: DistrictCalendar = {};
  for (const row of rows) calendar[String(row.year)] = compileNotice(row.content as unknown as HolidayNotice);
  return calendar;
}

/** Refreshes the in-process calendar when it is older than REFRESH_MS (or `force`). */
export async function refreshDistrictCalendar(prisma: PrismaClient, force = false): Promise<DistrictCalendar> {
  if (force || Date.now() - loadedAt > REFRESH_MS) setDistrictCalendar(await readDistrictCalendar(prisma));
  return current;
}
