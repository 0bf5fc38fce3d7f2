// BPMN diagram (bpmn-js NavigatedViewer): done / active / pending highlighting and problems pinned to elements.
import { useEffect, useRef, useState } from 'react';
import { Alert, Space, Tag } from 'antd';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './bpmn-markers.css';

export interface DiagramProblem {
  elementId?: string;
  message: string;
}

export interface DiagramProps {
  xml: string;
  done?: string[];
  active?: string[];
  problems?: DiagramProblem[];
  height?: number;
  /** Called when the user clicks an element (e.g. to jump to its problem). */
  onSelect?: (elementId: string) => void;
  /** Called after drawing with how many problems could be pinned to the diagram. */
  onPlaced?: (placed: number) => void;
}

/** The waypoints a file's diagram interchange gives a flow, even one bpmn-js cannot draw (a dangling flow). */
function edgeWaypoints(xml: string, elementId: string): { x: number; y: number }[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const edge = [...doc.getElementsByTagNameNS('*', 'BPMNEdge')].find((e) => e.getAttribute('bpmnElement') === elementId);
  if (!edge) return [];
  return [...edge.getElementsByTagNameNS('*', 'waypoint')]
    .map((w) => ({ x: Number(w.getAttribute('x')), y: Number(w.getAttribute('y')) }))
    .filter((w) => Number.isFinite(w.x) && Number.isFinite(w.y));
}

const SVG = 'http://www.w3.org/2000/svg';

/** A flow bpmn-js skipped, drawn dashed in red with its message, where the file placed it. */
function drawMissingFlow(layer: SVGGElement, points: { x: number; y: number }[], problem: DiagramProblem): void {
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.map((p) => `${p.x},${p.y}`).join(' '));
  line.setAttribute('class', 'hb-missing-flow');
  line.setAttribute('data-element-id', problem.elementId ?? '');
  layer.appendChild(line);
  const label = document.createElementNS(SVG, 'text');
  label.setAttribute('x', String(points[0].x + 4));
  label.setAttribute('y', String(points[0].y - 6));
  label.setAttribute('class', 'hb-missing-flow-label');
  label.textContent = `⚠ ${problem.message}`;
  layer.appendChild(label);
}

const FONT = '"Noto Sans SC", "Microsoft YaHei", Arial, sans-serif';

type Viewer = {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  get(name: string): unknown;
  destroy(): void;
};

export default function BpmnDiagram({ xml, done = [], active = [], problems = [], height = 360, onSelect, onPlaced }: DiagramProps) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  const [unplaced, setUnplaced] = useState<DiagramProblem[]>([]);

  useEffect(() => {
    let viewer: Viewer | undefined;
    let cancelled = false;
    setError(undefined);
    void (async () => {
      const { default: NavigatedViewer } = await import('bpmn-js/lib/NavigatedViewer');
      if (cancelled || !container.current) return;
      viewer = new NavigatedViewer({
        container: container.current,
        // Labels are mostly Chinese: measure and draw them with the console's CJK font.
        textRenderer: { defaultStyle: { fontFamily: FONT, fontSize: 12 }, externalStyle: { fontFamily: FONT, fontSize: 11 } },
      }) as unknown as Viewer;
      try {
        await viewer.importXML(xml);
      } catch (e) {
        if (!cancelled) setError(`流程图无法显示 (diagram could not be rendered)：${(e as Error).message}`);
        return;
      }
      if (cancelled) return;
      const canvas = viewer.get('canvas') as {
        zoom(v: string): void;
        addMarker(id: string, cls: string): void;
        getLayer(name: string, index?: number): SVGGElement;
        viewbox(v?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number };
      };
      const registry = viewer.get('elementRegistry') as { get(id: string): unknown; getAll(): { id: string; type: string }[] };
      const overlays = viewer.get('overlays') as { add(id: string, o: { position: Record<string, number>; html: HTMLElement }): void };
      canvas.zoom('fit-viewport');
      // A margin around the fitted diagram, so shapes and badges are not cut at the edges.
      const vb = canvas.viewbox();
      canvas.viewbox({ x: vb.x - 30, y: vb.y - 30, width: vb.width + 60, height: vb.height + 60 });
      const activeSet = new Set(active);
      for (const id of done) if (registry.get(id) && !activeSet.has(id)) canvas.addMarker(id, 'hb-done');
      for (const id of active) if (registry.get(id)) canvas.addMarker(id, 'hb-active');
      if (done.length || active.length) {
        const touched = new Set([...done, ...active]);
        for (const el of registry.getAll())
          if (!touched.has(el.id) && el.type !== 'bpmn:Process' && el.type !== 'label') canvas.addMarker(el.id, 'hb-pending');
      }
      const lost: DiagramProblem[] = [];
      for (const p of problems) {
        if (p.elementId && !registry.get(p.elementId)) {
          const points = edgeWaypoints(xml, p.elementId);
          if (points.length >= 2) {
            drawMissingFlow(canvas.getLayer('hb-problems', 1000), points, p);
            continue;
          }
        }
        if (!p.elementId || !registry.get(p.elementId)) {
          lost.push(p);
          continue;
        }
        canvas.addMarker(p.elementId, 'hb-error');
        const badge = document.createElement('div');
        badge.className = 'hb-error-badge';
        badge.setAttribute('role', 'note');
        badge.setAttribute('data-element-id', p.elementId);
        badge.textContent = `⚠ ${p.message}`;
        overlays.add(p.elementId, { position: { bottom: -6, left: 0 }, html: badge });
      }
      setUnplaced(lost);
      onPlaced?.(problems.length - lost.length);
      if (onSelect) {
        const bus = viewer.get('eventBus') as { on(e: string, cb: (ev: { element: { id: string } }) => void): void };
        bus.on('element.click', (ev) => onSelect(ev.element.id));
      }
    })().catch((e) => !cancelled && setError((e as Error).message));
    return () => {
      cancelled = true;
      viewer?.destroy();
    };
  }, [xml, done.join(','), active.join(','), JSON.stringify(problems)]);

  return (
    <div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {unplaced.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="以下问题无法定位到图上的元素"
          description={unplaced.map((p, i) => (
            <div key={i}>
              {p.elementId ? `${p.elementId}：` : ''}
              {p.message}
            </div>
          ))}
          style={{ marginBottom: 8 }}
        />
      )}
      <div ref={container} className="hb-diagram" style={{ height }} data-testid="bpmn-diagram" aria-label="流程图" role="img" />
      {(done.length > 0 || active.length > 0) && (
        <Space size="small" style={{ marginTop: 6 }} aria-label="图例">
          <Tag color="success">已完成</Tag>
          <Tag color="processing">进行中</Tag>
          <Tag>未开始</Tag>
          <span style={{ color: '#888', fontSize: 12 }}>可拖动、滚轮缩放</span>
        </Space>
      )}
    </div>
  );
}
