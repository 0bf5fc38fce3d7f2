import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_PARAMETERS, loadConfig } from '../../../server/config';
import { TABLE_END, TABLE_START, configTable } from '../../../server/config-docs';

const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const block = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();

describe('configuration table', () => {
  it('when the README is read, then its configuration table lists exactly the schema’s keys, as generated (`npm run docs:config`)', () => {
    expect(readme.indexOf(TABLE_START)).toBeGreaterThan(0);
    const listed = block
      .split('\n')
      .slice(2)
      .map((row) => /^\| `([A-Z0-9_]+)` \|/.exec(row)?.[1]);
    expect(listed).toEqual(Object.keys(CONFIG_PARAMETERS));
    expect(block).toBe(configTable());
  });

  it('when a parameter is documented, then it names a default, a meaning and a source', () => {
    for (const [name, { doc }] of Object.entries(CONFIG_PARAMETERS)) {
      expect({ name, ok: doc.default.length > 0 && doc.description.length > 5 && doc.source.length > 5 }).toEqual({ name, ok: true });
    }
  });

  it('when a JSON parameter has an unknown key or a bad value, then start-up is refused naming the variable and the key', () => {
    const base = {
      DATA_DIR: path.join(require('node:os').tmpdir(), 'haoban-config-test'),
      JWT_SECRET: 'config-test-secret-0123456789-abcdefghij',
    };
    expect(() => loadConfig({ ...base, HANDLING_CONFIG: '{"statutoryLimit":20}' })).toThrow(/HANDLING_CONFIG.*statutoryLimit/);
    expect(() => loadConfig({ ...base, HANDLING_CONFIG: '{"statutoryLimitWorkingDays":' })).toThrow(/HANDLING_CONFIG: not JSON/);
    expect(() => loadConfig({ ...base, HAOBAN_MACHINE_DEADLINES: '{"fallback":{"general":-1}}' })).toThrow(
      /HAOBAN_MACHINE_DEADLINES\.fallback\.general/,
    );
    expect(() => loadConfig({ ...base, MATERIALS_CONFIG: '{"allowedKinds":["exe"]}' })).toThrow(/MATERIALS_CONFIG\.allowedKinds/);
    expect(() => loadConfig({ ...base, HOTLINE_REPEAT_MIN_ORDERS: 'three' })).toThrow(/HOTLINE_REPEAT_MIN_ORDERS/);
    const c = loadConfig({
      ...base,
      HANDLING_CONFIG: '{"statutoryLimitWorkingDays":15}',
      HAOBAN_MACHINE_DEADLINES: '{"fallback":{"general":3}}',
      HOTLINE_REPEAT_MIN_ORDERS: '',
    });
    expect([c.HANDLING_CONFIG, c.HAOBAN_MACHINE_DEADLINES, c.HOTLINE_REPEAT_MIN_ORDERS, c.TEMPORAL_PORT]).toEqual([
      { statutoryLimitWorkingDays: 15 },
      { fallback: { general: 3 } },
      3,
      7233,
    ]);
  });
});
