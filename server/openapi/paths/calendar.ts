import { CalendarYearParams } from '../../routes/calendar.routes';
import { HolidayNoticeBody } from '../../services/calendar.schema';
import { errors } from '../conventions';
import { routeDocs } from '../registry';

const notice = {
  year: 2027,
  notice: '国办发明电〔2026〕N号',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-11' },
  ],
  workdays: ['2027-02-20'],
};
const warning = {
  code: 'CALENDAR_YEAR_MISSING',
  year: 2027,
  message: '2027 年节假日安排尚未载入，涉及该年的期限只按周末和法定节假日暂定计算，请载入国务院办公厅的放假通知',
};

/** 节假日安排: the district calendar (each year's State Council holiday notice). */
export const calendarRouteDocs = routeDocs([
  {
    method: 'get',
    path: '/api/calendar',
    tags: ['节假日 calendar'],
    access: ['admin', 'supervisor', 'window', 'approver'],
    summary: '已载入的年度节假日安排与提醒 (years known and warnings)',
    description:
      '每年来源：notice（已载入的放假通知，含文号与版本）、bundled（内置数据）、missing（未公布：只按周末和法定节假日暂定）。自 11 月 1 日起提醒次年通知未载入。',
    responses: {
      200: {
        description: '年度与提醒',
        example: {
          years: [
            { year: 2026, source: 'bundled' },
            { year: 2027, source: 'missing' },
          ],
          warnings: [warning],
        },
      },
      ...errors(401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/calendar/notices/:year',
    tags: ['节假日 calendar'],
    access: ['admin', 'supervisor'],
    summary: '某年放假通知的各版本 (versions of a year’s notice)',
    params: CalendarYearParams,
    responses: {
      200: {
        description: '版本，最新在前',
        example: { items: [{ year: 2027, version: 1, notice: notice.notice, content: notice, source: 'api', loadedBy: 'admin' }] },
      },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'post',
    path: '/api/calendar/notices',
    tags: ['节假日 calendar'],
    access: ['admin'],
    summary: '载入年度放假通知 (load a year’s holiday notice)',
    description:
      '内容变化时存为该年的新版本并记审计；运行中的办件随即按新日历重算期限、移动工作日定时器（每个办件一条审计记录）。内容相同则返回 200 unchanged。',
    body: HolidayNoticeBody,
    bodyExample: notice,
    responses: {
      201: {
        description: '已载入',
        example: { year: 2027, version: 1, notice: notice.notice, status: 'created', casesUpdated: 12, failures: [] },
      },
      200: {
        description: '与最新版本相同',
        example: { year: 2027, version: 1, notice: notice.notice, status: 'unchanged', casesUpdated: 0, failures: [] },
      },
      ...errors(400, 401, 403),
    },
  },
]);
