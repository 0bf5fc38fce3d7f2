import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError, badRequest, conflict, forbidden } from '../errors';

/** Maps an update validator's refusal (ApplicationFailure type) to the HTTP error the caller sees. */
const STATUS_BY_TYPE: Record<string, (message: string, details?: unknown[]) => AppError> = {
  TaskNotOpen: (m) => conflict(m),
  NotCandidate: (m) => forbidden(m),
  CaseNotRunning: (m) => conflict(m),
  // Staff task changes (认领/委派/转办/属性).
  TaskAlreadyClaimed: (m) => conflict(m),
  DelegationPending: (m) => conflict(m),
  NotDelegated: (m) => conflict(m),
  VersionConflict: (m) => new AppError(409, 'VERSION_CONFLICT', m),
  NotPermitted: (m) => forbidden(m),
  InvalidTaskChange: (m) => badRequest(m),
  // Engine: task variables that would push the case over its size limit (nothing is written).
  VariablesTooLarge: (m, d) => new AppError(400, 'VARIABLES_TOO_LARGE', m, d?.[0]),
  InvalidMessage: (m) => badRequest(m),
};

export function translateUpdateError(err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const make = STATUS_BY_TYPE[err.cause.type ?? ''];
    if (make) throw make(err.cause.message, err.cause.details as unknown[] | undefined);
    throw new AppError(422, err.cause.type ?? 'UPDATE_REJECTED', err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError || closedWhileInFlight(err))
    throw conflict('案件流程已结束 (the case workflow is no longer running)');
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    throw conflict('案件状态已变化，请刷新后重试 (the case changed while the request was in flight)');
  throw err;
}

/** The workflow closed between our read of the task and the update reaching it (a race, not a fault). */
function closedWhileInFlight(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ''} ${(err as { cause?: Error })?.cause?.message ?? ''}`;
  return /workflow execution already completed|workflow update was aborted|workflow is closing/i.test(text);
}
