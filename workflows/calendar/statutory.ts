import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days/dist/index.min.js';

/**
 * The statutory holidays of a year for which no official notice is loaded yet (全国年节及纪念日放假办法,
 * as amended 2024, in force 2025): 元旦 1 day, 春节 4 days (农历除夕 and 正月初一 to 初三), 清明 1 day,
 * 劳动节 2 days (1–2 May), 端午 1 day, 中秋 1 day, 国庆 3 days (1–3 October). The lunar dates and the
 * 清明 solar term come from the lunar tables of `chinese-days` (which reach far beyond its holiday data).
 * The notice later adds bridge days and 调休; until then deadlines over such a year are provisional.
 */
export function statutoryHolidays(year: number): Record<string, string> {
  const days: Record<string, string> = {};
  const add = (date: string, name: string) => {
    days[date] = name;
  };
  const shift = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  add(`${year}-01-01`, '元旦');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  for (const d of [1, 2, 3]) add(`${year}-10-${pad(d)}`, '国庆节');
  try {
    const newYear = getSolarDateFromLunar(`${year}-01-01`).date;
    for (const n of [-1, 0, 1, 2]) add(shift(newYear, n), '春节');
    add(getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
    add(getSolarDateFromLunar(`${year}-05-05`).date, '端午节');
    add(getSolarDateFromLunar(`${year}-08-15`).date, '中秋节');
  } catch {
    // Outside the lunar tables (before 1900 or after 2100): the fixed-date holidays still hold.
  }
  return days;
}
