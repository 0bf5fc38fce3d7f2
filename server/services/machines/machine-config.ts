import { districtCalendar } from '../../../activities/calendar/registry';
import type { MachineClock } from '../../../workflows/machines/clock';
import { withOverrides, type DeadlineTable } from '../../../workflows/machines/deadlines';

/**
 * Runtime parameters of the rule machines, read from the environment:
 * - `HAOBAN_MS_PER_WORKING_DAY`: compress a working day to this many ms (tests, demos); unset → the official calendar;
 * - `HAOBAN_MACHINE_DEADLINES`: JSON overrides of working-day counts per table, e.g. `{"fallback":{"general":3}}`;
 * - 12345 repeat matching (重复诉求): see activities/domain/hotline/matching.ts.
 */
export function machineClock(env: NodeJS.ProcessEnv = process.env): MachineClock {
  const ms = env.HAOBAN_MS_PER_WORKING_DAY;
  if (ms) return { msPerWorkingDay: Number(ms) };
  // The district's loaded holiday notices travel in the machine context, so replays count the same days.
  const calendar = districtCalendar();
  return Object.keys(calendar).length ? { calendar } : {};
}

export function deadlinesFor<T extends DeadlineTable>(table: T, name: string, env: NodeJS.ProcessEnv = process.env): T {
  const raw = env.HAOBAN_MACHINE_DEADLINES;
  if (!raw) return table;
  const all = JSON.parse(raw) as Record<string, Partial<Record<keyof T, number>>>;
  return withOverrides(table, all[name]);
}

/** Events one machine run takes before it continues as new (`HAOBAN_MACHINE_EVENTS_PER_RUN`; the host's default otherwise). */
export function eventsPerRun(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env.HAOBAN_MACHINE_EVENTS_PER_RUN);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
