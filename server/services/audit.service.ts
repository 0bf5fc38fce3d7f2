import type { PrismaClient, Prisma } from '../data/generated/client';

export interface AuditFilter {
  caseId?: string;
  actor?: string;
  /** Exact action, or a prefix ending in `.` / `*` (e.g. `task.` for every task action). */
  action?: string;
  from?: Date;
  to?: Date;
  sort: 'at' | '-at';
  limit: number;
  offset: number;
}

/** Audit log search (审计日志查询) over the append-only audit trail. */
export function createAuditService(prisma: PrismaClient) {
  return {
    async search(filter: AuditFilter) {
      const action = filter.action?.replace(/\*$/, '');
      const where: Prisma.AuditEventWhereInput = {
        ...(filter.caseId ? { caseId: filter.caseId } : {}),
        ...(filter.actor ? { actor: filter.actor } : {}),
        ...(action ? (filter.action!.endsWith('*') || action.endsWith('.') ? { action: { startsWith: action } } : { action }) : {}),
        ...(filter.from || filter.to
          ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        prisma.auditEvent.findMany({
          where,
          orderBy: [{ at: filter.sort === 'at' ? 'asc' : 'desc' }, { id: filter.sort === 'at' ? 'asc' : 'desc' }],
          take: filter.limit,
          skip: filter.offset,
        }),
        prisma.auditEvent.count({ where }),
      ]);
      // BigInt ids do not survive JSON; they are opaque strings to clients.
      return { items: rows.map((r) => ({ ...r, id: r.id.toString() })), total };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
