import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) =>
  DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const day = z.string().refine(isDate, '日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)');
const weekday = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay();

/**
 * A year's holiday notice file (`definitions/calendar/<year>.json`, or the body of
 * POST /api/calendar/notices): the State Council notice's number, its holidays and 调休 make-up days.
 */
export const HolidayNoticeBody = z
  .object({
    year: z.number().int().min(2000).max(2100).describe('年份 (year)'),
    notice: z.string().trim().min(1).max(100).describe('通知文号，如 国办发明电〔2025〕7号 (notice number)'),
    title: z.string().trim().max(200).optional().describe('通知标题 (title)'),
    holidays: z
      .array(z.object({ name: z.string().trim().min(1).max(20).describe('节日 (holiday)'), from: day, to: day }))
      .min(1)
      .max(20)
      .describe('放假安排，首尾两日都放假 (days off, both ends included)'),
    workdays: z.array(day).max(20).default([]).describe('调休上班日 (make-up working days)'),
  })
  .superRefine((n, ctx) => {
    const inYear = (d: string) => d.startsWith(`${n.year}-`);
    n.holidays.forEach((h, i) => {
      if (!inYear(h.from))
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'from'], message: `放假日期不在 ${n.year} 年 (not in the notice's year)` });
      if (!inYear(h.to))
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: `放假日期不在 ${n.year} 年 (not in the notice's year)` });
      if (h.to < h.from)
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: '结束日期早于开始日期 (ends before it starts)' });
      else if (Date.parse(h.to) - Date.parse(h.from) > 9 * 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: '一次放假不超过 10 天 (a holiday is at most 10 days)' });
    });
    n.workdays.forEach((d, i) => {
      if (!inYear(d))
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `调休日期不在 ${n.year} 年 (not in the notice's year)` });
      if (isDate(d) && weekday(d) !== 0 && weekday(d) !== 6)
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i],
          message: '调休上班日应为周六或周日 (a make-up working day is a Saturday or Sunday)',
        });
      if (n.holidays.some((h) => h.from <= d && d <= h.to))
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: '调休上班日与放假日期重叠 (a make-up day inside a holiday)' });
    });
  });

export type HolidayNoticeInput = z.infer<typeof HolidayNoticeBody>;
