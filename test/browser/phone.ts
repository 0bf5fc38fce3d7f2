import type { Page } from 'playwright-core';
import type { ConsoleStack } from './browser';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 768 };

/** The page is no wider than the screen: nothing to scroll sideways. */
export async function expectNoOverflow(page: Page, where: string) {
  const { doc, view } = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect({ where, doc: doc <= view ? 'fits' : doc, view }).toEqual({ where, doc: 'fits', view });
}

/**
 * Citizens read Chinese: Latin letters only where they are the name of a thing (PDF, OFD, case,
 * pre-review and document numbers, ID numbers, file names), never codes or English fragments.
 */
const ALLOWED = [
  /[\w\u4e00-\u9fff-]+\.(?:pdf|jpe?g|png|ofd)\b/gi,
  /\b(?:HB|EV)\d{8}-[A-Z0-9]+(?:-\d{2})?\b/g,
  /\bPR\d{8}-[A-Z0-9]+\b/g,
  /\b(?:SL|BZ|BY|ZY|ZZ)[A-Z0-9]+-\d+\b/g,
  /\b\d{17}[\dX]\b/g,
  /\b(?:PDF|JPG|JPEG|PNG|OFD|MB|KB)\b/gi,
];
export async function expectPlainWords(page: Page, where: string) {
  let text = await page.evaluate(() => document.body.innerText);
  for (const re of ALLOWED) text = text.replace(re, ' ');
  const latin = [...new Set(text.match(/[A-Za-z][A-Za-z_.§-]*/g) ?? [])];
  expect({ where, latin }).toEqual({ where, latin: [] });
}

/** No sideways scroll, plain words, and a screenshot named `where`. */
export function phoneChecks(c: ConsoleStack) {
  return async (page: Page, where: string) => {
    await expectNoOverflow(page, where);
    await expectPlainWords(page, where);
    await c.shot(page, where);
  };
}
