// The runtime import graph of the code base, for architecture tests. Type-only imports are left out:
// they vanish when TypeScript is compiled, so they cannot create a load-order cycle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');

/** The top-level areas whose dependencies must form a directed acyclic graph. */
export const AREAS = ['workflows', 'activities', 'server', 'definitions'] as const;
export type Area = (typeof AREAS)[number];

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'generated']);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(name)) out.push(...sourceFiles(full));
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** True when an import or export declaration disappears at compile time. */
function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // `import './side-effect'`
    if (clause.isTypeOnly) return true;
    if (clause.name) return false;
    const bindings = clause.namedBindings;
    if (!bindings || ts.isNamespaceImport(bindings)) return false;
    return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Module specifiers a file loads at run time: static imports/exports, `require(...)` and `import(...)`. */
export function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!isTypeOnly(node)) out.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) out.push(expr.text);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isDynamicImport) out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Resolves a relative specifier to a file in the repository, or undefined for packages. */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base,
    ...['.ts', '.tsx', '.json'].map((ext) => base + ext),
    ...['index.ts', 'index.tsx'].map((i) => path.join(base, i)),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

export function areaOf(file: string): Area | undefined {
  const top = path.relative(ROOT, file).split(path.sep)[0];
  return (AREAS as readonly string[]).includes(top) ? (top as Area) : undefined;
}

export interface ImportEdge {
  from: string;
  to: string;
}

/** Every runtime import between files of the areas, with paths relative to the repository root. */
export function fileEdges(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const area of AREAS) {
    for (const file of sourceFiles(path.join(ROOT, area))) {
      for (const specifier of runtimeSpecifiers(file)) {
        const target = resolveRelative(file, specifier);
        if (target && areaOf(target)) edges.push({ from: path.relative(ROOT, file), to: path.relative(ROOT, target) });
      }
    }
  }
  return edges;
}

/** Area → areas it imports at run time, with one example import per pair. */
export function areaGraph(edges: ImportEdge[] = fileEdges()): Map<Area, Map<Area, ImportEdge>> {
  const graph = new Map<Area, Map<Area, ImportEdge>>(AREAS.map((a) => [a, new Map()]));
  for (const edge of edges) {
    const from = areaOf(path.join(ROOT, edge.from))!;
    const to = areaOf(path.join(ROOT, edge.to))!;
    if (from !== to && !graph.get(from)!.has(to)) graph.get(from)!.set(to, edge);
  }
  return graph;
}

/** The elementary cycles of the area graph, each as its list of areas (starting from its first area). */
export function areaCycles(graph: Map<Area, Map<Area, ImportEdge>> = areaGraph()): Area[][] {
  const cycles: Area[][] = [];
  const order = [...AREAS];
  // Johnson-style enumeration is overkill for four nodes: a depth-first search from each start area,
  // visiting only areas later in the order, finds every elementary cycle exactly once.
  order.forEach((start, startIndex) => {
    const walk = (node: Area, trail: Area[]): void => {
      for (const next of graph.get(node)!.keys()) {
        if (next === start) cycles.push([...trail]);
        else if (order.indexOf(next) > startIndex && !trail.includes(next)) walk(next, [...trail, next]);
      }
    };
    walk(start, [start]);
  });
  return cycles;
}

/** One line per cycle, naming an import that closes each step, for a readable failure message. */
export function describeCycles(cycles: Area[][], graph: Map<Area, Map<Area, ImportEdge>> = areaGraph()): string[] {
  return cycles.map((cycle) =>
    cycle
      .map((area, i) => {
        const next = cycle[(i + 1) % cycle.length];
        const edge = graph.get(area)!.get(next)!;
        return `${area} → ${next} (${edge.from} imports ${edge.to})`;
      })
      .join('; '),
  );
}

if (require.main === module) {
  const graph = areaGraph();
  for (const [from, targets] of graph) console.log(`${from} → ${[...targets.keys()].join(', ') || '(none)'}`);
  const cycles = areaCycles(graph);
  console.log(`${cycles.length} cycle(s) between top-level areas`);
  for (const line of describeCycles(cycles, graph)) console.log(`  ${line}`);
}
