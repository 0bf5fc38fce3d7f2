import type { Prisma } from '../server/data/generated/client';
import type { Variables } from '../workflows/engine/model';

/**
 * Merges variables into the case's read-model row in one statement. A read-then-write merge loses
 * updates when a task projection and a service task write the same case concurrently (PostgreSQL).
 */
export async function mergeCaseVariables(
  tx: Pick<Prisma.TransactionClient, '$executeRaw'>,
  caseId: string,
  variables: Variables,
): Promise<void> {
  await tx.$executeRaw`UPDATE "case" SET "variables" = "variables" || ${JSON.stringify(variables)}::jsonb, "updated_at" = now() WHERE "id" = ${caseId}`;
}
