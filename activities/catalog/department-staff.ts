import type { PrismaClient } from '../../server/data/generated/client';
import { DEPARTMENTS, staffGroupOf } from './departments';

/** Demo mode: one window officer per department (e.g. `wjj1` for 区卫生健康局), idempotent. */
export async function seedDepartmentStaff(prisma: PrismaClient): Promise<void> {
  for (const d of DEPARTMENTS) {
    const data = { name: d.staffName, department: d.name, roles: ['window', 'approver'], groups: [staffGroupOf(d.code)] };
    await prisma.user.upsert({ where: { id: d.staffId }, create: { id: d.staffId, ...data }, update: data });
  }
}
