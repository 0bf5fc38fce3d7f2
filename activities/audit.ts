import type { Prisma } from '../server/data/generated/client';

export interface AuditEntry {
  actor: string;
  action: string;
  caseId?: string;
  taskId?: string;
  elementId?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

type Tx = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Appends one audit record; callers pass their transaction so the change and its record land together. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      caseId: entry.caseId,
      taskId: entry.taskId,
      elementId: entry.elementId,
      before: json(entry.before),
      after: json(entry.after),
      details: json(entry.details),
    },
  });
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (value as Prisma.InputJsonValue);
}
