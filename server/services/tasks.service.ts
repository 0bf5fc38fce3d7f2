import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { addWorkingDays } from '../../workflows/calendar';
import { districtCalendar, refreshDistrictCalendar } from '../../activities/calendar/registry';
import { dueProvisional } from './deadline-view';
import type { Actor, Variables } from '../../workflows/engine/model';
import { caseStateQuery, completeTaskUpdate, type CaseView } from '../../workflows/messages';
import {
  addTaskCommentUpdate,
  assignTaskUpdate,
  claimTaskUpdate,
  delegateTaskUpdate,
  resolveTaskUpdate,
  setTaskAttributesUpdate,
  unclaimTaskUpdate,
  type CompleteTaskRequest,
} from '../../workflows/task-messages';
import type { AuthenticatedActor } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import type { Prisma, PrismaClient } from '../data/generated/client';
import { badRequest, notFound } from '../errors';
import { isKeyed, keyedUpdateId } from '../idempotency/context';
import { translateUpdateError } from '../temporal/update-errors';
import { createCaseSearch, type CaseSearch } from './case-search';
import { isStaff } from './cases.service';
import { createFormRegistry } from './task-forms';
import { DEPARTMENTS as ITEM_DEPARTMENTS, staffGroupOf } from '../../activities/catalog/departments';
import { notYourDepartment, oversees } from './department-scope';

/** The task groups that address a task to one department's staff (`dept-<code>`). */
const DEPARTMENT_GROUPS = ITEM_DEPARTMENTS.map((d) => staffGroupOf(d.code));
const isDepartmentGroup = (g: string) => g.startsWith('dept-');

/**
 * A task addressed to a department (a `dept-*` candidate group) is listed only to those who may work it —
 * its assignee, candidate users and members of its candidate groups — and to supervisors and admins.
 */
function departmentTaskScope(actor: AuthenticatedActor): Prisma.TaskWhereInput {
  if (oversees(actor)) return {};
  return {
    OR: [
      { assignee: actor.id },
      { candidateUsers: { has: actor.id } },
      ...(actor.groups.length ? [{ candidateGroups: { hasSome: actor.groups } }] : []),
      { NOT: { candidateGroups: { hasSome: DEPARTMENT_GROUPS } } },
    ],
  };
}

function mayListTask(
  actor: AuthenticatedActor,
  task: { assignee: string | null; candidateGroups: string[]; candidateUsers: string[] },
): boolean {
  if (oversees(actor) || !task.candidateGroups.some(isDepartmentGroup)) return true;
  return task.assignee === actor.id || task.candidateUsers.includes(actor.id) || task.candidateGroups.some((g) => actor.groups.includes(g));
}

/** Inbox parameters. No rule fixes "due soon"; two working days is a local default (configurable). */
export const TASK_INBOX_RULES = {
  /** A task is "due soon" when its deadline falls within this many working days from now. */
  dueSoonWorkingDays: 2,
};

export interface TaskListFilter extends Omit<CaseSearch, 'status' | 'applicantId'> {
  mine: boolean;
  status: string;
  caseId?: string;
  processKey?: string;
  assignee?: string;
  owner?: string;
  unassigned?: boolean;
  candidateGroup?: string;
  candidateUser?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  followUpBefore?: Date;
  overdue?: boolean;
  dueSoon?: boolean;
  priorityMin?: number;
  priorityMax?: number;
  sort: 'priority' | 'createdAt' | 'dueAt' | 'followUpAt';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The strong ETag of a task version, and the version an `If-Match` header names. */
export const etagOf = (version: number) => `"${version}"`;
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw badRequest(`If-Match 必须是任务的 ETag (If-Match must be the task's ETag, e.g. "3"): ${header}`, { header: 'If-Match' });
  return Number(match[1]);
}

const actorArg = (actor: AuthenticatedActor): Actor => ({ id: actor.id, roles: actor.roles, groups: actor.groups });

export function createTasksService(deps: { prisma: PrismaClient; temporal: Client; formsDir?: string }) {
  const { prisma, temporal } = deps;
  const caseSearch = createCaseSearch(prisma);
  const forms = createFormRegistry(deps.formsDir ?? path.resolve(__dirname, '../../definitions/forms'));

  /** Account names of a page's applicants (申请人 by name: the form's name where given, else the account's). */
  const userNames = async (ids: string[]): Promise<Map<string, string>> => {
    const users = await prisma.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  };

  const taskRow = async (taskId: string) => {
    const task = await prisma.task.findUnique({
      where: { id: taskId },
      include: { case: { select: { title: true, workflowId: true, applicantId: true, processKey: true } } },
    });
    if (!task) throw notFound('task', taskId);
    return task;
  };

  /** Sends a task update to the case workflow (its validator decides) and returns the projected row. */
  const update = async <A, R>(taskId: string, def: UpdateDefinition<R, [A]>, args: A) => {
    const task = await taskRow(taskId);
    try {
      await temporal.workflow
        .getHandle(task.case.workflowId)
        .executeUpdate(def, { args: [args], updateId: keyedUpdateId(`${def.name}:${taskId}`) });
    } catch (err) {
      translateUpdateError(err);
    }
    return taskRow(taskId);
  };

  const assertStaffUser = async (field: string, userId: string, taskId?: string) => {
    const user = await prisma.user.findUnique({ where: { id: userId } });
    if (!user || user.disabled || !user.roles.some((r) => STAFF_ROLES.includes(r as never))) {
      throw badRequest(`${field} 必须是工作人员 (must be a staff user): ${userId}`, { field, value: userId });
    }
    if (!taskId) return;
    // A department's task goes only to that department's staff (转办/委派 cannot move it out).
    const task = await taskRow(taskId);
    const addressed = task.candidateGroups.filter(isDepartmentGroup);
    if (addressed.length && !addressed.some((g) => user.groups.includes(g))) {
      throw badRequest(
        `${field} 不是本任务所属部门的工作人员 (${userId} is not staff of the department this task is addressed to: ${addressed.join(', ')})`,
        { field, value: userId, candidateGroups: addressed },
      );
    }
  };

  return {
    /** The inbox: open (or completed) tasks by assignee, candidates, dates, priority, case and process. */
    async list(actor: AuthenticatedActor, filter: TaskListFilter) {
      const now = new Date();
      const me = (id: string) => (id === 'me' ? actor.id : id);
      const mine: Prisma.TaskWhereInput = {
        OR: [
          { assignee: actor.id },
          { assignee: null, candidateUsers: { has: actor.id } },
          { assignee: null, candidateGroups: { hasSome: actor.groups } },
          { assignee: null, candidateUsers: { isEmpty: true }, candidateGroups: { isEmpty: true } },
        ],
      };
      const due: Prisma.DateTimeNullableFilter = {};
      if (filter.dueBefore) due.lt = filter.dueBefore;
      if (filter.dueAfter) due.gte = filter.dueAfter;
      if (filter.overdue) due.lt = minDate(due.lt as Date | undefined, now);
      if (filter.dueSoon) {
        due.gte = maxDate(due.gte as Date | undefined, now);
        due.lt = minDate(
          due.lt as Date | undefined,
          new Date(addWorkingDays(now.toISOString(), TASK_INBOX_RULES.dueSoonWorkingDays, { calendar: districtCalendar() })),
        );
      }
      const and: Prisma.TaskWhereInput[] = [
        { status: filter.status },
        departmentTaskScope(actor),
        filter.mine || !isStaff(actor) ? mine : {},
        filter.caseId ? { caseId: filter.caseId } : {},
        filter.processKey ? { case: { processKey: filter.processKey } } : {},
        filter.assignee ? { assignee: me(filter.assignee) } : {},
        filter.owner ? { owner: me(filter.owner) } : {},
        filter.unassigned ? { assignee: null } : {},
        filter.candidateGroup ? { candidateGroups: { has: filter.candidateGroup } } : {},
        filter.candidateUser ? { candidateUsers: { has: me(filter.candidateUser) } } : {},
        Object.keys(due).length ? { dueAt: due } : {},
        filter.followUpBefore ? { followUpAt: { lt: filter.followUpBefore } } : {},
        filter.priorityMin !== undefined || filter.priorityMax !== undefined
          ? { priority: { gte: filter.priorityMin, lte: filter.priorityMax } }
          : {},
      ];
      const search = { q: filter.q, itemCode: filter.itemCode, department: filter.department, from: filter.from, to: filter.to };
      if (caseSearch.hasFilter(search)) and.push({ caseId: { in: await caseSearch.caseIds(search) } });
      const where: Prisma.TaskWhereInput = { AND: and };
      const order = filter.order ?? (filter.sort === 'priority' ? 'desc' : 'asc');
      const orderBy: Prisma.TaskOrderByWithRelationInput[] =
        filter.sort === 'dueAt' || filter.sort === 'followUpAt'
          ? [{ [filter.sort]: { sort: order, nulls: 'last' } }, { createdAt: 'asc' }]
          : [{ [filter.sort]: order }, { createdAt: 'asc' }, { id: 'asc' }];
      const [items, total] = await Promise.all([
        prisma.task.findMany({
          where,
          orderBy,
          take: filter.limit,
          skip: filter.offset,
          include: { case: { select: { title: true, applicantId: true, processKey: true, variables: true } } },
        }),
        prisma.task.count({ where }),
      ]);
      await refreshDistrictCalendar(prisma);
      const names = await userNames(items.map((t) => t.case.applicantId));
      // 暂定: a due date over a year whose holiday notice is not loaded yet may still move.
      return {
        items: items.map((t) => {
          const { variables, ...shown } = t.case;
          const formName = (variables as Record<string, unknown> | null)?.applicantName as string | undefined;
          return {
            ...t,
            case: { ...shown, applicantName: formName ?? names.get(shown.applicantId) ?? shown.applicantId },
            dueProvisional: t.status === 'open' && dueProvisional(t.dueAt, now),
          };
        }),
        total,
      };
    },

    async get(taskId: string, actor?: AuthenticatedActor) {
      const task = await taskRow(taskId);
      if (actor && !mayListTask(actor, task)) throw notYourDepartment(actor, undefined, `任务“${task.name}”`);
      return task;
    },

    /** Completes a task through the case workflow's `completeTask` update, after its form is checked. */
    async complete(taskId: string, actor: AuthenticatedActor, variables: Variables, expectedVersion?: number): Promise<CaseView> {
      const task = await taskRow(taskId);
      forms.assertValid(task.formKey, variables);
      const request: CompleteTaskRequest = { taskId, actor: actorArg(actor), variables, expectedVersion };
      const handle = temporal.workflow.getHandle(task.case.workflowId);
      try {
        return await handle.executeUpdate(completeTaskUpdate, { args: [request], updateId: keyedUpdateId(`complete:${taskId}`) });
      } catch (err) {
        // A keyed retry of a complete whose first attempt took effect (its answer lost to a crash or a
        // timeout) answers as that attempt did: same actor, same variables → the case as it now stands,
        // even if the complete ended the case meanwhile. Without a key a second complete stays 409.
        const refused =
          err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'TaskNotOpen';
        if (
          isKeyed() &&
          (refused ||
            err instanceof WorkflowNotFoundError ||
            /already completed|workflow is closing|update was aborted/i.test(String((err as Error)?.message)))
        ) {
          const now = await prisma.task.findUnique({ where: { id: taskId } });
          if (now?.status === 'completed' && now.completedBy === actor.id && isDeepStrictEqual(now.outcome ?? {}, variables)) {
            return handle.query(caseStateQuery).catch(() => translateUpdateError(err));
          }
        }
        translateUpdateError(err);
      }
    },

    claim: (taskId: string, actor: AuthenticatedActor, expectedVersion?: number) =>
      update(taskId, claimTaskUpdate, { taskId, actor: actorArg(actor), expectedVersion }),
    unclaim: (taskId: string, actor: AuthenticatedActor, expectedVersion?: number) =>
      update(taskId, unclaimTaskUpdate, { taskId, actor: actorArg(actor), expectedVersion }),

    async delegate(taskId: string, actor: AuthenticatedActor, to: string, expectedVersion?: number) {
      await assertStaffUser('to', to, taskId);
      return update(taskId, delegateTaskUpdate, { taskId, actor: actorArg(actor), to, expectedVersion });
    },

    resolve: (taskId: string, actor: AuthenticatedActor, variables: Variables, expectedVersion?: number) =>
      update(taskId, resolveTaskUpdate, { taskId, actor: actorArg(actor), variables, expectedVersion }),

    async assign(taskId: string, actor: AuthenticatedActor, assignee: string | null, expectedVersion?: number) {
      if (assignee !== null) await assertStaffUser('assignee', assignee, taskId);
      return update(taskId, assignTaskUpdate, { taskId, actor: actorArg(actor), assignee, expectedVersion });
    },

    setAttributes: (
      taskId: string,
      actor: AuthenticatedActor,
      change: { priority?: number; dueAt?: string | null; followUpAt?: string | null },
      expectedVersion?: number,
    ) => update(taskId, setTaskAttributesUpdate, { taskId, actor: actorArg(actor), ...change, expectedVersion }),

    async addComment(taskId: string, actor: AuthenticatedActor, text: string) {
      const task = await taskRow(taskId);
      try {
        return await temporal.workflow
          .getHandle(task.case.workflowId)
          .executeUpdate(addTaskCommentUpdate, { args: [{ taskId, actor: actorArg(actor), text }] });
      } catch (err) {
        translateUpdateError(err);
      }
    },

    async comments(taskId: string, page: { limit: number; offset: number }) {
      await taskRow(taskId);
      const where = { taskId };
      const [items, total] = await Promise.all([
        prisma.taskComment.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: page.limit, skip: page.offset }),
        prisma.taskComment.count({ where }),
      ]);
      return { items, total };
    },
  };
}

const minDate = (a: Date | undefined, b: Date) => (a && a < b ? a : b);
const maxDate = (a: Date | undefined, b: Date) => (a && a > b ? a : b);

export type TasksService = ReturnType<typeof createTasksService>;
