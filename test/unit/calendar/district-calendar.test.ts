import fc from 'fast-check';
import { isWorkday } from 'chinese-days';
import notice2027 from '../../fixtures/calendar/2027-notice.test-fixture.json';
import {
  addWorkingDays,
  calendarKnowsYear,
  compileNotice,
  extendDeadline,
  isProvisional,
  isWorkingDay,
  pausedWorkingDays,
  resumeDeadline,
  statutoryHolidays,
} from '../../../workflows/calendar';
import { periodDeadline } from '../../../activities/handling/deadlines';

/** 24:00 of an official (UTC+8) date, as the UTC instant the API stores. */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
/** The 2027 test fixture (not official data) as the arithmetic reads a loaded notice. */
const calendar = { '2027': compileNotice(notice2027) };

describe('a year with no official notice (2027 today)', () => {
  it('when nothing is loaded, then 元旦 2027-01-01 is still a day off and weekends are off', () => {
    expect(calendarKnowsYear(2027)).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(false); // Friday, 元旦
    expect(isWorkingDay('2027-01-02')).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-04')).toBe(true); // Monday
    expect(isWorkingDay('2027-05-01')).toBe(false);
    expect(isWorkingDay('2027-10-01')).toBe(false);
  });

  it('when a 承诺件 is accepted on 2026-12-25 with 20 working days, then it is due at the end of 2027-01-25, provisional', () => {
    // Hand count: 12-28..31 (4), 01-01 元旦 off, 01-04..08 (9), 01-11..15 (14), 01-18..22 (19), 01-25 (20).
    const due = addWorkingDays('2026-12-25T10:00:00+08:00', 20);
    expect(due).toBe(endOf('2027-01-25'));
    expect(isProvisional('2026-12-25T10:00:00+08:00', due)).toBe(true);
    expect(isProvisional('2026-09-30T10:00:00+08:00', endOf('2026-11-03'))).toBe(false);
  });

  it('when the lunar holidays are computed for 2025 and 2026, then every one of them is a day off in the official data', () => {
    // 春节 (除夕 + 初一..初三), 清明, 端午, 中秋 from the lunar tables; checked against the published years.
    for (const year of [2025, 2026]) {
      const days = Object.keys(statutoryHolidays(year));
      expect(days).toHaveLength(13); // 元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3
      for (const d of days) expect([d, isWorkday(d)]).toEqual([d, false]);
    }
    expect(statutoryHolidays(2027)).toMatchObject({
      '2027-02-05': '春节',
      '2027-02-06': '春节',
      '2027-02-08': '春节',
      '2027-04-05': '清明节',
      '2027-06-09': '端午节',
      '2027-09-15': '中秋节',
    });
  });
});

describe('loading the year’s notice (2027 test fixture)', () => {
  it('when the notice is loaded, then 12-25 + 30 working days moves from the provisional end of 02-10 to the end of 02-15', () => {
    // Provisional: 01-25 (20), 01-26..29 (24), 02-01..04 (28), 02-05 除夕 and 02-08 初三 off, 02-09 (29), 02-10 (30).
    expect(addWorkingDays('2026-12-25T10:00:00+08:00', 30)).toBe(endOf('2027-02-10'));
    // Notice: 春节 02-05..11 off, so 02-12 (29), 02-15 (30).
    const due = addWorkingDays('2026-12-25T10:00:00+08:00', 30, { calendar });
    expect(due).toBe(endOf('2027-02-15'));
    expect(isProvisional('2026-12-25T10:00:00+08:00', due, { calendar })).toBe(false);
    expect(isWorkingDay('2027-02-20', { calendar })).toBe(true); // Saturday 调休 make-up day
    expect(isWorkingDay('2027-02-11', { calendar })).toBe(false);
  });
});

describe('extension and pause (行政许可法 第四十二条, 第四十五条)', () => {
  it('when a decision due at the end of 11-03 is extended by 10 working days, then it is due at the end of 11-17, not 11-18', () => {
    // 09-30 + 20 WD = end of 11-03 (National Day 10-01..07 off, 10-10 and 09-20 make-up days).
    const due = addWorkingDays('2026-09-30T10:00:00+08:00', 20);
    expect(due).toBe(endOf('2026-11-03'));
    // 11-04, 05, 06, 09, 10, 11, 12, 13, 16, 17 = 10 working days.
    expect(extendDeadline(due, 10)).toBe(endOf('2026-11-17'));
    expect(extendDeadline(due, 10)).toBe(addWorkingDays('2026-09-30T10:00:00+08:00', 30));
  });

  it('when the clock stood still on Tue 10-20 and Wed 10-21, then resuming moves the end of 11-03 by 2 working days to the end of 11-05', () => {
    const pause = { from: '2026-10-20T09:00:00+08:00', to: '2026-10-21T17:00:00+08:00' };
    expect(pausedWorkingDays(pause)).toBe(2);
    expect(resumeDeadline(endOf('2026-11-03'), pause)).toBe(endOf('2026-11-05'));
    expect(addWorkingDays('2026-09-30T10:00:00+08:00', 20, { pauses: [pause] })).toBe(endOf('2026-11-05'));
  });

  it('when art. 44 delivery counts 10 days from a decision on 12-01, then working days give the end of 12-15 (第八十二条), not 12-11', () => {
    expect(periodDeadline('delivery', new Date('2026-12-01T10:00:00+08:00')).toISOString()).toBe(endOf('2026-12-15'));
  });
});

describe('properties over random dates across 2024–2027 and their holidays', () => {
  const DAY = 86_400_000;
  const start = fc
    .integer({ min: Date.parse('2024-01-01T02:00:00Z'), max: Date.parse('2027-10-01T02:00:00Z') })
    .map((ms) => new Date(ms).toISOString());
  const withNotice = fc.boolean().map((loaded) => (loaded ? { calendar } : {}));

  it('extend(add(s, n), m) equals add(s, n + m)', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), withNotice, (s, n, m, options) => {
        expect(extendDeadline(addWorkingDays(s, n, options), m, options)).toBe(addWorkingDays(s, n + m, options));
      }),
      { numRuns: 300 },
    );
  });

  it('a pause over k working days inside the period moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(
        start,
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        withNotice,
        (s, n, at, len, options) => {
          const due = addWorkingDays(s, n, options);
          const first = Date.parse(s) + DAY; // the pause begins after the start day, before the original due date
          const from = new Date(first + Math.floor(at * Math.max(0, Date.parse(due) - DAY - first))).toISOString();
          const pause = { from, to: new Date(Date.parse(from) + len * DAY).toISOString() };
          const k = pausedWorkingDays(pause, options);
          const paused = addWorkingDays(s, n, { ...options, pauses: [pause] });
          expect(paused).toBe(addWorkingDays(s, n + k, options));
          expect(resumeDeadline(due, pause, options)).toBe(paused);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a pause wholly on non-working days moves nothing', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 40 }), withNotice, (s, n, options) => {
        // The first Saturday after the start, paused through the Sunday, unless one of them is a make-up working day.
        let d = Date.parse(s) + DAY;
        while (new Date(d + 8 * 3600_000).getUTCDay() !== 6) d += DAY;
        const pause = { from: new Date(d).toISOString(), to: new Date(d + DAY).toISOString() };
        fc.pre(pausedWorkingDays(pause, options) === 0);
        expect(addWorkingDays(s, n, { ...options, pauses: [pause] })).toBe(addWorkingDays(s, n, options));
        expect(resumeDeadline(addWorkingDays(s, n, options), pause, options)).toBe(addWorkingDays(s, n, options));
      }),
      { numRuns: 300 },
    );
  });
});
