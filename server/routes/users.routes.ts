import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import type { UsersService } from '../services/users.service';
import { Page } from './cases.routes';

const Role = z.enum(ROLES);
const Groups = z.array(z.string().min(1).max(64)).max(50);

export const ListUsersQuery = z.object({ role: Role.optional(), q: z.string().max(64).optional(), ...Page });
export const CreateUserBody = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '账号只能包含小写字母、数字、-、_ (lowercase letters, digits, - and _)'),
  name: z.string().min(1).max(64),
  department: z.string().max(100).optional(),
  roles: z.array(Role).min(1),
  groups: Groups.default([]),
});
export const UpdateUserBody = z
  .object({
    name: z.string().min(1).max(64),
    department: z.string().max(100).nullable(),
    roles: z.array(Role).min(1),
    groups: Groups,
    disabled: z.boolean().describe('停用 (true) or 启用 (false); a disabled user is refused on the next request'),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '至少修改一项 (change at least one field)' });

export function usersRoutes(users: UsersService): Router {
  const router = Router();
  router.get('/', requireRole('admin', 'supervisor'), async (req, res) => {
    res.json(await users.list(query(req, ListUsersQuery)));
  });
  router.post('/', requireRole('admin'), async (req, res) => {
    res.status(201).json(await users.create(body(req, CreateUserBody), actorOf(req)));
  });
  router.patch('/:id', requireRole('admin'), async (req, res) => {
    res.json(await users.update(String(req.params.id), body(req, UpdateUserBody), actorOf(req)));
  });
  return router;
}
