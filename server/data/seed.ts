import { DEMO_USERS } from '../auth/demo-users';
import type { PrismaClient } from './generated/client';

/**
 * Officers of the rule machines' departments that no catalogue department staffs (the catalogue seeds
 * `wjj1`, `scjgj1` … in demo mode), so every department can sign what is addressed to it.
 */
export const LINKAGE_DEPARTMENT_OFFICERS = [
  { id: 'zjj1', name: '林住建', department: '区住房和城乡建设局', roles: ['window', 'approver'], groups: ['dept-zjj'] },
  { id: 'hbj1', name: '梁环保', department: '生态环境局莲湖分局', roles: ['window', 'approver'], groups: ['dept-hbj'] },
];

/** Seeds the demo users (idempotent). */
export async function seedDemoUsers(prisma: PrismaClient): Promise<void> {
  for (const user of [...DEMO_USERS, ...LINKAGE_DEPARTMENT_OFFICERS]) {
    const data = { name: user.name, department: user.department ?? null, roles: user.roles, groups: user.groups };
    await prisma.user.upsert({ where: { id: user.id }, create: { id: user.id, ...data }, update: data });
  }
}
