// 导出 Excel: one small builder over exceljs so every list and figure page exports the same way — a header row
// in bold, frozen, with widths, dates as dates and ratios as percentages.
import ExcelJS from 'exceljs';
import type { Response } from 'express';

export interface Column<Row> {
  header: string;
  width?: number;
  /** `percent` for ratios 0..1, `datetime` for dates. */
  format?: 'percent' | 'datetime' | 'number';
  value: (row: Row) => string | number | Date | null | undefined;
}

export interface Sheet<Row> {
  name: string;
  /** A title line above the table (the report's name, period and filters). */
  title?: string;
  columns: Column<Row>[];
  rows: Row[];
}

/** Rows an export contains at most; a larger list is narrowed with filters first. */
export const EXPORT_MAX_ROWS = 10_000;

const NUM_FMT = { percent: '0.0%', datetime: 'yyyy-mm-dd hh:mm', number: '0.##' } as const;

/**
 * A cell's value. Excel dates carry no time zone (exceljs writes the UTC wall clock), so an instant is
 * written as its China-time (北京时间) wall clock — what the console shows for the same row.
 */
function cell<Row>(c: Column<Row>, row: Row): string | number | Date | null {
  const v = c.value(row) ?? null;
  if (c.format !== 'datetime' || v === null || v === '') return v;
  const t = new Date(v).getTime();
  return Number.isNaN(t) ? v : new Date(t + 8 * 3_600_000);
}

/**
 * Every row of a list, page by page through the list's own service call (so the export has the list's
 * filters, role and department scope), up to EXPORT_MAX_ROWS.
 */
export async function allPages<T>(page: (p: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 200) {
    const { items, total } = await page({ limit: 200, offset });
    rows.push(...items);
    if (rows.length >= total || items.length === 0) break;
  }
  return rows.slice(0, EXPORT_MAX_ROWS);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has its own row type
export async function workbook(sheets: Sheet<any>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '好办 区政务服务办件系统';
  wb.created = new Date();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    let headerRow = 1;
    if (sheet.title) {
      ws.addRow([sheet.title]).font = { bold: true, size: 13 };
      ws.mergeCells(1, 1, 1, Math.max(1, sheet.columns.length));
      headerRow = 2;
    }
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    sheet.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(10, c.header.length * 2 + 2);
      if (c.format) col.numFmt = NUM_FMT[c.format];
    });
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => cell(c, row)));
    ws.views = [{ state: 'frozen', ySplit: headerRow }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a workbook as a download with its Chinese file name (RFC 5987). */
export function sendWorkbook(res: Response, fileName: string, data: Buffer): void {
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.send(data);
}
