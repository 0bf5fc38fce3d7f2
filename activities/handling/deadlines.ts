import {
  addWorkingDays as addOnCalendar,
  extendDeadline as extendOnCalendar,
  isProvisional as provisionalOnCalendar,
  resumeDeadline as resumeOnCalendar,
  workingDaysBetween as betweenOnCalendar,
} from '../../workflows/calendar/working-days';
import { districtCalendar } from '../calendar/registry';
import { statutoryPeriods, type PeriodKey } from './periods';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * Deadlines of handling on the one working-day arithmetic (`workflows/calendar`), with the district's
 * loaded holiday notices: counting starts the day after, the deadline is 24:00 Beijing time of the last day.
 */
const options = () => ({ calendar: districtCalendar() });

export function addWorkingDays(from: Date, days: number): Date {
  return new Date(addOnCalendar(from.toISOString(), days, options()));
}

/** A deadline extended by `days` working days (art. 42): the end of 11-03 + 10 → the end of 11-17. */
export function extendDeadline(due: Date, days: number): Date {
  return new Date(extendOnCalendar(due.toISOString(), days, options()));
}

/** The deadline after a pause (art. 45) from `from` to `to`: moved by the working days it covered. */
export function resumeDeadline(due: Date, from: Date, to: Date): Date {
  return new Date(resumeOnCalendar(due.toISOString(), { from: from.toISOString(), to: to.toISOString() }, options()));
}

/** A deadline in natural days, at 24:00 Beijing time. */
export function addNaturalDays(from: Date, days: number): Date {
  const date = new Date(from.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  return new Date(Date.parse(`${date}T00:00:00Z`) + (days + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The deadline of a statutory period from `from`, in the unit the period's article counts. */
export function periodDeadline(key: PeriodKey, from: Date, days?: number): Date {
  const period = statutoryPeriods()[key];
  const n = days ?? period.days;
  return period.unit === 'working' ? addWorkingDays(from, n) : addNaturalDays(from, n);
}

/** Working days from `a` (exclusive) to `b` (inclusive), by Beijing dates. */
export function workingDaysBetween(a: Date, b: Date): number {
  return betweenOnCalendar(a.toISOString(), b.toISOString(), undefined, options());
}

/** Whether a deadline is provisional (a year on the way has no official notice yet). */
export function isProvisional(from: Date, due: Date): boolean {
  return provisionalOnCalendar(from.toISOString(), due.toISOString(), options());
}
