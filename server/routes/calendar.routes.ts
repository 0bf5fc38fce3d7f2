import type { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import { errors } from '../openapi/conventions';
import { HolidayNoticeBody } from '../services/calendar.schema';
import type { CalendarService } from '../services/calendar.service';
import { mountArea, routeArea, routeFor } from './route';

export const CalendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100).describe('年份 (year)') });

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

const route = routeFor<CalendarService>();

/** 节假日安排: the loaded years and warnings (staff), loading a year's notice (admin) — each year's State Council holiday notice. */
export const calendarArea = routeArea(
  '/api/calendar',
  ['节假日 calendar'],
  [
    route({
      method: 'get',
      path: '/',
      roles: ['admin', 'supervisor', 'window', 'approver'],
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
      handler: async (calendar, _input, _req, res) => {
        res.json(await calendar.status());
      },
    }),
    route({
      method: 'get',
      path: '/notices/:year',
      roles: ['admin', 'supervisor'],
      schemas: { params: CalendarYearParams },
      summary: '某年放假通知的各版本 (versions of a year’s notice)',
      responses: {
        200: {
          description: '版本，最新在前',
          example: { items: [{ year: 2027, version: 1, notice: notice.notice, content: notice, source: 'api', loadedBy: 'admin' }] },
        },
        ...errors(400, 401, 403),
      },
      handler: async (calendar, { params }, _req, res) => {
        res.json({ items: await calendar.versions(params.year) });
      },
    }),
    route({
      method: 'post',
      path: '/notices',
      roles: ['admin'],
      schemas: { body: HolidayNoticeBody },
      summary: '载入年度放假通知 (load a year’s holiday notice)',
      description:
        '内容变化时存为该年的新版本并记审计；运行中的办件随即按新日历重算期限、移动工作日定时器（每个办件一条审计记录）。内容相同则返回 200 unchanged。',
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
      // The service checks the notice itself (start-up files too) and stores it as sent.
      handler: async (calendar, _input, req, res) => {
        const result = await calendar.load(req.body, actorOf(req).id, 'api');
        res.status(result.status === 'created' ? 201 : 200).json(result);
      },
    }),
  ],
);

export function calendarRoutes(calendar: CalendarService): Router {
  return mountArea(calendarArea, calendar);
}
