import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';

/**
 * Replays every workflow a test stack ran on its task queue against the current workflow bundle
 * and returns those that do not replay (workflow id and error). Catches nondeterminism that only
 * shows when a worker without the cached run must rebuild it: a query after eviction, a restart.
 */
export async function replayAllOnQueue(taskQueue: string): Promise<{ workflowId: string; error: string }[]> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const histories = [];
    for await (const info of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
      const history = await client.workflow.getHandle(info.workflowId, info.runId).fetchHistory();
      histories.push({ workflowId: `${info.workflowId}/${info.runId}`, history });
    }
    const failures: { workflowId: string; error: string }[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: process.env.HAOBAN_WORKFLOW_BUNDLE as string } },
      histories,
    )) {
      if (result.error) failures.push({ workflowId: result.workflowId, error: result.error.message });
    }
    if (histories.length === 0) failures.push({ workflowId: '(none)', error: `no workflows found on task queue ${taskQueue}` });
    return failures;
  } finally {
    await connection.close();
  }
}

/** Saves a workflow's history for the replay test (only with SAVE_HISTORIES=1). */
export async function saveHistory(workflowId: string, name: string): Promise<void> {
  if (!process.env.SAVE_HISTORIES) return;
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
  try {
    const history = await new Client({ connection, namespace: 'default' }).workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(path.resolve(__dirname, '../replay/histories', `${name}.json`), JSON.stringify(history));
  } finally {
    await connection.close();
  }
}
