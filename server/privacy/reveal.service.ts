import { writeAudit } from '../../activities/audit';
import type { AuthenticatedActor } from '../auth/authenticate';
import { departmentOf, isDepartmentOfficer } from '../services/department-scope';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, notFound } from '../errors';
import { personalKindOf, valueAt } from './mask';

export const REVEAL_SUBJECTS = ['case', 'hotline', 'fallback', 'agency'] as const;
export type RevealSubject = (typeof REVEAL_SUBJECTS)[number];

const SUBJECT_WORDS: Record<RevealSubject, string> = { case: '办件', hotline: '12345 工单', fallback: '办不成事', agency: '343 代办项目' };

/**
 * 查看完整号码: one masked phone or ID number in full, for staff who need it (a call back, an
 * identity check), and an audit record of who saw which field of which case or order.
 */
export function createRevealService(prisma: PrismaClient) {
  async function source(subject: RevealSubject, id: string, actor: AuthenticatedActor): Promise<unknown> {
    if (subject === 'case') {
      const row = await prisma.case.findUnique({ where: { id }, select: { variables: true } });
      if (!row) throw notFound('case', id);
      return row.variables;
    }
    if (subject === 'hotline') {
      const row = await prisma.hotlineOrder.findUnique({ where: { id } });
      if (!row) throw notFound('hotline order', id);
      await ownDepartment(id, actor);
      return row;
    }
    const row = await prisma.machineInstance.findUnique({ where: { id } });
    if (!row || row.kind !== subject) throw notFound(subject === 'agency' ? 'agency project' : 'fallback record', id);
    await ownDepartment(id, actor);
    return row.context;
  }

  /** A department officer sees only what was sent to their department. */
  async function ownDepartment(id: string, actor: AuthenticatedActor) {
    if (!isDepartmentOfficer(actor)) return;
    const m = await prisma.machineInstance.findUnique({ where: { id }, select: { department: true } });
    if (!m?.department || m.department !== departmentOf(actor)) throw notFound('record', id);
  }

  return {
    async reveal(input: { subject: RevealSubject; id: string; field: string }, actor: AuthenticatedActor) {
      const kind = personalKindOf(input.field.split('.').at(-1) ?? '');
      if (!kind) throw badRequest(`字段 ${input.field} 不是电话号码或证件号码`, { field: 'field' });
      const value = valueAt(await source(input.subject, input.id, actor), input.field);
      if (typeof value !== 'string' || !value) throw notFound('field', input.field);
      await writeAudit(prisma, {
        actor: actor.id,
        action: 'privacy.revealed',
        ...(input.subject === 'case' ? { caseId: input.id } : {}),
        details: {
          name: `${SUBJECT_WORDS[input.subject]} ${input.id} 的${kind === 'phone' ? '电话号码' : '证件号码'}`,
          subject: input.subject,
          id: input.id,
          field: input.field,
        },
      });
      return { subject: input.subject, id: input.id, field: input.field, value };
    },
  };
}

export type RevealService = ReturnType<typeof createRevealService>;
