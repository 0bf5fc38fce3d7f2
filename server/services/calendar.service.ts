import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { ZodError } from 'zod';
import { writeAudit } from '../../activities/audit';
import { refreshDistrictCalendar, setDistrictCalendar, readDistrictCalendar, districtCalendar } from '../../activities/calendar/registry';
import { calendarKnowsYear } from '../../workflows/calendar/working-days';
import { setCalendarUpdate } from '../../workflows/messages';
import type { PrismaClient } from '../data/generated/client';
import type { Logger } from '../logger';
import { HolidayNoticeBody, type HolidayNoticeInput } from './calendar.schema';

export interface CalendarWarning {
  code: 'CALENDAR_YEAR_MISSING';
  year: number;
  message: string;
}

export interface LoadResult {
  year: number;
  version: number;
  notice: string;
  status: 'created' | 'unchanged';
  /** Running cases whose deadlines and working-day timers were recomputed on the new calendar. */
  casesUpdated: number;
  failures: { caseId: string; message: string }[];
}

/** From this month (0-based: November) of a year, next year's missing notice is warned about. */
const WARN_FROM_MONTH = 10;

/** The year (Beijing time) of an instant. */
const beijingYear = (now: Date) => new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
const beijingMonth = (now: Date) => new Date(now.getTime() + 8 * 3600_000).getUTCMonth();

/** Years whose official notice is missing: this year always, next year from 1 November. */
export function calendarWarnings(now: Date = new Date()): CalendarWarning[] {
  const year = beijingYear(now);
  const years = beijingMonth(now) >= WARN_FROM_MONTH ? [year, year + 1] : [year];
  const options = { calendar: districtCalendar() };
  return years
    .filter((y) => !calendarKnowsYear(y, options))
    .map((y) => ({
      code: 'CALENDAR_YEAR_MISSING',
      year: y,
      message: `${y} 年节假日安排尚未载入，涉及该年的期限只按周末和法定节假日暂定计算，请载入国务院办公厅的放假通知`,
    }));
}

const canonical = (n: HolidayNoticeInput) =>
  JSON.stringify({ year: n.year, notice: n.notice, title: n.title ?? null, holidays: n.holidays, workdays: [...n.workdays].sort() });

/**
 * The district calendar (节假日安排): each year's official notice, versioned in the database, audited,
 * and pushed to the running cases so their deadlines and working-day timers move.
 */
export function createCalendarService(deps: { prisma: PrismaClient; temporal?: Client; logger?: Logger }) {
  const { prisma } = deps;

  /** Sends the calendar to every running case; each case writes its own audit record of what moved. */
  async function pushToRunningCases(year: number, notice: string, actor: string): Promise<Pick<LoadResult, 'casesUpdated' | 'failures'>> {
    if (!deps.temporal) return { casesUpdated: 0, failures: [] };
    const calendar = districtCalendar();
    const running = await prisma.case.findMany({ where: { status: 'running' }, select: { id: true } });
    const failures: LoadResult['failures'] = [];
    let casesUpdated = 0;
    for (let i = 0; i < running.length; i += 8) {
      await Promise.all(
        running.slice(i, i + 8).map(async ({ id }) => {
          try {
            await deps.temporal?.workflow
              .getHandle(`case-${id}`)
              .executeUpdate(setCalendarUpdate, { args: [{ actor, year, notice, calendar }] });
            casesUpdated++;
          } catch (err) {
            failures.push({ caseId: id, message: (err as Error).message });
          }
        }),
      );
    }
    if (failures.length)
      deps.logger?.warn({ year, failures: failures.length }, 'calendar: some running cases were not updated (ended meanwhile?)');
    return { casesUpdated, failures };
  }

  return {
    /** Validates and stores a notice; a changed notice becomes the year's next version and reaches running cases. */
    async load(raw: unknown, actor: string, source: 'api' | 'file' = 'api'): Promise<LoadResult> {
      const input = HolidayNoticeBody.parse(raw);
      const text = canonical(input);
      const sha256 = createHash('sha256').update(text).digest('hex');
      const latest = await prisma.calendarNotice.findFirst({ where: { year: input.year }, orderBy: { version: 'desc' } });
      if (latest?.sha256 === sha256)
        return { year: input.year, version: latest.version, notice: latest.notice, status: 'unchanged', casesUpdated: 0, failures: [] };
      const version = (latest?.version ?? 0) + 1;
      await prisma.$transaction(async (tx) => {
        await tx.calendarNotice.create({
          data: {
            id: randomUUID(),
            year: input.year,
            version,
            notice: input.notice,
            content: JSON.parse(text),
            sha256,
            source,
            loadedBy: actor,
          },
        });
        await writeAudit(tx, {
          actor,
          action: 'calendar.loaded',
          before: latest ? { version: latest.version, notice: latest.notice } : null,
          after: { year: input.year, version, notice: input.notice, holidays: input.holidays.length, workdays: input.workdays.length },
          details: { source },
        });
      });
      setDistrictCalendar(await readDistrictCalendar(prisma));
      return {
        year: input.year,
        version,
        notice: input.notice,
        status: 'created',
        ...(await pushToRunningCases(input.year, input.notice, actor)),
      };
    },

    /** Loads every `*.json` of a directory (definitions/calendar) at start-up; a bad file is logged and skipped. */
    async loadDirectory(dir: string, logger?: Logger): Promise<LoadResult[]> {
      const files = await readdir(dir).catch(() => [] as string[]);
      const results: LoadResult[] = [];
      for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
        try {
          results.push(await this.load(JSON.parse(await readFile(path.join(dir, file), 'utf8')), 'system', 'file'));
        } catch (err) {
          const detail =
            err instanceof ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
          logger?.warn({ file }, `calendar ${file}: ${detail}`);
        }
      }
      await refreshDistrictCalendar(prisma, true);
      return results;
    },

    /** Years known (loaded notices with their versions, or the bundled data) around now, and the warnings. */
    async status(now: Date = new Date()) {
      await refreshDistrictCalendar(prisma);
      const rows = await prisma.calendarNotice.findMany({ orderBy: [{ year: 'asc' }, { version: 'desc' }] });
      const year = beijingYear(now);
      const loaded = new Map<number, (typeof rows)[number]>();
      for (const r of rows) if (!loaded.has(r.year)) loaded.set(r.year, r);
      const years = [...new Set([year - 1, year, year + 1, ...loaded.keys()])].sort().map((y) => {
        const row = loaded.get(y);
        if (row)
          return {
            year: y,
            source: 'notice' as const,
            notice: row.notice,
            version: row.version,
            loadedAt: row.loadedAt,
            loadedBy: row.loadedBy,
            content: row.content,
          };
        return { year: y, source: calendarKnowsYear(y) ? ('bundled' as const) : ('missing' as const) };
      });
      return { years, warnings: calendarWarnings(now) };
    },

    /** Every stored version of a year's notice, newest first. */
    async versions(year: number) {
      return prisma.calendarNotice.findMany({ where: { year }, orderBy: { version: 'desc' } });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
