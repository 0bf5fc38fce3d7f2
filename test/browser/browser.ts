import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack';

export const ROOT = path.resolve(__dirname, '../..');
export const CONSOLE_DIR = path.join(ROOT, 'server/console/dist');
export const SCREENSHOTS = path.join(ROOT, 'test/artifacts/screenshots');
/** Debian's chromium (installed by .ci/run); no browser download. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the console when its dist is missing or older than its sources (same check `npm start` runs). */
export function ensureConsoleBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'server/console/build-if-needed.mjs')], { stdio: 'inherit' });
}

export interface ConsoleStack {
  stack: TestStack;
  baseUrl: string;
  context: BrowserContext;
  /** A fresh tab signed in as a demo user through the sign-in page (sessionStorage is per tab). */
  signIn(userId: string): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The real stack (Temporal, database, worker, API) serving the built console on a free port, and headless Chromium. */
export async function startConsoleStack(): Promise<ConsoleStack> {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const stack = await startTestStack({ consoleDir: CONSOLE_DIR });
  const server: Server = stack.runtime.app!.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'haoban-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // No open/close animations: a closing dialog cannot still cover the page when the next click lands.
    reducedMotion: 'reduce',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(20_000);
  return {
    stack,
    baseUrl,
    context,
    async signIn(userId) {
      const page = await context.newPage();
      // Uncaught errors in the console surface in the test log.
      page.on('pageerror', (err) => process.stderr.write(`[browser:${userId}] ${err.message}\n`));
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId(`login-${userId}`).click();
      await page.getByTestId('current-user').waitFor();
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    async stop() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stack.stop();
    },
  };
}
