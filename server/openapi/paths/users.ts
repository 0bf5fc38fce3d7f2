import { z } from 'zod';
import { CreateUserBody, ListUsersQuery, UpdateUserBody } from '../../routes/users.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';

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

/** 用户与角色: accounts, roles and task groups (admin). */
export const usersRouteDocs = routeDocs([
  {
    method: 'get',
    path: '/api/users',
    tags: ['用户 users'],
    access: ['admin', 'supervisor'],
    summary: '用户列表 (users, filtered by role or text)',
    query: ListUsersQuery,
    responses: { 200: { description: '用户 (users)', example: { items: [exampleUser], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'post',
    path: '/api/users',
    tags: ['用户 users'],
    access: ['admin'],
    summary: '新建用户 (create a user with roles and task groups)',
    body: CreateUserBody,
    bodyExample: { id: 'window2', name: '刘晓窗', department: '区数据和行政审批局', roles: ['window'], groups: ['window'] },
    responses: { 201: { description: '已创建 (created)', example: exampleUser }, ...errors(400, 401, 403, 409) },
  },
  {
    method: 'patch',
    path: '/api/users/:id',
    tags: ['用户 users'],
    access: ['admin'],
    summary: '修改用户的角色、任务组、部门或停用 (change roles, groups, department or disable; applies to issued tokens within seconds)',
    params: UserParams,
    body: UpdateUserBody,
    bodyExample: { roles: ['window', 'approver'], groups: ['window', 'approver'] },
    responses: {
      200: { description: '修改后的用户 (the user after the change)', example: { ...exampleUser, roles: ['window', 'approver'] } },
      ...errors(400, 401, 403, 404),
    },
  },
]);
