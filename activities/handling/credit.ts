import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../server/data/generated/client';

type Db = Pick<PrismaClient, 'creditRecord'> | Pick<Prisma.TransactionClient, 'creditRecord'>;

export const CREDIT_KINDS = ['bad-credit', 'false-commitment', 'supplement-overdue'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** Unrepaired records that bar 容缺 and 告知承诺 (国办发〔2020〕42号; until 信用修复, docs/rules.md#credit-bar). */
export async function blockingCredit(db: Db, subjectId: string) {
  return db.creditRecord.findMany({
    where: { subjectId, repairedAt: null, kind: { in: ['bad-credit', 'false-commitment'] } },
    orderBy: { createdAt: 'asc' },
  });
}

export async function addCreditRecord(db: Db, r: { subjectId: string; kind: CreditKind; reason: string; caseId?: string }) {
  return db.creditRecord.create({ data: { id: randomUUID(), ...r } });
}
