/**
 * The district's own calendar data: each year's State Council holiday notice (国务院办公厅关于…部分
 * 节假日安排的通知), loaded from a file or the admin screen. Plain JSON so it can travel into a workflow
 * (in its input or an update) and be replayed exactly.
 */

/** One holiday of the notice, e.g. 春节 from 2027-02-05 to 2027-02-11. */
export interface NoticeHoliday {
  name: string;
  from: string;
  to: string;
}

/** A year's notice as the district maintains it (file `definitions/calendar/<year>.json`). */
export interface HolidayNotice {
  year: number;
  /** The notice's document number, e.g. 国办发明电〔2025〕7号. */
  notice: string;
  title?: string;
  /** Days off, each a range (both ends included). */
  holidays: NoticeHoliday[];
  /** 调休 make-up working days (weekend days that are working days). */
  workdays: string[];
}

/** The compiled form the arithmetic reads: per year, the days off and the make-up working days. */
export interface CalendarYear {
  notice: string;
  /** Date → holiday name, for every day off the notice names. */
  off: Record<string, string>;
  /** Make-up working days. */
  on: string[];
}

/** Loaded notices by year (the key is the year as a string, so the object is plain JSON). */
export type DistrictCalendar = Record<string, CalendarYear>;

const DAY_MS = 86_400_000;

/** The days a notice gives off and the make-up days, as the arithmetic reads them. */
export function compileNotice(notice: HolidayNotice): CalendarYear {
  const off: Record<string, string> = {};
  for (const h of notice.holidays) {
    for (let ms = Date.parse(`${h.from}T00:00:00Z`), end = Date.parse(`${h.to}T00:00:00Z`); ms <= end; ms += DAY_MS) {
      off[new Date(ms).toISOString().slice(0, 10)] = h.name;
    }
  }
  return { notice: notice.notice, off, on: [...notice.workdays].sort() };
}
