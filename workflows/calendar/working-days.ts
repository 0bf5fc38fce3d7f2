import { getDayDetail, isWorkday } from 'chinese-days/dist/index.min.js';
import { DEFAULT_WORKING_DAY_RULES, type WorkingDayRules } from './rules';
import { statutoryHolidays } from './statutory';

/**
 * Working-day arithmetic on China's official calendar (法定节假日 and 调休 make-up working days from
 * `chinese-days`). Pure and deterministic: instants come in and go out as ISO strings, nothing reads
 * the clock, so it runs inside the Temporal workflow sandbox as well as in activities and the API.
 */

/** A period the law does not count (行政许可法 art. 45: 听证、检验、检测、检疫、鉴定、专家评审). */
export interface Pause {
  from: string;
  to: string;
}

export interface WorkingDayOptions extends Partial<WorkingDayRules> {
  pauses?: Pause[];
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Upper bound on the days one computation walks (ten years), so bad input cannot loop for ever. */
const MAX_WALK_DAYS = 3660;

function rulesOf(options?: Partial<WorkingDayRules>): WorkingDayRules {
  return {
    ...DEFAULT_WORKING_DAY_RULES,
    ...options,
    overrides: { ...DEFAULT_WORKING_DAY_RULES.overrides, ...options?.overrides },
    calendar: options?.calendar ?? DEFAULT_WORKING_DAY_RULES.calendar,
  };
}

function parseInstant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} 不是有效的 ISO 时间 (not an ISO-8601 instant): ${iso}`);
  return ms;
}

/** The official calendar date (YYYY-MM-DD) of an instant; a bare date is returned as it is. */
export function officialDate(iso: string, options?: Partial<WorkingDayRules>): string {
  if (DATE_ONLY.test(iso)) return iso;
  const { utcOffsetMinutes } = rulesOf(options);
  return new Date(parseInstant(iso, 'time') + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * chinese-days formats dates with local-time getters, so it is asked about local noon of the date:
 * the answer is then right whatever time zone the process runs in (an instant at UTC midnight is the
 * previous day west of Greenwich).
 */
function localNoon(date: string): Date {
  const [, y, m, d] = DATE_ONLY.exec(date) as RegExpExecArray;
  return new Date(Number(y), Number(m) - 1, Number(d), 12);
}

/** Whether the bundled `chinese-days` data has the year's notice (元旦 is always a named holiday). */
function bundledKnowsYear(year: number): boolean {
  return getDayDetail(localNoon(`${year}-01-01`)).name.includes(',');
}

const bundledYears = new Map<number, boolean>();
const statutoryByYear = new Map<number, Record<string, string>>();

function bundled(year: number): boolean {
  let known = bundledYears.get(year);
  if (known === undefined) bundledYears.set(year, (known = bundledKnowsYear(year)));
  return known;
}

function statutory(year: number): Record<string, string> {
  let days = statutoryByYear.get(year);
  if (!days) statutoryByYear.set(year, (days = statutoryHolidays(year)));
  return days;
}

function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * Whether a date (YYYY-MM-DD, or the official date of an instant) is a working day (工作日). Sources in
 * order: explicit overrides; the district's loaded notice for the year; the bundled `chinese-days` data;
 * for a year nobody has published yet, weekends and the statutory holidays (see `statutoryHolidays`).
 */
export function isWorkingDay(dateIso: string, options?: Partial<WorkingDayRules>): boolean {
  const rules = rulesOf(options);
  const date = officialDate(dateIso, rules);
  const override = rules.overrides[date];
  if (override !== undefined) return override;
  const year = Number(date.slice(0, 4));
  const loaded = rules.calendar[String(year)];
  if (loaded) {
    if (loaded.on.includes(date)) return true;
    return !loaded.off[date] && !isWeekend(date);
  }
  if (bundled(year)) return isWorkday(localNoon(date));
  return !isWeekend(date) && !statutory(year)[date];
}

/** The holiday or make-up day name the calendar gives a date, e.g. "National Day,国庆节,3", if any. */
export function dayName(dateIso: string, options?: Partial<WorkingDayRules>): string | undefined {
  const rules = rulesOf(options);
  const date = officialDate(dateIso, rules);
  const year = Number(date.slice(0, 4));
  const loaded = rules.calendar[String(year)];
  if (loaded) return loaded.off[date] ?? (loaded.on.includes(date) ? '调休上班' : undefined);
  if (!bundled(year)) return statutory(year)[date];
  const name = getDayDetail(localNoon(date)).name;
  return name.includes(',') ? name : undefined;
}

/** Whether the year's official notice is known: loaded by the district, or in the bundled data. */
export function calendarKnowsYear(year: number, options?: Partial<WorkingDayRules>): boolean {
  return rulesOf(options).calendar[String(year)] !== undefined || bundled(year);
}

/**
 * Whether a deadline is provisional (暂定): some year between `fromIso` and `toIso` has no official
 * notice yet, so only weekends and the statutory holidays were skipped there.
 */
export function isProvisional(fromIso: string, toIso: string, options?: Partial<WorkingDayRules>): boolean {
  const a = Number(officialDate(fromIso, options).slice(0, 4));
  const b = Number(officialDate(toIso, options).slice(0, 4));
  for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!calendarKnowsYear(y, options)) return true;
  return false;
}

/** Dates touched by a pause, both ends included: counting resumes the day after the pause ends. */
function pausedDates(pauses: Pause[] | undefined, options: WorkingDayRules): Set<string> {
  const dates = new Set<string>();
  for (const pause of pauses ?? []) {
    const from = officialDate(pause.from, options);
    const to = officialDate(pause.to, options);
    if (to < from) throw new RangeError(`暂停期间结束早于开始 (pause ends before it starts): ${pause.from} – ${pause.to}`);
    for (let d = from, n = 0; d <= to; d = addDays(d, 1), n++) {
      if (n > MAX_WALK_DAYS) throw new RangeError(`暂停期间过长 (pause too long): ${pause.from} – ${pause.to}`);
      dates.add(d);
    }
  }
  return dates;
}

/**
 * The deadline of a period of `days` working days that starts at `startIso`: counting begins the day
 * after the start, skips days off and paused days, and ends at 24:00 of the last working day (or at the
 * start's clock time, if the rules say `sameTime`). Returned as an ISO instant in UTC.
 */
export function addWorkingDays(startIso: string, days: number, options?: WorkingDayOptions): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`工作日数必须是非负整数 (working days must be a non-negative integer): ${days}`);
  const rules = rulesOf(options);
  const startMs = parseInstant(DATE_ONLY.test(startIso) ? `${startIso}T00:00:00Z` : startIso, 'start');
  const startDate = officialDate(startIso, rules);
  const paused = pausedDates(options?.pauses, rules);
  let date = startDate;
  for (let counted = 0, walked = 0; counted < days; walked++) {
    if (walked > MAX_WALK_DAYS) throw new RangeError(`期限超出可计算范围 (deadline too far away): ${days} working days`);
    date = addDays(date, 1);
    if (isWorkingDay(date, rules) && !paused.has(date)) counted++;
  }
  const offsetMs = rules.utcOffsetMinutes * 60_000;
  const midnight = Date.parse(`${date}T00:00:00Z`) - offsetMs; // 00:00 official time of the last day
  if (rules.deadlineAt === 'endOfDay' || DATE_ONLY.test(startIso)) return new Date(midnight + DAY_MS).toISOString();
  const clock = (startMs + offsetMs) % DAY_MS;
  return new Date(midnight + clock).toISOString();
}

/**
 * Working days from the day after `a` up to and including the official date of `b`, not counting
 * paused days; negative when `b` is before `a`. `workingDaysBetween(x, addWorkingDays(x, n) - 1ms) = n`.
 */
export function workingDaysBetween(a: string, b: string, pauses?: Pause[], options?: Partial<WorkingDayRules>): number {
  const rules = rulesOf(options);
  const from = officialDate(a, rules);
  const to = officialDate(b, rules);
  if (to < from) return -workingDaysBetween(b, a, pauses, options);
  const paused = pausedDates(pauses, rules);
  let count = 0;
  for (let d = addDays(from, 1), n = 0; d <= to; d = addDays(d, 1), n++) {
    if (n > MAX_WALK_DAYS) throw new RangeError(`期间过长 (period too long): ${a} – ${b}`);
    if (isWorkingDay(d, rules) && !paused.has(d)) count++;
  }
  return count;
}

const WORKING_DAY_DURATION = /^P(\d{1,4})WD$/;

/** Whether a BPMN timer duration is written in working days, e.g. `P5WD` (5 个工作日). */
export function isWorkingDayDuration(text: string): boolean {
  return WORKING_DAY_DURATION.test(text.trim());
}

/** The number of working days in a duration such as `P5WD`; throws a clear error otherwise. */
export function parseWorkingDayDuration(text: string): number {
  const match = WORKING_DAY_DURATION.exec(text.trim());
  if (!match) throw new RangeError(`不是工作日时长 (not a working-day duration, expected e.g. P5WD): ${text}`);
  return Number(match[1]);
}

/** The last day (official date) a deadline instant covers: 24:00 of 11-03 is the end of 11-03. */
export function lastDayOf(dueIso: string, options?: Partial<WorkingDayRules>): string {
  return officialDate(new Date(parseInstant(dueIso, 'deadline') - 1).toISOString(), options);
}

/**
 * A deadline extended by `days` working days (行政许可法 art. 42 延期): counting resumes the day after the
 * last day of the current period, so extending the end of 11-03 by 10 gives the end of 11-17, the same as
 * counting the whole sum from the original start.
 */
export function extendDeadline(dueIso: string, days: number, options?: WorkingDayOptions): string {
  return addWorkingDays(lastDayOf(dueIso, options), days, options);
}

/** Working days a pause covers, both ends included (the engine's art. 45 rule: those days are not counted). */
export function pausedWorkingDays(pause: Pause, options?: Partial<WorkingDayRules>): number {
  const rules = rulesOf(options);
  let n = 0;
  for (const d of pausedDates([pause], rules)) if (isWorkingDay(d, rules)) n++;
  return n;
}

/** The deadline after a pause (art. 45): moved by exactly the working days the pause covered. */
export function resumeDeadline(dueIso: string, pause: Pause, options?: WorkingDayOptions): string {
  const k = pausedWorkingDays(pause, options);
  return k === 0 ? dueIso : extendDeadline(dueIso, k, options);
}

/** The deadline for a working-day duration (`P5WD`) starting at `startIso`. */
export function workingDayDeadline(startIso: string, duration: string, options?: WorkingDayOptions): string {
  return addWorkingDays(startIso, parseWorkingDayDuration(duration), options);
}
