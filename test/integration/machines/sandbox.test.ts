import { readFileSync } from 'node:fs';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { machineEventUpdate, machineStateQuery, machineSyncUpdate } from '../../../workflows/host/xstate-host';
import { LINKAGE_DEADLINES } from '../../../workflows/machines/deadlines';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('XState in the Temporal workflow sandbox', () => {
  it('when the workflow bundle is built, then xstate and every machine workflow are in it', () => {
    const bundle = readFileSync(process.env.HAOBAN_WORKFLOW_BUNDLE as string, 'utf8');
    for (const name of [
      'fallbackWorkflow',
      'hotlineOrderWorkflow',
      'agencyWorkflow',
      'linkageNoticeWorkflow',
      'linkageFindingWorkflow',
      'linkageMeetingWorkflow',
      'linkageCityWorkflow',
      'linkageAdjustmentWorkflow',
    ]) {
      expect(bundle).toContain(name);
    }
    expect(bundle).toMatch(/xstate/);
  });

  it('when a hosted machine runs durable timers and refuses an event, then its history replays deterministically', async () => {
    const { Connection, Client } = await import('@temporalio/client');
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const temporal = new Client({ connection });
      const workflowId = `linkage.city-SANDBOX-${Date.now()}`;
      const handle = await temporal.workflow.start('linkageCityWorkflow', {
        taskQueue: stack.taskQueue,
        workflowId,
        args: [
          {
            kind: 'linkage.city',
            instanceId: workflowId,
            input: {
              title: '沙箱',
              department: 'spj',
              matter: 'x',
              reason: 'y',
              submittedBy: 'supervisor1',
              clock: { msPerWorkingDay: 100 },
              deadlines: LINKAGE_DEADLINES,
            },
          },
        ],
      });
      await handle.executeUpdate(machineSyncUpdate);
      await expect(
        handle.executeUpdate(machineEventUpdate, { args: [{ event: { type: 'city.close', outcome: 'x' }, actor: 't' }] }),
      ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await handle.executeUpdate(machineEventUpdate, {
        args: [{ event: { type: 'city.submit', recipient: '市数据和行政审批局' }, actor: 't' }],
      });
      // 15 WD × 100 ms: reminded, 催办 and escalated by durable timers within a few seconds.
      await waitFor(
        async () => ((await handle.query(machineStateQuery)).states.includes('awaitingReply.escalated') ? true : undefined),
        20_000,
        'escalation',
      );
      await handle.executeUpdate(machineEventUpdate, { args: [{ event: { type: 'city.reply', content: '同意' }, actor: 't' }] });
      await handle.executeUpdate(machineEventUpdate, { args: [{ event: { type: 'city.close', outcome: '完成' }, actor: 't' }] });
      const result = await handle.result();
      expect(result).toMatchObject({ value: 'closed', status: 'done' });
      const history = await handle.fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.HAOBAN_WORKFLOW_BUNDLE as string } }, history, workflowId);
    } finally {
      await connection.close();
    }
  });
});
