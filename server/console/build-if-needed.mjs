// `npm start` runs this first: builds the console only when dist is missing or older than its sources.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const built = path.join(dir, 'dist/index.html');

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((e) => newest(path.join(p, e))));
}

const sources = ['src', 'index.html', 'vite.config.mjs'].map((p) => path.join(dir, p));
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale) await build();
else process.stdout.write('控制台已是最新 (web console is up to date)\n');

/**
 * Runs the vite build, printing its step, the elapsed time and the estimate every 10 seconds in
 * Chinese and English: on a busy machine vite is silent for long stretches while it transforms.
 */
async function build() {
  // Measured on the 2-core reference machine while other builds ran: 3–11 s; slower disks take longer.
  const ESTIMATE = '约 10 秒–1 分钟 (about 10 s–1 min)';
  const say = (msg) => process.stdout.write(`[控制台 console] ${msg}\n`);
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const STEPS = [
    [/transforming/, { zh: '转换源代码', en: 'transforming sources' }],
    [/modules transformed/, { zh: '打包', en: 'bundling' }],
    [/rendering chunks/, { zh: '生成文件', en: 'rendering chunks' }],
    [/computing gzip size/, { zh: '计算压缩大小', en: 'computing gzip sizes' }],
  ];
  let step = { zh: '转换并打包源代码', en: 'transforming and bundling sources' };
  let modules = 0;
  say(`正在构建控制台（源代码有变化时才构建），预计 ${ESTIMATE} / building the web console (only when its sources changed)`);
  const child = spawn(
    process.execPath,
    [path.join(dir, '../../node_modules/vite/bin/vite.js'), 'build', '-c', path.join(dir, 'vite.config.mjs')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const onLine = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      for (const [re, s] of STEPS) if (re.test(line)) step = s;
      const m = /(\d+) modules transformed/.exec(line);
      if (m) modules = Number(m[1]);
      // Per-file size lines are noise at start-up; warnings and errors are kept.
      if (/warn|error|✗/i.test(line)) process.stderr.write(`${line}\n`);
    }
  };
  child.stdout.on('data', onLine);
  child.stderr.on('data', onLine);
  const ticker = setInterval(() => {
    say(
      `步骤：${step.zh} / step: ${step.en}${modules ? ` · 模块 ${modules} 个 (${modules} modules)` : ''} · 已用 ${seconds()} 秒 (${seconds()} s) · 预计共 ${ESTIMATE}`,
    );
  }, 10_000);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(ticker);
  if (code !== 0) {
    say(`控制台构建失败（退出码 ${code}）/ console build failed (exit ${code})`);
    process.exit(code ?? 1);
  }
  say(`控制台构建完成，用时 ${seconds()} 秒 / web console built in ${seconds()} s`);
}
