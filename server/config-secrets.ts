import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

export const MIN_SECRET_LENGTH = 32;
const MIN_DISTINCT_CHARS = 10;
/** Secrets that were ever public (in the source or the docs); never accepted. */
const PUBLIC_SECRETS = new Set(['haoban-demo-secret-not-for-production']);

/** Why a signing secret is too weak, or undefined when it is acceptable. */
export function checkSecretStrength(secret: string): string | undefined {
  const hint = `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;
  if (PUBLIC_SECRETS.has(secret)) return `is a published demo value (密钥已公开); ${hint}`;
  if (secret.length < MIN_SECRET_LENGTH) return `is too short (密钥过短): ${secret.length} < ${MIN_SECRET_LENGTH} characters; ${hint}`;
  if (new Set(secret).size < MIN_DISTINCT_CHARS || smallestPeriod(secret) <= MIN_SECRET_LENGTH / 2) {
    return `is trivially repetitive (密钥过于简单，字符重复); ${hint}`;
  }
  return undefined;
}

/** The length of the shortest block whose repetition spells `s` (e.g. 2 for "abababab"). */
function smallestPeriod(s: string): number {
  for (let p = 1; p < s.length; p++) {
    let repeats = true;
    for (let i = p; i < s.length && repeats; i++) repeats = s[i] === s[i - p];
    if (repeats) return p;
  }
  return s.length;
}

export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * The demo signing secret: random, generated once per data directory and kept in it
 * (`<DATA_DIR>/demo-jwt-secret`, mode 600), so tokens survive a restart but differ between machines.
 */
export function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, 'demo-jwt-secret');
  const read = () => {
    const value = readFileSync(file, 'utf8').trim();
    return checkSecretStrength(value) ? undefined : value;
  };
  try {
    const existing = read();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(32).toString('base64url');
  try {
    // `wx`: when two processes start at once, the first file wins and both read it.
    writeFileSync(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = read();
    if (winner) return winner;
    writeFileSync(file, fresh + '\n', { mode: 0o600 });
    return fresh;
  }
}
