import { defineUpdate } from '@temporalio/workflow';
import type { Actor, OpenTask, Variables } from './engine/model';
import type { CompleteTaskArgs } from './messages';

/**
 * Staff-side task updates (认领/退回/委派/归还/转办/属性/意见). Camunda 8 has no delegate/resolve; here
 * a delegate works the task and hands it back to its owner, who completes it.
 */

/** The people-and-time state a task carries in the workflow, on top of what the engine opened. */
export interface StaffTaskState {
  /** Who a delegated task goes back to on resolve (委派人). */
  owner?: string;
  delegationState?: 'pending' | 'resolved';
  /** Bumped on every change; the read model's `version` and the HTTP ETag. Undefined = 1. */
  version?: number;
  /** Variables a delegate handed back on resolve; merged under the owner's on completion. */
  draftVariables?: Variables;
  dueAt?: string;
  followUpAt?: string;
  priority?: number;
}

export type StaffTask = OpenTask & StaffTaskState;

interface TaskRequest {
  taskId: string;
  actor: Actor;
  /** The version the caller last saw (HTTP If-Match); a different current version is refused. */
  expectedVersion?: number;
}

export interface CompleteTaskRequest extends CompleteTaskArgs {
  expectedVersion?: number;
}

export type ClaimTaskArgs = TaskRequest;
export type UnclaimTaskArgs = TaskRequest;
export interface DelegateTaskArgs extends TaskRequest {
  to: string;
}
export interface ResolveTaskArgs extends TaskRequest {
  variables?: Variables;
}
export interface AssignTaskArgs extends TaskRequest {
  /** New assignee, or null to return the task to its candidates. */
  assignee: string | null;
}
export interface SetTaskAttributesArgs extends TaskRequest {
  priority?: number;
  /** ISO instants; null clears. */
  dueAt?: string | null;
  followUpAt?: string | null;
}
export interface AddTaskCommentArgs extends TaskRequest {
  text: string;
}

/** What a task update returns: the task as the workflow now holds it. */
export interface TaskUpdateResult {
  task: StaffTask;
  version: number;
}

export interface TaskCommentResult {
  id: string;
  taskId: string;
  author: string;
  text: string;
  createdAt: string;
}

export const claimTaskUpdate = defineUpdate<TaskUpdateResult, [ClaimTaskArgs]>('claimTask');
export const unclaimTaskUpdate = defineUpdate<TaskUpdateResult, [UnclaimTaskArgs]>('unclaimTask');
export const delegateTaskUpdate = defineUpdate<TaskUpdateResult, [DelegateTaskArgs]>('delegateTask');
export const resolveTaskUpdate = defineUpdate<TaskUpdateResult, [ResolveTaskArgs]>('resolveTask');
export const assignTaskUpdate = defineUpdate<TaskUpdateResult, [AssignTaskArgs]>('assignTask');
export const setTaskAttributesUpdate = defineUpdate<TaskUpdateResult, [SetTaskAttributesArgs]>('setTaskAttributes');
export const addTaskCommentUpdate = defineUpdate<TaskCommentResult, [AddTaskCommentArgs]>('addTaskComment');
