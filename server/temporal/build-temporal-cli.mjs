#!/usr/bin/env node
// Builds the Temporal CLI once with `go install`, printing what it is doing while it works: Go prints
// only `go: downloading …` and then nothing for minutes while it compiles, which looks like a hang.
// Usage: node build-temporal-cli.mjs <go binary> <module@version> <GOBIN>
import { spawn } from 'node:child_process';

const [go, module, gobin] = process.argv.slice(2);
// Measured on this project's 2-core reference machines: about 4 minutes idle, 17.5 minutes when busy.
const ESTIMATE = '约 4–18 分钟 (about 4–18 min)';
const started = Date.now();
let downloads = 0;
let phase = { zh: '下载依赖模块', en: 'downloading Go modules' };

const seconds = () => Math.round((Date.now() - started) / 1000);
const elapsed = () => `${Math.floor(seconds() / 60)} 分 ${seconds() % 60} 秒`;
const elapsedEn = () => `${Math.floor(seconds() / 60)}m${String(seconds() % 60).padStart(2, '0')}s`;
const say = (msg) => process.stdout.write(`[Temporal CLI] ${msg}\n`);

say(`首次运行，正在构建 Temporal CLI（只需一次）/ first run: building the Temporal CLI once — ${module}`);
say(`预计耗时 ${ESTIMATE}；之后启动只需几秒 / later starts take seconds`);

const child = spawn(go, ['install', module], { env: { ...process.env, GOBIN: gobin }, stdio: ['ignore', 'pipe', 'pipe'] });
const onLine = (chunk) => {
  for (const line of chunk.toString().split('\n')) {
    if (line.startsWith('go: downloading')) downloads += 1;
    else if (line.trim()) process.stderr.write(`${line}\n`);
  }
};
child.stdout.on('data', onLine);
child.stderr.on('data', onLine);

// Once downloads stop arriving for a while, Go is compiling.
let lastDownloads = -1;
const ticker = setInterval(() => {
  if (downloads === lastDownloads && downloads > 0) phase = { zh: '编译', en: 'compiling' };
  lastDownloads = downloads;
  say(
    `步骤：${phase.zh} / step: ${phase.en} · 已下载模块 ${downloads} 个 (${downloads} modules) · 已用 ${elapsed()} (${elapsedEn()}) · 预计共 ${ESTIMATE}`,
  );
}, 20_000);

child.on('exit', (code) => {
  clearInterval(ticker);
  if (code === 0) say(`构建完成，用时 ${elapsed()} / built in ${elapsedEn()}`);
  else say(`构建失败（退出码 ${code}）/ build failed (exit ${code})`);
  process.exit(code ?? 1);
});
