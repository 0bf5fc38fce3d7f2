import { Router } from 'express';
import { z } from 'zod';
import { AppError, unauthorized } from '../errors';
import { body } from '../middleware/validate';
import type { TokenIssuer } from '../auth/tokens';
import type { Role } from '../auth/roles';
import { disabledUser } from '../auth/identity';
import type { UsersService } from '../services/users.service';

export const TokenRequest = z.object({ userId: z.string().min(1).max(64) });

/** Demo-mode sign-in: a seeded user id buys a token. Production puts an identity provider here. */
export function authRoutes(deps: { users: Pick<UsersService, 'find'>; tokens: TokenIssuer; demoMode: boolean }): Router {
  const router = Router();
  router.post('/token', async (req, res) => {
    if (!deps.demoMode) throw new AppError(404, 'NOT_FOUND', '仅演示模式提供 (only available in demo mode)');
    const { userId } = body(req, TokenRequest);
    const user = await deps.users.find(userId);
    if (!user) throw unauthorized(`没有这个用户 (no such user): ${userId}`);
    if (user.disabled) throw disabledUser(user.id);
    const token = await deps.tokens.issue({ id: user.id, name: user.name, roles: user.roles as Role[], groups: user.groups });
    res.json({ token, user: { id: user.id, name: user.name, roles: user.roles, groups: user.groups, department: user.department } });
  });
  return router;
}
