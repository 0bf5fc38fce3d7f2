import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { checkSecretStrength } from '../../server/config-secrets';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'haoban-config-'));
const base = (extra: Record<string, string>) => ({ PATH: process.env.PATH, DATA_DIR: tmp(), ...extra }) as NodeJS.ProcessEnv;
const STRONG = 'k3J9-vQ2x_Lm7pZt8WbN4rYc6HdA1sEf0uGi';

describe('演示模式只在本机 (demo mode only on a local machine)', () => {
  it('when nothing is configured on a developer machine, then demo mode is on with a random secret kept in the data directory', () => {
    const env = base({});
    const first = loadConfig(env);
    expect(first.demoMode).toBe(true);
    expect(first.jwtSecret).not.toBe('haoban-demo-secret-not-for-production');
    expect(checkSecretStrength(first.jwtSecret)).toBeUndefined();
    const file = path.join(env.DATA_DIR as string, 'demo-jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o077).toBe(0); // owner only
    expect(loadConfig(env).jwtSecret).toBe(first.jwtSecret); // tokens survive a restart
    expect(loadConfig(base({})).jwtSecret).not.toBe(first.jwtSecret); // another machine, another secret
  });

  it('when NODE_ENV=production, a real DATABASE_URL or a non-loopback HOST is set, then demo mode is off or refused and a secret is required', () => {
    const needsSecret = /JWT_SECRET is required outside demo mode/;
    expect(() => loadConfig(base({ NODE_ENV: 'production' }))).toThrow(needsSecret);
    expect(() => loadConfig(base({ HOST: '0.0.0.0' }))).toThrow(needsSecret);
    expect(() => loadConfig(base({ DATABASE_URL: 'postgres://h@db.example.gov/haoban' }))).toThrow(needsSecret);
    expect(() => loadConfig(base({ NODE_ENV: 'production', DEMO_MODE: '1', DATABASE_URL: 'postgres://h@db.example.gov/haoban' }))).toThrow(
      /演示模式只能在本机运行.*NODE_ENV=production/,
    );
    expect(() => loadConfig(base({ DEMO_MODE: '1', HOST: '10.0.0.5', JWT_SECRET: STRONG }))).toThrow(/HOST=10\.0\.0\.5/);
    const prod = loadConfig(
      base({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h@db.example.gov/haoban', JWT_SECRET: STRONG, HOST: '0.0.0.0' }),
    );
    expect(prod).toMatchObject({ demoMode: false, jwtSecret: STRONG });
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'])
      expect(loadConfig(base({ HOST: host })).demoMode).toBe(true);
  });

  it('when JWT_SECRET is short, repetitive or the published demo value, then start-up is refused naming the reason', () => {
    const reject = (secret: string, why: RegExp) =>
      expect(() => loadConfig(base({ NODE_ENV: 'production', JWT_SECRET: secret }))).toThrow(why);
    reject('a'.repeat(16), /密钥过短/);
    reject('a'.repeat(64), /过于简单/);
    reject('abcdefghij'.repeat(4), /过于简单/);
    reject('0123456789abcdef'.repeat(2), /过于简单/);
    reject('haoban-demo-secret-not-for-production', /已公开/);
    expect(checkSecretStrength(STRONG)).toBeUndefined();
  });

  it('when `npm start` is run with NODE_ENV=production and no secret, or DEMO_MODE=1 on 0.0.0.0, then the process exits 1 with the reason before opening anything', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../server/main.ts')], {
        env: { PATH: process.env.PATH, DATA_DIR: tmp(), ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const prod = run({ NODE_ENV: 'production' });
    expect(prod.status).toBe(1);
    expect(prod.stderr).toMatch(/JWT_SECRET is required outside demo mode/);
    const exposed = run({ DEMO_MODE: '1', HOST: '0.0.0.0' });
    expect(exposed.status).toBe(1);
    expect(exposed.stderr).toMatch(/演示模式只能在本机运行/);
  });
});
