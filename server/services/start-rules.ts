import type { CompiledProcess, StartChannel } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import { ROLE_LABELS, type Role } from '../auth/roles';
import { AppError } from '../errors';

export const START_CHANNEL_LABELS: Record<StartChannel, string> = {
  api: '直接申请 (POST /api/cases)',
  handling: '办理模式申请 (POST /api/handling/applications)',
  events: '一件事联办 (POST /api/events/:code/cases)',
  prereview: '资料预审转办件 (POST /api/prereview/:id/case)',
  agency: '帮办代办互动联办 (POST /api/agency/projects/:id/cases)',
  internal: '系统自动发起',
};

/**
 * Enforces a process's declared start rule (zeebe:properties `startableBy` / `startVia`): a handling
 * mode is entered only through the handling service that checks its eligibility, a rectification only by
 * the system, and so on. 403 START_NOT_ALLOWED names the rule.
 */
export function checkStartRule(process: CompiledProcess, actor: AuthenticatedActor, via: StartChannel): void {
  const rule = process.start;
  if (!rule) return;
  const details = { processKey: process.key, via, startVia: rule.startVia, startableBy: rule.startableBy };
  if (!rule.startVia.includes(via)) {
    throw new AppError(
      403,
      'START_NOT_ALLOWED',
      `流程 ${process.name ?? process.key} 只能通过${rule.startVia.map((c) => START_CHANNEL_LABELS[c]).join('、')}启动，不能${START_CHANNEL_LABELS[via]} (this process cannot be started this way)`,
      details,
    );
  }
  if (via === 'internal') return;
  if (!actor.roles.some((r) => rule.startableBy.includes(r))) {
    const who = rule.startableBy.map((r) => ROLE_LABELS[r as Role] ?? r).join('、');
    throw new AppError(
      403,
      'START_NOT_ALLOWED',
      `流程 ${process.name ?? process.key} 只能由${who}发起 (only these roles may start it: ${rule.startableBy.join(', ')})`,
      details,
    );
  }
}
