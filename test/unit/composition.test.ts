import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const COMPOSITION_ROOT = 'server/services/index.ts';
/** The worker builds the 审管联动 notices its activities need on its own Temporal connection. */
const WORKER_OWN = new Set(['server/worker.ts createLinkageService', 'server/worker.ts createMachineClient']);
/** Service factories: `create…Service`, and the clients and resolvers services are built from. */
const FACTORY = /^create([A-Z]\w*Service|TimerStartSchedules|MachineClient|IdentityResolver|DatabaseHealth|TemporalHealth)$/;

function serverFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return ['generated', 'console', 'dist'].includes(name) ? [] : serverFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every call of a service factory in server/, as `file factory`. */
function factoryCalls(): string[] {
  const calls: string[] = [];
  for (const file of serverFiles(path.join(ROOT, 'server'))) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && FACTORY.test(node.expression.text))
        calls.push(`${rel} ${node.expression.text}`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls.sort();
}

describe('one composition root', () => {
  const calls = factoryCalls();

  it('when server/ is searched, then services are built only in server/services/index.ts (and the worker’s own notices)', () => {
    expect(calls.length).toBeGreaterThan(20);
    const elsewhere = calls.filter((c) => !c.startsWith(`${COMPOSITION_ROOT} `) && !WORKER_OWN.has(c));
    expect(elsewhere).toEqual([]);
  });

  it('when the composition root builds services, then it builds each one once', () => {
    const inRoot = calls.filter((c) => c.startsWith(`${COMPOSITION_ROOT} `));
    const twice = inRoot.filter((c, i) => inRoot.indexOf(c) !== i);
    expect(twice).toEqual([]);
  });
});
