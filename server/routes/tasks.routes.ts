import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import { etagOf, versionFromIfMatch, type TasksService } from '../services/tasks.service';
import { CaseSearchQuery, Page, Variables } from './cases.routes';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');
const instant = z.iso.datetime({ offset: true });
const UserId = z.string().min(1).max(64);

export const ListTasksQuery = z.object({
  mine: flag,
  caseId: z.string().optional(),
  processKey: z.string().optional(),
  status: z.enum(['open', 'completed']).default('open'),
  /** A user id, or `me`. */
  assignee: UserId.optional(),
  /** Tasks the user delegated (委派人), or `me`. */
  owner: UserId.optional(),
  unassigned: flag,
  candidateGroup: z.string().optional(),
  candidateUser: UserId.optional(),
  dueBefore: z.coerce.date().optional(),
  dueAfter: z.coerce.date().optional(),
  followUpBefore: z.coerce.date().optional(),
  overdue: flag,
  dueSoon: flag,
  priorityMin: z.coerce.number().int().min(0).max(100).optional(),
  priorityMax: z.coerce.number().int().min(0).max(100).optional(),
  sort: z.enum(['priority', 'createdAt', 'dueAt', 'followUpAt']).default('priority'),
  order: z.enum(['asc', 'desc']).optional(),
  ...CaseSearchQuery,
  ...Page,
});

export const CompleteTaskBody = z.object({ variables: Variables.default({}) });
export const DelegateTaskBody = z.object({ to: UserId });
export const ResolveTaskBody = z.object({ variables: Variables.default({}) });
export const AssignTaskBody = z.object({ assignee: UserId.nullable() });
export const PatchTaskBody = z
  .object({
    priority: z.number().int().min(0).max(100).optional(),
    dueAt: instant.nullable().optional(),
    followUpAt: instant.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '至少修改一项 (change at least one of priority, dueAt, followUpAt)' });
export const AddCommentBody = z.object({ text: z.string().trim().min(1).max(2000) });
export const ListCommentsQuery = z.object({ ...Page });

/** Sends a task row with its version as the ETag. */
function sendTask(res: Response, task: { version: number }, status = 200) {
  res.status(status).set('ETag', etagOf(task.version)).json(task);
}

const ifMatch = (req: Request) => versionFromIfMatch(req.get('if-match'));

export function tasksRoutes(tasks: TasksService): Router {
  const router = Router();
  router.use(requireRole(...STAFF_ROLES));
  router.get('/', async (req, res) => {
    res.json(await tasks.list(actorOf(req), query(req, ListTasksQuery)));
  });
  router.get('/:id', async (req, res) => {
    sendTask(res, await tasks.get(req.params.id, actorOf(req)));
  });
  router.patch('/:id', async (req, res) => {
    sendTask(res, await tasks.setAttributes(req.params.id, actorOf(req), body(req, PatchTaskBody), ifMatch(req)));
  });
  router.post('/:id/complete', async (req, res) => {
    const { variables } = body(req, CompleteTaskBody);
    res.json(await tasks.complete(req.params.id, actorOf(req), variables, ifMatch(req)));
  });
  router.post('/:id/claim', async (req, res) => {
    sendTask(res, await tasks.claim(req.params.id, actorOf(req), ifMatch(req)));
  });
  router.post('/:id/unclaim', async (req, res) => {
    sendTask(res, await tasks.unclaim(req.params.id, actorOf(req), ifMatch(req)));
  });
  router.post('/:id/delegate', async (req, res) => {
    sendTask(res, await tasks.delegate(req.params.id, actorOf(req), body(req, DelegateTaskBody).to, ifMatch(req)));
  });
  router.post('/:id/resolve', async (req, res) => {
    sendTask(res, await tasks.resolve(req.params.id, actorOf(req), body(req, ResolveTaskBody).variables, ifMatch(req)));
  });
  router.post('/:id/assign', async (req, res) => {
    sendTask(res, await tasks.assign(req.params.id, actorOf(req), body(req, AssignTaskBody).assignee, ifMatch(req)));
  });
  router.get('/:id/comments', async (req, res) => {
    res.json(await tasks.comments(req.params.id, query(req, ListCommentsQuery)));
  });
  router.post('/:id/comments', async (req, res) => {
    res.status(201).json(await tasks.addComment(req.params.id, actorOf(req), body(req, AddCommentBody).text));
  });
  return router;
}
