import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The one CLI version whose module installs cleanly with `go install` (later tags carry `replace`). */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const TOOLS_BIN = path.resolve(__dirname, '../../.tools/bin');

/**
 * Finds the Temporal CLI: `temporal` on PATH, else the copy built under .tools/bin,
 * else builds it once from the Go module proxy. Throws with install instructions when Go is missing.
 */
export function resolveTemporalCli(log: (msg: string) => void = () => {}): string {
  const onPath = which('temporal');
  if (onPath) return onPath;
  const cached = path.join(TOOLS_BIN, 'temporal');
  if (existsSync(cached)) return cached;
  const go = which('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new Error(
      '找不到 Temporal CLI，也没有 Go 用来构建它 (Temporal CLI not found and Go is not installed).\n' +
        'Install Go 1.23 or newer (Debian: `apt-get install -y golang-go`, or https://go.dev/dl/), ' +
        'or put `temporal` on PATH, or set TEMPORAL_ADDRESS to an existing Temporal server.',
    );
  }
  log(`building the Temporal CLI once: go install ${TEMPORAL_CLI_MODULE} …`);
  mkdirSync(TOOLS_BIN, { recursive: true });
  // A child script reports step, elapsed time and an estimate while Go compiles (minutes of silence otherwise).
  const result = spawnSync(process.execPath, [path.join(__dirname, 'build-temporal-cli.mjs'), go, TEMPORAL_CLI_MODULE, TOOLS_BIN], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(cached)) throw new Error(`go install ${TEMPORAL_CLI_MODULE} failed (exit ${result.status})`);
  return cached;
}

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
