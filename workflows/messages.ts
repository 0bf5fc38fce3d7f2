import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseStatus, CompiledProcess, OpenTask, PathEntry, Variables } from './engine/model';

/** Input of a case workflow: the compiled graph travels with the case, so it keeps its version. */
export interface CaseInput {
  caseId: string;
  definitionId: string;
  process: CompiledProcess;
  variables: Variables;
  title: string;
  itemCode?: string;
  applicantId: string;
  startedBy: string;
}

/** Live state of a case as the API returns it (a workflow query). */
export interface CaseView {
  caseId: string;
  definitionId: string;
  processKey: string;
  status: CaseStatus;
  activeElements: string[];
  openTasks: OpenTask[];
  variables: Variables;
  path: PathEntry[];
  failure?: { elementId: string; message: string };
}

export interface CompleteTaskArgs {
  taskId: string;
  actor: Actor;
  variables: Variables;
}

export const caseStateQuery = defineQuery<CaseView>('caseState');
export const completeTaskUpdate = defineUpdate<CaseView, [CompleteTaskArgs]>('completeTask');
/** Waits until the read model has caught up with the workflow, then returns the live state. */
export const syncUpdate = defineUpdate<CaseView>('sync');
