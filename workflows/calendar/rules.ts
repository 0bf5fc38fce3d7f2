import type { DistrictCalendar } from './district';

/**
 * The rules behind working-day deadlines (工作日期限), each with its source, so a district can override
 * them without touching the arithmetic.
 */
export interface WorkingDayRules {
  /**
   * Offset of official time from UTC, in minutes. Asia/Shanghai is UTC+08:00 all year (no daylight
   * saving since 1991), so a fixed offset is exact and keeps the code free of time-zone databases.
   */
  utcOffsetMinutes: number;
  /**
   * When the last day of a period ends. 民法典 art. 203: 期间的最后一日的截止时间为二十四时 — the
   * deadline is 24:00 (the end) of the last working day, not the clock time the period started at.
   */
  deadlineAt: 'endOfDay' | 'sameTime';
  /**
   * Dates (YYYY-MM-DD) whose status the published calendar does not yet know, e.g. next year's holidays
   * announced by the State Council (国务院办公厅关于…部分节假日安排的通知) before the `chinese-days` data
   * is updated. `true` = working day, `false` = day off.
   */
  overrides: Record<string, boolean>;
  /** The district's loaded holiday notices by year (see `district.ts`); they win over the bundled data. */
  calendar: DistrictCalendar;
}

/**
 * Defaults. Periods are counted in working days excluding 法定节假日 (行政许可法 art. 82) and start
 * the day after the triggering event (《中华人民共和国民法典》第二百零一条: 开始的当日不计入，自下一日开始计算;
 * docs/rules.md#working-days).
 */
export const DEFAULT_WORKING_DAY_RULES: WorkingDayRules = {
  utcOffsetMinutes: 8 * 60,
  deadlineAt: 'endOfDay',
  overrides: {},
  calendar: {},
};
