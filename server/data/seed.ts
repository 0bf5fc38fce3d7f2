import { DEMO_USERS } from '../auth/demo-users';
import type { PrismaClient } from './generated/client';

/** Seeds the demo users (idempotent). */
export async function seedDemoUsers(prisma: PrismaClient): Promise<void> {
  for (const user of DEMO_USERS) {
    const data = { name: user.name, department: user.department ?? null, roles: user.roles, groups: user.groups };
    await prisma.user.upsert({ where: { id: user.id }, create: { id: user.id, ...data }, update: data });
  }
}
