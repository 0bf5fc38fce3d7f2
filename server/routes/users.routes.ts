import type { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate';
import { ROLES } from '../auth/roles';
import { errors } from '../openapi/conventions';
import type { UsersService } from '../services/users.service';
import { Page } from './cases.routes';
import { mountArea, routeArea, routeFor } from './route';

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

const UserParams = z.object({ id: z.string().describe('账号 (user id)') });
const exampleUser = {
  id: 'window2',
  name: '刘晓窗',
  department: '区数据和行政审批局',
  roles: ['window'],
  groups: ['window'],
  createdAt: '2026-11-28T09:00:00.000Z',
  disabled: false,
};

const route = routeFor<UsersService>();

/** 用户与角色: accounts, roles and task groups (admin). */
export const usersArea = routeArea(
  '/api/users',
  ['用户 users'],
  [
    route({
      method: 'get',
      path: '/',
      roles: ['admin', 'supervisor'],
      schemas: { query: ListUsersQuery },
      summary: '用户列表 (users, filtered by role or text)',
      responses: { 200: { description: '用户 (users)', example: { items: [exampleUser], total: 1 } }, ...errors(400, 401, 403) },
      handler: async (users, { query }, _req, res) => {
        res.json(await users.list(query));
      },
    }),
    route({
      method: 'post',
      path: '/',
      roles: ['admin'],
      schemas: { body: CreateUserBody },
      summary: '新建用户 (create a user with roles and task groups)',
      bodyExample: { id: 'window2', name: '刘晓窗', department: '区数据和行政审批局', roles: ['window'], groups: ['window'] },
      responses: { 201: { description: '已创建 (created)', example: exampleUser }, ...errors(400, 401, 403, 409) },
      handler: async (users, { body }, req, res) => {
        res.status(201).json(await users.create(body, actorOf(req)));
      },
    }),
    route({
      method: 'patch',
      path: '/:id',
      roles: ['admin'],
      schemas: { params: UserParams, body: UpdateUserBody },
      summary: '修改用户的角色、任务组、部门或停用 (change roles, groups, department or disable; applies to issued tokens within seconds)',
      bodyExample: { roles: ['window', 'approver'], groups: ['window', 'approver'] },
      responses: {
        200: { description: '修改后的用户 (the user after the change)', example: { ...exampleUser, roles: ['window', 'approver'] } },
        ...errors(400, 401, 403, 404),
      },
      handler: async (users, { params, body }, req, res) => {
        res.json(await users.update(params.id, body, actorOf(req)));
      },
    }),
  ],
);

export function usersRoutes(users: UsersService): Router {
  return mountArea(usersArea, users);
}
