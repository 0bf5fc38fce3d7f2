import type { PrismaClient } from '../../server/data/generated/client';
import type { Variables } from '../../workflows/engine/model';
import type { ApprovalNotices } from './approval-notice';

export interface ServiceTaskContext {
  caseId: string;
  elementId: string;
  variables: Variables;
  prisma: PrismaClient;
  /** 审管联动: opens the 审批信息通报 of an approval decision. */
  approvalNotices: ApprovalNotices;
}

/** A service-task implementation: returns the variables it sets on the case. */
export type ServiceTaskHandler = (ctx: ServiceTaskContext) => Promise<Variables>;

export class UnknownTaskTypeError extends Error {
  constructor(readonly taskType: string) {
    super(`未知的服务任务类型 (unknown service task type) "${taskType}"`);
    this.name = 'UnknownTaskTypeError';
  }
}

/** Thrown by a handler to raise a BPMN error (caught by an error boundary event with this code). */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly variables?: Variables,
  ) {
    super(message ?? `BPMN 错误 (BPMN error) ${code}`);
    this.name = 'BpmnError';
  }
}
