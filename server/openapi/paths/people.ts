import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import {
  AddCommentBody,
  AssignTaskBody,
  DelegateTaskBody,
  ListCommentsQuery,
  PatchTaskBody,
  ResolveTaskBody,
} from '../../routes/tasks.routes';
import { TimelineQuery } from '../../routes/timeline.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleTask } from './examples';

const TaskIdParams = z.object({ id: z.string().describe('任务编号 (task id)') });
const CaseIdParams = z.object({ id: z.string().describe('办件编号 (case id)') });
const task = { ...exampleTask, version: 3, owner: null };
const etag = { ETag: '任务版本，如 "3"；之后的写操作以 If-Match 携带 (task version for If-Match)' };
const stale = {
  412: {
    description: 'If-Match 版本已过期 (stale ETag)',
    example: {
      error: {
        code: 'PRECONDITION_FAILED',
        message: '任务已被他人修改，请刷新后重试 (task changed: version 4, If-Match 3)',
        details: { current: 4 },
      },
    },
  },
};
const taskWrite = (summary: string, extra: Partial<Parameters<typeof routeDocs>[0][number]> = {}) => ({
  tags: ['任务 tasks'],
  access: STAFF_ROLES,
  summary,
  params: TaskIdParams,
  description: '可带 `If-Match: "<version>"`；版本不符返回 412。两人同时操作同一任务，一人成功，另一人得到 409/412。',
  responses: {
    200: { description: '更新后的任务（含新 ETag）', example: task, headers: etag },
    ...errors(400, 401, 403, 404, 409),
    ...stale,
  },
  ...extra,
});

/** People and time: claim, delegate, reassign, comments, ETags; the case timeline. */
export const peopleRouteDocs = routeDocs([
  {
    method: 'patch',
    path: '/api/tasks/:id',
    ...taskWrite('修改任务优先级、办理时限、跟进时间 (set priority, due and follow-up dates)'),
    body: PatchTaskBody,
    bodyExample: { priority: 80, dueAt: '2026-12-01T09:00:00+08:00' },
  },
  { method: 'post', path: '/api/tasks/:id/claim', ...taskWrite('签收任务 (claim)') },
  { method: 'post', path: '/api/tasks/:id/unclaim', ...taskWrite('退回签收 (unclaim)') },
  {
    method: 'post',
    path: '/api/tasks/:id/delegate',
    ...taskWrite('委派给他人办理，办理后回到委派人 (delegate)'),
    body: DelegateTaskBody,
    bodyExample: { to: 'approver1' },
  },
  {
    method: 'post',
    path: '/api/tasks/:id/resolve',
    ...taskWrite('被委派人办结并交回委派人 (resolve a delegated task)'),
    body: ResolveTaskBody,
    bodyExample: { variables: { opinion: '已核实' } },
  },
  {
    method: 'post',
    path: '/api/tasks/:id/assign',
    ...taskWrite('改派（null 为取消指派）(reassign)'),
    body: AssignTaskBody,
    bodyExample: { assignee: 'window1' },
  },
  {
    method: 'get',
    path: '/api/tasks/:id/comments',
    tags: ['任务 tasks'],
    access: STAFF_ROLES,
    summary: '任务批注 (comments)',
    params: TaskIdParams,
    query: ListCommentsQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              id: 'c-01',
              taskId: exampleTask.id,
              caseId: exampleTask.caseId,
              author: 'window1',
              text: '请核对营业执照副本',
              createdAt: '2026-11-28T09:03:00.000Z',
            },
          ],
          total: 1,
        },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/tasks/:id/comments',
    tags: ['任务 tasks'],
    access: STAFF_ROLES,
    summary: '添加批注 (add a comment)',
    params: TaskIdParams,
    body: AddCommentBody,
    bodyExample: { text: '请核对营业执照副本' },
    responses: {
      201: {
        description: '已添加',
        example: {
          id: 'c-01',
          taskId: exampleTask.id,
          caseId: exampleTask.caseId,
          author: 'window1',
          text: '请核对营业执照副本',
          createdAt: '2026-11-28T09:03:00.000Z',
        },
      },
      ...errors(400, 401, 403, 404),
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id/timeline',
    tags: ['办件 cases'],
    access: 'authenticated',
    summary: '办件时间线：谁在何时做了什么 (case timeline)',
    description: '工作人员可见全部办件及变更前后内容；申请人只见本人办件。',
    params: CaseIdParams,
    query: TimelineQuery,
    responses: {
      200: {
        description: '{items,total}，按时间先后',
        example: {
          items: [
            {
              id: '12',
              at: '2026-11-28T09:05:00.000Z',
              action: 'task.completed',
              label: '办理任务',
              actor: 'window1',
              actorName: '王晓窗',
              elementId: 'accept',
              taskId: exampleTask.id,
              name: '受理',
            },
          ],
          total: 1,
        },
      },
      ...errors(401, 404),
    },
  },
]);
