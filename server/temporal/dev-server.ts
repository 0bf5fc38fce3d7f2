import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { resolveTemporalCli } from './temporal-cli';

export interface DevServer {
  address: string;
  uiAddress?: string;
  /** The running child's pid (changes when it is restarted). */
  readonly pid?: number;
  /** How many times the child was restarted after dying. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** SQLite file that keeps cases across restarts; in-memory when absent. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  logFile?: string;
  log?: (msg: string) => void;
  /** First delay before restarting a child that died (doubles per failed attempt, up to 30 s); 500 ms by default. */
  restartDelayMs?: number;
  /** Told after the child was restarted following an unexpected exit. */
  onRestart?: (restarts: number) => void;
}

/** Runs `temporal server start-dev`, resolves once its frontend accepts connections, and restarts it if it dies. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const cli = resolveTemporalCli(options.log);
  const port = options.port ?? (await freePort());
  const uiPort = options.headless ? undefined : (options.uiPort ?? (await freePort()));
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
    // Write-ahead log: a commit appends to the WAL and fsyncs once (synchronous=FULL), where the
    // default rollback journal creates, fsyncs and deletes a journal file per commit. Durability is
    // unchanged: a committed transaction survives kill -9 and power loss alike.
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=2');
  }
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');

  const address = `127.0.0.1:${port}`;
  const log = options.log ?? (() => {});
  let child: ChildProcess;
  let exited = false;
  let exit: Promise<void>;
  let stopping = false;
  const launch = () => {
    child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    if (options.logFile) {
      mkdirSync(path.dirname(options.logFile), { recursive: true });
      const out = createWriteStream(options.logFile, { flags: 'a' });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
    } else {
      child.stdout?.resume();
      child.stderr?.resume();
    }
    exited = false;
    exit = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        exited = true;
        resolve();
        if (!stopping && ready) void supervise(code, signal);
      }),
    );
  };
  const waitReady = async (deadline: number) => {
    while (!(await canConnect(port))) {
      if (exited) throw new Error(`temporal server start-dev exited early (see ${options.logFile ?? 'its output'})`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('temporal server start-dev did not accept connections within 60 s');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await waitForNamespace(address, deadline);
  };

  // Supervision: a dev server that dies (killed, crashed) is started again on the same port and
  // database file, with backoff; the API answers 503 meanwhile and the worker reconnects by itself.
  let ready = false;
  let restarts = 0;
  const supervise = async (code: number | null, signal: NodeJS.Signals | null) => {
    ready = false;
    for (let attempt = 0; !stopping; attempt++) {
      const delay = Math.min(30_000, (options.restartDelayMs ?? 500) * 2 ** attempt);
      log(`Temporal dev server exited (code ${code}, signal ${signal}); restarting in ${delay} ms (restart ${restarts + 1})`);
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      restarts++;
      launch();
      try {
        await waitReady(Date.now() + 60_000);
        ready = true;
        log(`Temporal dev server restarted at ${address}`);
        options.onRestart?.(restarts);
        return;
      } catch (err) {
        log(`Temporal dev server restart failed: ${(err as Error).message}`);
        if (!exited) child.kill('SIGKILL');
        await exit;
      }
    }
  };

  launch();
  await waitReady(Date.now() + 60_000);
  ready = true;
  return {
    address,
    uiAddress: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    get pid() {
      return child.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopping = true;
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The port opens before the default namespace is registered; wait until it answers. */
async function waitForNamespace(address: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal dev server not ready: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
