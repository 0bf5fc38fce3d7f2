/**
 * `npm run bench:engine`: N cases through one fixed BPMN process on the real engine, and the same
 * process as a hand-written Temporal workflow with the same activities and updates, on one worker and
 * one Temporal server in one run. Each case: start → sync (the task is in the inbox) → completeTask
 * update → result. Rounds alternate engine / hand-written so drift on a shared machine hits both.
 *
 *   BENCH_CASES=200 BENCH_CONCURRENCY=20 BENCH_ROUNDS=2 npm run bench:engine
 *   TEMPORAL_ADDRESS=host:7233 DATABASE_URL=postgres://… (else a dev server and in-memory PGlite)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { approvalNoticesFor } from '../../server/worker';
import { openDatabase } from '../../server/data/database';
import { createDefinitionsService } from '../../server/services/definitions.service';
import { startDevServer, type DevServer } from '../../server/temporal/dev-server';
import type { Actor } from '../../workflows/engine/model';
import { completeTaskUpdate, syncUpdate, type CaseInput, type CaseView } from '../../workflows/messages';
import type { HandWrittenInput } from './hand-written.workflow';

const CASES = Number(process.env.BENCH_CASES ?? process.argv[2] ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
/** BENCH_PROFILE=1: print the history shape (events, workflow tasks, activities) of one case of each kind. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const profiled = new Set<string>();
/** BENCH_BASELINE=lean: the hand-written case skips the element timeline (shows what the timeline costs). */
const BASELINE_TIMELINE = process.env.BENCH_BASELINE !== 'lean';

const staff: Actor = { id: 'window1', roles: ['window'], groups: ['window'] };
const noop = () => {};
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop } as never;

type Kind = 'engine' | 'hand-written';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let devServer: DevServer | undefined;
  const address = process.env.TEMPORAL_ADDRESS ?? (devServer = await startDevServer({ headless: true })).address;
  const db = await openDatabase({ url: process.env.DATABASE_URL });
  const definitions = createDefinitionsService(db.prisma);
  await definitions.deploy(readFileSync(path.join(__dirname, 'bench-process.bpmn'), 'utf8'), 'bench');
  const definition = await definitions.latestExecutable('bench-engine');

  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./bench.workflows'), logger: quiet });
  const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const activities = createActivities({
    prisma: db.prisma,
    approvalNotices: approvalNoticesFor({ temporal: client, taskQueue, prisma: db.prisma }),
    serviceTasks: {
      'bench-precheck': async ({ variables }) => ({ materialsComplete: true, checkedItems: Object.keys(variables).length }),
      'bench-notify': async () => ({ notified: true }),
    },
  });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: { code }, activities });

  let seq = 0;
  const runCase = async (kind: Kind): Promise<void> => {
    const caseId = `BENCH-${kind === 'engine' ? 'E' : 'H'}-${taskQueue}-${++seq}`;
    const approved = seq % 4 !== 0; // both gateway branches
    const variables = { applicant: '张三', shopName: `面馆${seq}` };
    const handle =
      kind === 'engine'
        ? await client.workflow.start('caseWorkflow', {
            taskQueue,
            workflowId: `case-${caseId}`,
            args: [
              {
                caseId,
                definitionId: definition.id,
                process: definition.process,
                variables,
                title: '基准',
                applicantId: 'zhangsan',
                startedBy: 'zhangsan',
              } satisfies CaseInput,
            ],
          })
        : await client.workflow.start('handWrittenCase', {
            taskQueue,
            workflowId: `case-${caseId}`,
            args: [
              {
                caseId,
                definitionId: definition.id,
                title: '基准',
                applicantId: 'zhangsan',
                variables,
                timeline: BASELINE_TIMELINE,
              } satisfies HandWrittenInput,
            ],
          });
    let view: CaseView = await handle.executeUpdate(syncUpdate);
    // The user task opens after the first service task: poll (bounded) until the inbox shows it.
    for (const deadline = Date.now() + 300_000; view.openTasks.length === 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 20));
      view = await handle.executeUpdate(syncUpdate);
    }
    const task = view.openTasks[0];
    if (!task) throw new Error(`${kind} case ${caseId} opened no task`);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, actor: staff, variables: { approved, opinion: '同意' } }],
    });
    const result = (await handle.result()) as CaseView;
    if (result.status !== 'completed') throw new Error(`${kind} case ${caseId} ended ${result.status}`);
    if (PROFILE && !profiled.has(kind)) {
      profiled.add(kind);
      const history = await handle.fetchHistory();
      const activitiesRun = (history.events ?? [])
        .filter((e) => e.activityTaskScheduledEventAttributes)
        .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name);
      console.log(
        `  profile ${kind}: ${history.events?.length} history events, ${(history.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).length} workflow tasks, activities: ${activitiesRun.join(', ')}`,
      );
    }
  };

  const runBatch = async (kind: Kind, n: number): Promise<number> => {
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
        while (next < n) {
          next++;
          await runCase(kind);
        }
      }),
    );
    return performance.now() - started;
  };

  const totals: Record<Kind, number> = { engine: 0, 'hand-written': 0 };
  const counts: Record<Kind, number> = { engine: 0, 'hand-written': 0 };
  await worker.runUntil(async () => {
    await runBatch('engine', WARMUP);
    await runBatch('hand-written', WARMUP);
    console.log(
      `bench: ${CASES} cases per implementation, ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}, baseline ${BASELINE_TIMELINE ? 'with timeline' : 'lean'}, Temporal ${address}, database ${db.description}`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const n = Math.floor(CASES / ROUNDS) + (round < CASES % ROUNDS ? 1 : 0);
      const order: Kind[] = round % 2 === 0 ? ['engine', 'hand-written'] : ['hand-written', 'engine'];
      for (const kind of order) {
        const ms = await runBatch(kind, n);
        totals[kind] += ms;
        counts[kind] += n;
        console.log(
          `  round ${round + 1} ${kind.padEnd(12)} ${n} cases in ${(ms / 1000).toFixed(2)} s (${((n * 1000) / ms).toFixed(1)} cases/s)`,
        );
      }
    }
  });
  for (const kind of ['engine', 'hand-written'] as Kind[]) {
    console.log(
      `${kind.padEnd(12)} total ${(totals[kind] / 1000).toFixed(2)} s for ${counts[kind]} cases, ${((counts[kind] * 1000) / totals[kind]).toFixed(1)} cases/s`,
    );
  }
  await connection.close();
  await nativeConnection.close();
  await db.close();
  await devServer?.stop();
  console.log(`engine/hand-written ratio: ${(totals.engine / totals['hand-written']).toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
