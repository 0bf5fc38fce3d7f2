import ExcelJS from 'exceljs';
import type { TestStack } from './stack';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Downloads a workbook over HTTP as `user` (200, an .xlsx with its Chinese file name) and reads it with exceljs. */
export async function workbookAt(stack: TestStack, path: string, user: string): Promise<ExcelJS.Workbook & { fileName: string }> {
  const res = await stack.http
    .get(path)
    .set('Authorization', await stack.auth(user))
    .buffer(true)
    .parse(binary as never);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const fileName = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1]);
  expect(fileName).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as never);
  return Object.assign(wb, { fileName });
}

/** A sheet's rows as arrays of cell values (the title line first, when there is one). */
export const rowsOf = (ws: ExcelJS.Worksheet) =>
  ws
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));

/** Every cell of every sheet as text, to look for what must not be there. */
export const allText = (wb: ExcelJS.Workbook) => JSON.stringify(wb.worksheets.map((ws) => rowsOf(ws)));
