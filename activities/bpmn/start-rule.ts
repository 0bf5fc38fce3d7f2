import { ROLES } from '../domain/roles';
import { START_CHANNELS, type StartChannel, type StartRule } from '../../workflows/engine/model';
import type { El } from './compile-node';

/** The extension properties (zeebe:properties on the process) that say who may start it and how. */
export const STARTABLE_BY = 'startableBy';
export const START_VIA = 'startVia';

/**
 * 谁可以启动、经由哪个服务: reads `startableBy` (roles, comma-separated) and `startVia` (channels:
 * api, handling, events, prereview, agency, internal) from the process's zeebe:properties. A process
 * without them keeps the open default (any signed-in role, direct `POST /api/cases`).
 */
export function readStartRule(proc: El, problems: { elementId?: string; message: string }[]): StartRule | undefined {
  const props = (proc.extensionElements?.values ?? []).find((e: El) => e.$instanceOf('zeebe:Properties'));
  const get = (name: string) => (props?.properties ?? []).find((p: El) => p.name === name)?.value as string | undefined;
  const by = get(STARTABLE_BY);
  const via = get(START_VIA);
  if (by === undefined && via === undefined) return undefined;
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const startableBy = list(by);
  const startVia = list(via);
  for (const role of startableBy) {
    if (!(ROLES as readonly string[]).includes(role))
      problems.push({ elementId: proc.id, message: `startableBy 中的角色未知 (unknown role "${role}"; one of ${ROLES.join(', ')})` });
  }
  for (const channel of startVia) {
    if (!(START_CHANNELS as readonly string[]).includes(channel))
      problems.push({
        elementId: proc.id,
        message: `startVia 中的途径未知 (unknown channel "${channel}"; one of ${START_CHANNELS.join(', ')})`,
      });
  }
  if (startVia.length === 0) problems.push({ elementId: proc.id, message: 'startVia 不能为空 (startVia needs at least one channel)' });
  if (startableBy.length === 0 && startVia.some((c) => c !== 'internal')) {
    problems.push({
      elementId: proc.id,
      message: 'startableBy 不能为空，除非只由系统启动 (startableBy needs a role unless startVia is internal only)',
    });
  }
  return { startableBy, startVia: startVia as StartChannel[] };
}
