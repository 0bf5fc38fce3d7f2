import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

/**
 * Saved case histories (test/replay/histories, recorded from the engine integration tests with
 * SAVE_HISTORIES=1, stored as protobuf JSON of `fetchHistory()`) replay against the current workflow code: a non-deterministic change fails here.
 */
const dir = path.resolve(__dirname, '../../replay/histories');

test('when saved case histories are replayed against the current workflow code, then none is non-deterministic', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThanOrEqual(3);
  const histories = files.map((f) => ({
    workflowId: f.replace(/\.json$/, ''),
    history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))),
  }));
  const results = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { codePath: process.env.HAOBAN_WORKFLOW_BUNDLE as string } },
    histories,
  )) {
    results.push({ workflowId: result.workflowId, error: result.error?.message });
  }
  expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
}, 120_000);
