import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../server/worker';
import { startDevServer, type DevServer } from '../../server/temporal/dev-server';

declare global {
  var __haobanDevServer: DevServer | undefined;
}

/**
 * Once per `jest` run: a real Temporal dev server (unless TEMPORAL_ADDRESS is given) and one workflow
 * bundle that every test worker loads, instead of webpack-bundling per test file.
 */
export default async function globalSetup(): Promise<void> {
  // Each Temporal project of the run names this setup; the first one does the work.
  if (process.env.HAOBAN_WORKFLOW_BUNDLE) return;
  const artifacts = path.resolve(__dirname, '../artifacts');
  mkdirSync(artifacts, { recursive: true });
  if (!process.env.TEMPORAL_ADDRESS) {
    globalThis.__haobanDevServer = await startDevServer({ headless: true, logFile: path.join(artifacts, 'temporal-dev-server.log') });
    process.env.TEMPORAL_ADDRESS = globalThis.__haobanDevServer.address;
  }
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const bundlePath = path.join(artifacts, 'workflow-bundle.js');
  require('node:fs').writeFileSync(bundlePath, code);
  process.env.HAOBAN_WORKFLOW_BUNDLE = bundlePath;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop } as never;
