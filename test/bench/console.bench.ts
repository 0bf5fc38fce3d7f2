/**
 * `npm run bench:console`: what window staff wait for, measured in a real browser and through the HTTP API on
 * the real stack (Temporal dev server, PGlite, worker, API, built console): sign-in to the first screen, the
 * case page's diagram, and the p50/p95 of case start, claim and complete. Prints figures; asserts nothing.
 *
 *   BENCH_CASES=30 npm run bench:console
 */
import globalSetup from '../helpers/global-setup';
import globalTeardown from '../helpers/global-teardown';
import { startConsoleStack } from '../browser/browser';

const CASES = Number(process.env.BENCH_CASES ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const row = (name: string, xs: number[]) =>
  `${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(0).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(0).padStart(6)} ms   (n=${xs.length})`;

async function main(): Promise<void> {
  await globalSetup();
  const c = await startConsoleStack();
  const http = c.stack.http;
  try {
    const applicant = await c.stack.auth('zhangsan');
    const window1 = await c.stack.auth('window1');
    const start: number[] = [];
    const claim: number[] = [];
    const complete: number[] = [];
    let lastCase = '';
    for (let i = 0; i < CASES; i++) {
      let t = performance.now();
      const started = await http
        .post('/api/cases')
        .set('authorization', applicant)
        .send({ processKey: 'general-approval', variables: { shopName: `测速面馆${i}` } });
      start.push(performance.now() - t);
      lastCase = started.body.caseId;
      const taskId = started.body.openTasks[0].taskId as string;
      t = performance.now();
      await http
        .post(`/api/tasks/${encodeURIComponent(taskId)}/claim`)
        .set('authorization', window1)
        .send({});
      claim.push(performance.now() - t);
      t = performance.now();
      await http
        .post(`/api/tasks/${encodeURIComponent(taskId)}/complete`)
        .set('authorization', window1)
        .send({ variables: { accepted: true } });
      complete.push(performance.now() - t);
    }

    const firstScreen: number[] = [];
    const diagram: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const page = await c.context.newPage();
      await page.goto(`${c.baseUrl}/login`);
      await page.getByTestId('login-approver1').waitFor();
      const t0 = performance.now();
      await page.getByTestId('login-approver1').click();
      await page.locator('.ant-table-row').first().waitFor();
      firstScreen.push(performance.now() - t0);
      const t1 = performance.now();
      await page.goto(`${c.baseUrl}/cases/${encodeURIComponent(lastCase)}`);
      await page.getByTestId('bpmn-diagram').locator('.djs-element').first().waitFor();
      diagram.push(performance.now() - t1);
      await page.close();
    }

    process.stdout.write(
      [
        '',
        `haoban console and API, ${CASES} cases, ${ROUNDS} browser rounds (goals: first screen ≤ 1500 ms, diagram ≤ 1000 ms, start ≤ 200 ms, complete ≤ 150 ms p50)`,
        row('sign-in → first screen (browser)', firstScreen),
        row('case page → diagram drawn (browser)', diagram),
        row('POST /api/cases (start)', start),
        row('POST /api/tasks/:id/claim', claim),
        row('POST /api/tasks/:id/complete', complete),
        '',
      ].join('\n'),
    );
  } finally {
    await c.stop();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
