import type { FlowNode, Token } from '../model';
import type { RuntimeContext } from './context';

/** How many path entries the live state keeps; the full timeline lives in the read model. */
export const PATH_KEEP = 500;

/** Timeline (办理轨迹): a token entered an element. */
export function entered(ctx: RuntimeContext, n: FlowNode, t: Token, via?: string, actor?: string): void {
  const { state, at } = ctx;
  state.path.push({ elementId: n.id, type: n.type, at, ...(via ? { via } : {}), ...(actor ? { actor } : {}) });
  if (state.path.length > PATH_KEEP) state.path.splice(0, state.path.length - PATH_KEEP);
  ctx.commands.push({
    type: 'element.entered',
    elementId: n.id,
    nodeType: n.type,
    name: n.name,
    at,
    tokenId: t.id,
    ...(actor ? { actor } : {}),
  });
}

/** A token left an element (completed or cancelled): closes its latest open path entry. */
export function left(ctx: RuntimeContext, n: FlowNode, t: Token, actor?: string, cancelled?: boolean): void {
  const { state, at } = ctx;
  for (let i = state.path.length - 1; i >= 0; i--) {
    const p = state.path[i];
    if (p && p.elementId === n.id && !p.left) {
      state.path[i] = { ...p, left: at, ...(actor ? { actor } : {}) };
      break;
    }
  }
  ctx.commands.push({
    type: 'element.left',
    elementId: n.id,
    nodeType: n.type,
    name: n.name,
    at,
    tokenId: t.id,
    ...(actor ? { actor } : {}),
    ...(cancelled ? { cancelled } : {}),
  });
}
