import type { PrismaClient } from '../data/generated/client';
import { AppError } from '../errors';
import { ROLES, type Role } from './roles';

/** The caller as the user table has it now: roles, groups, department and whether the account is usable. */
export interface Identity {
  id: string;
  name: string;
  roles: Role[];
  groups: string[];
  department?: string;
}

/** How long a looked-up user is trusted before the table is read again (a change elsewhere applies within this). */
export const IDENTITY_TTL_MS = 5_000;

export const unknownUser = (id: string) => new AppError(401, 'USER_UNKNOWN', `账号不存在，请重新登录 (no such user: ${id})`);
export const disabledUser = (id: string) => new AppError(401, 'USER_DISABLED', `账号已停用，请联系管理员 (user ${id} is disabled)`);

/**
 * Per-request identity: a token says who the caller is; the user table says what they may do.
 * Lookups are cached briefly; `invalidate` drops an entry at once when this process changes the user.
 */
export function createIdentityResolver(prisma: PrismaClient, ttlMs = IDENTITY_TTL_MS) {
  const cache = new Map<string, { at: number; value: Promise<Identity | 'unknown' | 'disabled'> }>();
  const load = async (id: string): Promise<Identity | 'unknown' | 'disabled'> => {
    const user = await prisma.user.findUnique({ where: { id } });
    if (!user) return 'unknown';
    if (user.disabled) return 'disabled';
    return {
      id: user.id,
      name: user.name,
      roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      groups: user.groups,
      ...(user.department ? { department: user.department } : {}),
    };
  };
  return {
    /** The current identity of user `id`; throws 401 USER_UNKNOWN / USER_DISABLED. */
    async resolve(id: string): Promise<Identity> {
      const now = Date.now();
      let entry = cache.get(id);
      if (!entry || now - entry.at > ttlMs) {
        entry = { at: now, value: load(id) };
        cache.set(id, entry);
        // A failed lookup (database down) is not remembered.
        entry.value.catch(() => cache.delete(id));
        if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
      }
      const found = await entry.value;
      if (found === 'unknown') throw unknownUser(id);
      if (found === 'disabled') throw disabledUser(id);
      return found;
    },
    invalidate(id: string): void {
      cache.delete(id);
    },
  };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
