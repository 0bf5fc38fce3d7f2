import { districtCalendar } from '../../../activities/calendar/registry';
import type { MachineClock } from '../../../workflows/machines/clock';
import { withOverrides, type DeadlineTable } from '../../../workflows/machines/deadlines';

/**
 * Runtime parameters of the rule machines, set once by the entry point from the configuration
 * (server/config.ts: HAOBAN_MS_PER_WORKING_DAY, HAOBAN_MACHINE_DEADLINES, HAOBAN_MACHINE_EVENTS_PER_RUN).
 * They are read where an instance starts, in the API and in the worker's service tasks alike, so they
 * live here rather than in each service's dependencies. 12345 repeat matching: activities/domain/hotline/matching.ts.
 */
export interface MachineSettings {
  /** Compress a working day to this many ms (tests, demos); unset → the official calendar. */
  msPerWorkingDay?: number;
  /** Working-day overrides per table, e.g. `{ fallback: { general: 3 } }`. */
  deadlines?: Record<string, Record<string, number> | undefined>;
  /** Events one machine run takes before it continues as new; unset → the host's default. */
  eventsPerRun?: number;
}

let configured: MachineSettings = {};
let overrides: MachineSettings = {};
const settings = (): MachineSettings => ({ ...configured, ...overrides });

/** Sets the deployment's values (the entry point, from the configuration). */
export function configureMachines(values: MachineSettings): void {
  configured = { ...values };
}

/** Replaces selected values (tests); returns a function restoring the previous ones. */
export function overrideMachineSettings(patch: MachineSettings): () => void {
  const previous = overrides;
  overrides = { ...overrides, ...patch };
  return () => {
    overrides = previous;
  };
}

export function machineClock(): MachineClock {
  const ms = settings().msPerWorkingDay;
  if (ms) return { msPerWorkingDay: ms };
  // The district's loaded holiday notices travel in the machine context, so replays count the same days.
  const calendar = districtCalendar();
  return Object.keys(calendar).length ? { calendar } : {};
}

export function deadlinesFor<T extends DeadlineTable>(table: T, name: string): T {
  return withOverrides(table, settings().deadlines?.[name] as Partial<Record<keyof T, number>> | undefined);
}

/** Events one machine run takes before it continues as new (the host's default when unset). */
export function eventsPerRun(): number | undefined {
  return settings().eventsPerRun;
}
