import { AREAS, areaCycles, areaGraph, describeCycles, fileEdges, type Area, type ImportEdge } from '../architecture/import-graph';

/**
 * The top-level areas load each other one way only: server → (activities | workflows), activities → workflows.
 * A cycle means a module of one area can run before the module it needs from the other has loaded.
 */
describe('layers between workflows, activities, server and definitions', () => {
  const edges = fileEdges();
  const graph = areaGraph(edges);

  it('when the runtime imports are collected, then they include the known server → activities dependency', () => {
    // Guards the graph itself: an empty graph would make the cycle check pass for nothing.
    expect(edges.length).toBeGreaterThan(100);
    expect(graph.get('server')!.has('activities')).toBe(true);
  });

  it('when the areas are checked for cycles, then there are none', () => {
    const cycles = areaCycles(graph);
    expect(describeCycles(cycles, graph)).toEqual([]);
  });

  it('when activities and workflows import, then nothing of the server is loaded at run time', () => {
    const intoServer = edges.filter((e) => /^(activities|workflows)\//.test(e.from) && e.to.startsWith('server/'));
    expect(intoServer).toEqual([]);
  });

  it('when a graph has a cycle, then it is found and named with the imports that close it', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from, to });
    const cyclic = new Map<Area, Map<Area, ImportEdge>>(AREAS.map((a) => [a, new Map()]));
    cyclic.get('activities')!.set('server', edge('activities/a.ts', 'server/b.ts'));
    cyclic.get('server')!.set('activities', edge('server/b.ts', 'activities/a.ts'));
    cyclic.get('server')!.set('workflows', edge('server/b.ts', 'workflows/c.ts'));
    expect(describeCycles(areaCycles(cyclic), cyclic)).toEqual([
      'activities → server (activities/a.ts imports server/b.ts); server → activities (server/b.ts imports activities/a.ts)',
    ]);
  });
});
