import {
  addWorkingDays,
  calendarKnowsYear,
  dayName,
  isWorkingDay,
  isWorkingDayDuration,
  officialDate,
  parseWorkingDayDuration,
  workingDayDeadline,
  workingDaysBetween,
} from '../../../workflows/calendar';

/** 24:00 of an official (UTC+8) date, as the UTC instant the API stores. */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

describe('isWorkingDay on the official 2026 calendar', () => {
  it('when the date is in the National Day holiday, then it is not a working day', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(dayName('2026-10-01')).toContain('国庆节');
  });

  it('when a weekend day is a 调休 make-up working day, then it is a working day', () => {
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday before 春节
    expect(isWorkingDay('2026-02-28')).toBe(true);
  });

  it('when an ordinary weekend or weekday, then weekends are off and weekdays work', () => {
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-02-18')).toBe(false); // 春节, a Wednesday
  });

  it('when given an instant, then the official (UTC+8) date decides', () => {
    // 2026-09-30T16:30Z is already 2026-10-01 00:30 in Beijing.
    expect(officialDate('2026-09-30T16:30:00Z')).toBe('2026-10-01');
    expect(isWorkingDay('2026-09-30T16:30:00Z')).toBe(false);
    expect(isWorkingDay('2026-09-30T15:30:00Z')).toBe(true);
  });

  it('when the process runs in a time zone west of Greenwich, then answers do not shift a day', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(isWorkingDay('2026-10-10')).toBe(true);
      expect(isWorkingDay('2026-10-01')).toBe(false);
      expect(addWorkingDays('2026-09-30T10:00:00+08:00', 3)).toBe(endOf('2026-10-10'));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('when a date is overridden (a year the package does not know yet), then the override wins', () => {
    expect(isWorkingDay('2027-01-04')).toBe(true); // Monday: no 2027 notice in the bundled data
    expect(isWorkingDay('2027-01-04', { overrides: { '2027-01-04': false } })).toBe(false);
    expect(isWorkingDay('2027-01-01', { overrides: { '2027-01-01': false } })).toBe(false);
    expect(calendarKnowsYear(2026)).toBe(true);
    expect(calendarKnowsYear(2099)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('when counting from the day before National Day, then the holiday is skipped and the 调休 Saturday counts', () => {
    // 10-01..07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up day) are the 1st..3rd working days.
    expect(addWorkingDays('2026-09-30T10:00:00+08:00', 1)).toBe(endOf('2026-10-08'));
    expect(addWorkingDays('2026-09-30T10:00:00+08:00', 3)).toBe(endOf('2026-10-10'));
    expect(addWorkingDays('2026-09-30T10:00:00+08:00', 4)).toBe(endOf('2026-10-12'));
  });

  it('when the start is on a Friday before a make-up Sunday, then that Sunday is the first working day', () => {
    expect(addWorkingDays('2026-09-18T09:00:00+08:00', 1)).toBe(endOf('2026-09-20'));
  });

  it('when the statutory 20 working days run over 春节, then the nine holiday days are not counted', () => {
    // Accepted Mon 2026-02-02 → 02-03..02-13 (9 WD), 02-14 Sat make-up (10), 02-24..02-27 (14), 02-28 Sat (15), 03-02..03-06 (20).
    expect(addWorkingDays('2026-02-02T15:00:00+08:00', 20)).toBe(endOf('2026-03-06'));
  });

  it('when the start day is not a working day, then counting still begins the day after', () => {
    expect(addWorkingDays('2026-10-03T11:00:00+08:00', 1)).toBe(endOf('2026-10-08'));
  });

  it('when zero days, then the deadline is the end of the start day', () => {
    expect(addWorkingDays('2026-11-02T09:00:00+08:00', 0)).toBe(endOf('2026-11-02'));
  });

  it('when the rules ask for the same clock time, then the deadline keeps the start time', () => {
    expect(addWorkingDays('2026-11-02T09:30:00+08:00', 5, { deadlineAt: 'sameTime' })).toBe('2026-11-09T01:30:00.000Z');
  });

  it('when a pause (art. 45 expert review) covers two working days, then they and only they are not counted', () => {
    const start = '2026-11-02T09:00:00+08:00';
    expect(addWorkingDays(start, 5)).toBe(endOf('2026-11-09'));
    const pauses = [{ from: '2026-11-04T10:00:00+08:00', to: '2026-11-05T17:00:00+08:00' }];
    expect(addWorkingDays(start, 5, { pauses })).toBe(endOf('2026-11-11'));
  });

  it('when a pause falls on a weekend, then it changes nothing', () => {
    const pauses = [{ from: '2026-11-07T00:00:00+08:00', to: '2026-11-08T23:00:00+08:00' }];
    expect(addWorkingDays('2026-11-02T09:00:00+08:00', 5, { pauses })).toBe(endOf('2026-11-09'));
  });

  it('when the input is bad, then a clear error says why', () => {
    expect(() => addWorkingDays('not a date', 1)).toThrow(/ISO/);
    expect(() => addWorkingDays('2026-11-02T09:00:00+08:00', -1)).toThrow(/非负整数/);
    expect(() => addWorkingDays('2026-11-02T09:00:00+08:00', 1, { pauses: [{ from: '2026-11-05', to: '2026-11-04' }] })).toThrow(
      /pause ends before/,
    );
  });
});

describe('workingDaysBetween', () => {
  it('when spanning National Day, then only working days after the start are counted', () => {
    expect(workingDaysBetween('2026-09-30T10:00:00+08:00', '2026-10-10T10:00:00+08:00')).toBe(3);
    expect(workingDaysBetween('2026-10-10T10:00:00+08:00', '2026-09-30T10:00:00+08:00')).toBe(-3);
    expect(workingDaysBetween('2026-11-02', '2026-11-02')).toBe(0);
  });

  it('when paused days lie in between, then they are not counted', () => {
    const pauses = [{ from: '2026-11-04T10:00:00+08:00', to: '2026-11-05T17:00:00+08:00' }];
    expect(workingDaysBetween('2026-11-02', '2026-11-09', pauses)).toBe(3);
  });

  it('when compared with addWorkingDays, then the deadline is the end of the Nth working day', () => {
    for (const n of [1, 5, 10, 20, 45]) {
      const start = '2026-09-01T10:00:00+08:00';
      const deadline = addWorkingDays(start, n);
      expect(workingDaysBetween(start, new Date(Date.parse(deadline) - 1).toISOString())).toBe(n);
    }
  });
});

describe('working-day durations (P5WD)', () => {
  it('when written P5WD, then it parses to 5 working days and yields the deadline', () => {
    expect(isWorkingDayDuration('P5WD')).toBe(true);
    expect(isWorkingDayDuration('P5D')).toBe(false);
    expect(parseWorkingDayDuration(' P20WD ')).toBe(20);
    expect(workingDayDeadline('2026-09-30T10:00:00+08:00', 'P3WD')).toBe(endOf('2026-10-10'));
  });

  it('when the duration is not in working days, then a clear error names it', () => {
    expect(() => parseWorkingDayDuration('PT5H')).toThrow(/PT5H/);
    expect(() => parseWorkingDayDuration('P-1WD')).toThrow(/P5WD/);
  });
});
