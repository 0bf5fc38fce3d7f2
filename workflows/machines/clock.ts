import type { DistrictCalendar } from '../calendar/district';
import { addWorkingDays as addOfficialWorkingDays } from '../calendar/working-days';

/**
 * Working-day arithmetic for machine deadlines. Production instances count real working days on the
 * holiday/调休 calendar; tests (and demos) compress a working day to a few milliseconds so durable
 * timers fire in seconds. The clock travels in the machine context, so replays compute the same times.
 */
export interface MachineClock {
  /** When set, one working day lasts this many milliseconds (time compression for tests and demos). */
  msPerWorkingDay?: number;
  /** The district's loaded holiday notices when the machine started (else bundled data and statutory fallback). */
  calendar?: DistrictCalendar;
}

/** The deadline instant `workingDays` after `fromMs`: scaled in tests, on the official calendar otherwise. */
export function addWorkingDays(clock: MachineClock, fromMs: number, workingDays: number): number {
  if (clock.msPerWorkingDay !== undefined) return fromMs + Math.round(workingDays * clock.msPerWorkingDay);
  return Date.parse(
    addOfficialWorkingDays(new Date(fromMs).toISOString(), workingDays, clock.calendar ? { calendar: clock.calendar } : undefined),
  );
}
