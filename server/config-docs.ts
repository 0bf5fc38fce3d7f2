import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_PARAMETERS } from './config';

/**
 * The README's configuration table, generated from the schema in server/config.ts so the two cannot
 * drift: `npm run docs:config` rewrites it, and a unit test fails when the README is out of date.
 */
export const TABLE_START = '<!-- configuration table: generated from server/config.ts by `npm run docs:config`; do not edit by hand -->';
export const TABLE_END = '<!-- end of the configuration table -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function configTable(): string {
  const rows = Object.entries(CONFIG_PARAMETERS).map(
    ([name, { doc }]) => `| \`${name}\` | ${cell(doc.default)} | ${cell(doc.description)} | ${cell(doc.source)} |`,
  );
  return ['| variable | default | meaning | source |', '|---|---|---|---|', ...rows].join('\n');
}

/** The README with its configuration table replaced by the generated one. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the configuration table markers (${TABLE_START} … ${TABLE_END})`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${configTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const file = path.resolve(__dirname, '../README.md');
  const before = readFileSync(file, 'utf8');
  const after = withConfigTable(before);
  writeFileSync(file, after);
  process.stdout.write(after === before ? 'README.md configuration table is up to date\n' : 'README.md configuration table rewritten\n');
}
