import { isWorkday } from 'chinese-days';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

function officialDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A deadline `days` working days after `from` (行政许可法 art. 82: counted in 工作日, holidays and 调休
 * follow China's calendar): counting starts the day after, the deadline is 24:00 Beijing time of the
 * last day. `pausedDays` extends it by days the clock stood still (art. 45).
 */
export function addWorkingDays(from: Date, days: number, pausedDays = 0): Date {
  let date = officialDate(from);
  for (let counted = 0; counted < days + pausedDays; ) {
    date = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    if (isWorkday(date)) counted++;
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - SHANGHAI_OFFSET_MS);
}

/** A deadline in natural days (art. 32's 5 days, art. 44's 10 days), at 24:00 Beijing time. */
export function addNaturalDays(from: Date, days: number): Date {
  const date = officialDate(from);
  return new Date(Date.parse(`${date}T00:00:00Z`) + (days + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** Working days from `a` (exclusive) to `b` (inclusive), by Beijing dates. */
export function workingDaysBetween(a: Date, b: Date): number {
  let date = officialDate(a);
  const end = officialDate(b);
  let n = 0;
  while (date < end) {
    date = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    if (isWorkday(date)) n++;
  }
  return n;
}
