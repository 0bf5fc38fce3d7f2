import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop } as never;

describe('the working-day calendar in the Temporal workflow sandbox', () => {
  it('when a workflow computes a deadline over National Day, then chinese-days bundles and answers deterministically', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed by another test file in this process
    }
    const address = process.env.TEMPORAL_ADDRESS as string;
    const { code } = await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, 'fixtures/calendar.workflow.ts'),
      logger: quietLogger,
    });
    const taskQueue = `calendar-${randomBytes(4).toString('hex')}`;
    const nativeConnection = await NativeConnection.connect({ address });
    const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: { code } });
    const connection = await Connection.connect({ address });
    try {
      const result = await worker.runUntil(
        new Client({ connection }).workflow.execute('calendarProbe', {
          taskQueue,
          workflowId: `calendar-probe-${taskQueue}`,
          args: ['2026-09-30T10:00:00+08:00'],
        }),
      );
      expect(result).toEqual({ deadline: '2026-10-10T16:00:00.000Z', holiday: false, makeUp: true, between: 4 });
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  }, 120_000);
});
