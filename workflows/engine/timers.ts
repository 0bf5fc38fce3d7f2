import { addWorkingDays, isWorkingDayDuration, parseWorkingDayDuration } from '../calendar/working-days';
import type { DistrictCalendar } from '../calendar/district';
import type { ClockPause, TimerSpec } from './model';

/**
 * ISO-8601 timer arithmetic, pure: dates, durations (`PT5M`, `P1DT2H`, `P2W`), cycles (`R3/PT10H`,
 * `R/PT1H`, `R2/2026-01-01T00:00:00Z/P1D`) and working-day durations on the official calendar (`P5WD`).
 */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO-8601 duration; years and months use calendar arithmetic from `fromIso`. */
export function durationEnd(fromIso: string, duration: string): string {
  const m = DURATION.exec(duration.trim());
  if (!m || duration.trim() === 'P' || duration.trim().endsWith('T'))
    throw new RangeError(`不是 ISO-8601 时长 (not an ISO-8601 duration): ${duration}`);
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const date = new Date(fromIso);
  if (y || mo) date.setUTCMonth(date.getUTCMonth() + (y as number) * 12 + (mo as number));
  const ms = ((w as number) * 7 * 86400 + (d as number) * 86400 + (h as number) * 3600 + (mi as number) * 60 + (s as number)) * 1000;
  return new Date(date.getTime() + ms).toISOString();
}

export function isDuration(text: string): boolean {
  return DURATION.test(text.trim()) || isWorkingDayDuration(text);
}

export interface Cycle {
  repeat: number;
  start?: string;
  interval: string;
}

/** `R3/PT10H`, `R/PT1H` (unbounded: -1), `R2/<start>/P1D`. */
export function parseCycle(text: string): Cycle {
  const parts = text.trim().split('/');
  const r = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!r || parts.length < 2 || parts.length > 3)
    throw new RangeError(`不是 ISO-8601 循环 (not an ISO-8601 cycle, e.g. R3/PT10H): ${text}`);
  const interval = parts[parts.length - 1] as string;
  if (!isDuration(interval)) throw new RangeError(`循环间隔不是 ISO-8601 时长 (cycle interval is not a duration): ${text}`);
  const start = parts.length === 3 ? parts[1] : undefined;
  if (start !== undefined && Number.isNaN(Date.parse(start))) throw new RangeError(`循环开始时间无效 (invalid cycle start): ${text}`);
  return { repeat: r[1] === '' ? -1 : Number(r[1]), start, interval };
}

/** A cron expression (5 fields, or Camunda 8's 6 with seconds first, or 7 with the year), as a timer cycle. */
export function isCron(text: string): boolean {
  const fields = text.trim().split(/\s+/);
  return fields.length >= 5 && fields.length <= 7 && fields.every((f) => /^[\d*?/,LW#A-Za-z-]+$/.test(f)) && !text.trim().startsWith('R');
}

/**
 * Validates a literal timer at compile time; returns a message when it is invalid. A cron cycle is
 * valid only on a process-level timer start event (`cronAllowed`): its schedule runs it.
 */
export function timerProblem(spec: TimerSpec, options: { cronAllowed?: boolean } = {}): string | undefined {
  if (spec.value.trim().startsWith('=')) return undefined;
  try {
    if (spec.kind === 'duration' && !isDuration(spec.value)) return `不是 ISO-8601 时长 (not an ISO-8601 duration): ${spec.value}`;
    if (spec.kind === 'date' && Number.isNaN(Date.parse(spec.value))) return `不是 ISO-8601 时间 (not an ISO-8601 date): ${spec.value}`;
    if (spec.kind === 'cycle' && options.cronAllowed && isCron(spec.value)) return undefined;
    if (spec.kind === 'cycle') parseCycle(spec.value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export interface Due {
  dueAt: string;
  repeat?: number;
  interval?: string;
  workingDays?: { start: string; days: number };
}

/** When a timer with this (evaluated) value, started at `at`, falls due. */
export function computeDue(kind: TimerSpec['kind'], value: string, at: string, pauses: ClockPause[], calendar?: DistrictCalendar): Due {
  if (kind === 'date') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new RangeError(`不是 ISO-8601 时间 (not an ISO-8601 date): ${value}`);
    return { dueAt: new Date(ms).toISOString() };
  }
  if (kind === 'duration') return durationDue(value, at, pauses, calendar);
  const cycle = parseCycle(value);
  const first =
    cycle.start && Date.parse(cycle.start) > Date.parse(at)
      ? { dueAt: new Date(cycle.start).toISOString() }
      : durationDue(cycle.interval, at, pauses, calendar);
  return { ...first, repeat: cycle.repeat === -1 ? -1 : cycle.repeat - 1, interval: cycle.interval };
}

function durationDue(value: string, at: string, pauses: ClockPause[], calendar?: DistrictCalendar): Due {
  if (isWorkingDayDuration(value)) {
    const days = parseWorkingDayDuration(value);
    return { dueAt: workingDayDue(at, days, pauses, calendar), workingDays: { start: at, days } };
  }
  return { dueAt: durationEnd(at, value) };
}

/**
 * A working-day deadline with the case's clock pauses (行政许可法 art. 45) left out of the count, on the
 * district calendar the case holds (loaded notices reach a case in its input or by an update, so a
 * replay computes the same dates).
 */
export function workingDayDue(start: string, days: number, pauses: ClockPause[], calendar?: DistrictCalendar): string {
  const closed = pauses.filter((p) => p.to !== undefined).map((p) => ({ from: p.from, to: p.to as string }));
  const open = pauses.find((p) => p.to === undefined);
  // While the clock is paused the deadline is unknown; park it far enough that it cannot fire.
  const options = calendar ? { pauses: closed, calendar } : { pauses: closed };
  if (open) return durationEnd(addWorkingDays(start, days, options), 'P3650D');
  return addWorkingDays(start, days, options);
}
