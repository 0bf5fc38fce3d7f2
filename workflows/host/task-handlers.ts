import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { EngineEvent, EngineState } from '../engine/model';
import { completeTaskUpdate, type CaseView } from '../messages';
import { canWorkTask } from './task-permissions';

/** What the case workflow lends the task handlers. */
export interface TaskHost {
  state(): EngineState;
  dispatch(event: EngineEvent): void;
  /** Resolves when the read model has caught up with everything dispatched so far. */
  projected(): Promise<void>;
  view(): CaseView;
  now(): string;
}

/**
 * Human-task updates (办理/认领/委派 …). Validators run before anything is written to history, so a
 * refused request leaves no trace and the HTTP caller gets a clear 4xx at once.
 */
export function registerTaskHandlers(host: TaskHost): void {
  setHandler(
    completeTaskUpdate,
    async (args) => {
      host.dispatch({ type: 'userTask.complete', at: host.now(), taskId: args.taskId, actor: args.actor, variables: args.variables });
      await host.projected(); // the caller reads its own write in the inbox
      return host.view();
    },
    {
      validator: (args) => {
        const task = host.state().openTasks.find((t) => t.taskId === args.taskId);
        if (!task) throw ApplicationFailure.nonRetryable(`任务 ${args.taskId} 不是待办状态 (task is not open)`, 'TaskNotOpen');
        if (!canWorkTask(task, args.actor)) {
          throw ApplicationFailure.nonRetryable(`用户 ${args.actor.id} 不是任务“${task.name}”的办理人或候选组成员 (not a candidate for this task)`, 'NotCandidate');
        }
      },
    },
  );
}
