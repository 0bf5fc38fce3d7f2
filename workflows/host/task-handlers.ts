import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, setHandler, uuid4 } from '@temporalio/workflow';
import { VARIABLES_LIMIT_BYTES, type Actor, type CompiledProcess, type EngineEvent, type EngineState } from '../engine/model';
import { variablesLimitProblem } from '../engine/runtime';
import { completeTaskUpdate, type CaseView } from '../messages';
import {
  addTaskCommentUpdate,
  assignTaskUpdate,
  claimTaskUpdate,
  delegateTaskUpdate,
  resolveTaskUpdate,
  setTaskAttributesUpdate,
  unclaimTaskUpdate,
  type CompleteTaskRequest,
  type StaffTask,
  type TaskUpdateResult,
} from '../task-messages';
import type { ProjectionOp } from '../../activities/projections.activities';
import { projection } from './activities.proxy';
import { reportProjectionFailure } from './projection-guard';
import {
  checkAssign,
  checkClaim,
  checkComment,
  checkComplete,
  checkDelegate,
  checkResolve,
  checkSetAttributes,
  checkUnclaim,
  checkVersion,
  versionOf,
  type Refusal,
} from './task-permissions';

/** What the case workflow lends the task handlers. */
export interface TaskHost {
  process: CompiledProcess;
  state(): EngineState;
  dispatch(event: EngineEvent): void;
  /** Resolves when the read model has caught up with everything dispatched so far. */
  projected(): Promise<void>;
  view(): CaseView;
  now(): string;
  /** Set when the case batches its projections: task changes join the engine's batches. */
  emit?(op: ProjectionOp): void;
}

interface TaskRequest {
  taskId: string;
  actor: Actor;
  expectedVersion?: number;
}

/** The fields of a task change the read model and the audit record carry. */
export interface TaskChange {
  assignee?: string | null;
  owner?: string | null;
  delegationState?: 'pending' | 'resolved' | null;
  priority?: number;
  dueAt?: string | null;
  followUpAt?: string | null;
}

const label = (task: StaffTask) => `任务“${task.name}”`;

function refuse(refusal: Refusal | undefined): void {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.type);
}

/**
 * Human-task updates (办理/认领/委派 …). Validators run before anything is written to history, so a
 * refused request leaves no trace and the HTTP caller gets a clear 4xx at once. Each accepted change
 * bumps the task's version and is projected (task row + audit record) before the update returns, so
 * the caller reads its own write.
 */
export function registerTaskHandlers(host: TaskHost): void {
  const caseId = () => host.state().instanceId;
  const find = (taskId: string) => host.state().openTasks.find((t) => t.taskId === taskId) as StaffTask | undefined;
  const openTask = (req: TaskRequest): StaffTask => {
    const task = find(req.taskId);
    if (!task) throw ApplicationFailure.nonRetryable(`任务 ${req.taskId} 不是待办状态 (task is not open)`, 'TaskNotOpen');
    refuse(checkVersion(task, req.expectedVersion));
    return task;
  };

  // Task projections run one after another, after the engine's, so audit records keep their order.
  let taskProjections: Promise<void> = Promise.resolve();
  const projectInOrder = (make: () => ProjectionOp): Promise<void> => {
    if (host.emit) {
      // Batched with the engine's projections; the batch reports a failure as a projection incident.
      host.emit(make());
      taskProjections = host.projected();
    } else {
      // A failed write becomes a projection incident instead of rejecting every later task change.
      taskProjections = taskProjections
        .then(() => host.projected())
        .then(
          reportProjectionFailure(caseId(), () => {
            const op = make();
            return (projection[op.kind] as (args: unknown) => Promise<void>)(op.args);
          }),
        )
        .then(() => undefined);
    }
    return taskProjections;
  };

  /** Replaces the open task in the engine state with its changed copy (same object slot, new version). */
  const change = async (
    req: TaskRequest,
    action: string,
    next: (task: StaffTask) => StaffTask,
    recorded: (task: StaffTask) => TaskChange,
    details?: unknown,
  ): Promise<TaskUpdateResult> => {
    const tasks = host.state().openTasks;
    const index = tasks.findIndex((t) => t.taskId === req.taskId);
    const before = tasks[index] as StaffTask;
    const version = versionOf(before) + 1;
    const after: StaffTask = { ...next(before), version };
    tasks[index] = after;
    await projectInOrder(() => ({
      kind: 'projectTaskChange',
      args: {
        caseId: caseId(),
        taskId: after.taskId,
        elementId: after.elementId,
        version,
        actor: req.actor.id,
        action,
        change: recorded(after),
        at: host.now(),
        details,
      },
    }));
    return { task: after, version };
  };

  const register = <A extends TaskRequest, R>(
    def: UpdateDefinition<R, [A]>,
    check: (task: StaffTask, args: A) => Refusal | undefined,
    handler: (args: A) => Promise<R>,
  ) => {
    setHandler(def, handler, { validator: (args: A) => refuse(check(openTask(args), args)) });
  };

  // What a delegate handed back is the starting point; the owner's own entries win.
  const completion = (args: CompleteTaskRequest): EngineEvent => ({
    type: 'userTask.complete',
    at: host.now(),
    taskId: args.taskId,
    actor: args.actor,
    variables: { ...find(args.taskId)?.draftVariables, ...args.variables },
  });
  /** Variables that would push the case over its size limit are refused here, not raised as an incident. */
  const checkSize = (task: StaffTask, args: CompleteTaskRequest): undefined => {
    const problem = variablesLimitProblem(host.process, host.state(), completion(args));
    if (!problem) return undefined;
    throw ApplicationFailure.create({
      type: 'VariablesTooLarge',
      nonRetryable: true,
      message: `${label(task)} (${task.elementId}) 的提交数据使案件变量超出上限 (completing this task would exceed the case variables limit of ${VARIABLES_LIMIT_BYTES} bytes): ${problem.message}`,
      details: [{ field: 'variables', taskId: task.taskId, elementId: task.elementId, limit: VARIABLES_LIMIT_BYTES }],
    });
  };

  register(
    completeTaskUpdate,
    (task, args: CompleteTaskRequest) => checkComplete(task, args.actor) ?? checkSize(task, args),
    async (args: CompleteTaskRequest) => {
      host.dispatch(completion(args));
      await host.projected(); // the caller reads its own write in the inbox
      await taskProjections;
      return host.view();
    },
  );

  register(
    claimTaskUpdate,
    (task, args) => checkClaim(task, args.actor),
    (args) =>
      change(
        args,
        'task.claimed',
        (t) => ({ ...t, assignment: { ...t.assignment, assignee: args.actor.id } }),
        (t) => ({ assignee: t.assignment.assignee }),
      ),
  );

  register(
    unclaimTaskUpdate,
    (task, args) => checkUnclaim(task, args.actor),
    (args) =>
      change(
        args,
        'task.unclaimed',
        (t) => ({ ...t, assignment: { ...t.assignment, assignee: undefined }, owner: undefined, delegationState: undefined }),
        () => ({ assignee: null, owner: null, delegationState: null }),
      ),
  );

  register(
    delegateTaskUpdate,
    (task, args) => checkDelegate(task, args.actor, args.to),
    (args) =>
      change(
        args,
        'task.delegated',
        (t) => ({ ...t, owner: t.assignment.assignee, delegationState: 'pending', assignment: { ...t.assignment, assignee: args.to } }),
        (t) => ({ assignee: t.assignment.assignee, owner: t.owner, delegationState: 'pending' }),
      ),
  );

  register(
    resolveTaskUpdate,
    (task, args) => checkResolve(task, args.actor),
    (args) =>
      change(
        args,
        'task.resolved',
        (t) => ({
          ...t,
          assignment: { ...t.assignment, assignee: t.owner },
          delegationState: 'resolved',
          draftVariables: { ...t.draftVariables, ...args.variables },
        }),
        (t) => ({ assignee: t.assignment.assignee, delegationState: 'resolved' }),
        args.variables && Object.keys(args.variables).length ? { variables: args.variables } : undefined,
      ),
  );

  register(
    assignTaskUpdate,
    (task, args) => checkAssign(task, args.actor),
    (args) =>
      change(
        args,
        'task.assigned',
        (t) => ({
          ...t,
          assignment: { ...t.assignment, assignee: args.assignee ?? undefined },
          owner: undefined,
          delegationState: undefined,
        }),
        (t) => ({ assignee: t.assignment.assignee ?? null, owner: null, delegationState: null }),
      ),
  );

  register(
    setTaskAttributesUpdate,
    (task, args) => checkSetAttributes(task, args.actor, args),
    (args) =>
      change(
        args,
        'task.updated',
        (t) => ({
          ...t,
          ...(args.priority !== undefined ? { priority: args.priority } : {}),
          ...(args.dueAt !== undefined ? { dueAt: args.dueAt ?? undefined } : {}),
          ...(args.followUpAt !== undefined ? { followUpAt: args.followUpAt ?? undefined } : {}),
        }),
        () => ({
          ...(args.priority !== undefined ? { priority: args.priority } : {}),
          ...(args.dueAt !== undefined ? { dueAt: args.dueAt } : {}),
          ...(args.followUpAt !== undefined ? { followUpAt: args.followUpAt } : {}),
        }),
      ),
  );

  register(
    addTaskCommentUpdate,
    (task, args) => checkComment(task, args.actor, args.text),
    async (args) => {
      const comment = { id: `C-${uuid4()}`, taskId: args.taskId, author: args.actor.id, text: args.text.trim(), createdAt: host.now() };
      await projectInOrder(() => ({ kind: 'recordTaskComment', args: { caseId: caseId(), ...comment } }));
      return comment;
    },
  );
}
