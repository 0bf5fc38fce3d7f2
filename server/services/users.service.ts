import { writeAudit } from '../../activities/audit';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient, Prisma } from '../data/generated/client';
import { conflict, notFound } from '../errors';

export interface UserChange {
  name?: string;
  department?: string | null;
  roles?: string[];
  groups?: string[];
  /** 停用 / 启用: a disabled user's tokens are refused. */
  disabled?: boolean;
}

/** 用户与角色: staff and applicant accounts, their roles and task groups; every change audited. */
export function createUsersService(prisma: PrismaClient, hooks: { onChange?: (userId: string) => void } = {}) {
  return {
    /** One user by id, or null. */
    async find(id: string) {
      return prisma.user.findUnique({ where: { id } });
    },

    async list(filter: { role?: string; q?: string; limit: number; offset: number }) {
      const where: Prisma.UserWhereInput = {
        ...(filter.role ? { roles: { has: filter.role } } : {}),
        ...(filter.q
          ? { OR: [{ id: { contains: filter.q } }, { name: { contains: filter.q } }, { department: { contains: filter.q } }] }
          : {}),
      };
      const [items, total] = await Promise.all([
        prisma.user.findMany({ where, orderBy: { id: 'asc' }, take: filter.limit, skip: filter.offset }),
        prisma.user.count({ where }),
      ]);
      return { items, total };
    },

    async create(user: { id: string; name: string; department?: string; roles: string[]; groups: string[] }, actor: AuthenticatedActor) {
      return prisma.$transaction(async (tx) => {
        if (await tx.user.findUnique({ where: { id: user.id } }))
          throw conflict(`用户 ${user.id} 已存在 (user already exists)`, { id: user.id });
        const created = await tx.user.create({ data: { ...user, department: user.department ?? null } });
        await writeAudit(tx, { actor: actor.id, action: 'user.created', after: created });
        return created;
      });
    },

    async update(id: string, change: UserChange, actor: AuthenticatedActor) {
      const updated = await prisma.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id } });
        if (!before) throw notFound('user', id);
        const after = await tx.user.update({ where: { id }, data: change });
        await writeAudit(tx, {
          actor: actor.id,
          action: 'user.updated',
          before,
          after,
          details: { note: '角色与停用状态在几秒内对已签发的令牌生效 (roles and status apply to issued tokens within seconds)' },
        });
        return after;
      });
      // This process sees the change at once; other API processes within the identity cache's few seconds.
      hooks.onChange?.(id);
      return updated;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
