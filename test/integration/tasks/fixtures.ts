import type { TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

/** A one-task process whose task carries a form-js form (审批决定). */
export const FORM_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_task_form" targetNamespace="http://haoban.gov.cn/bpmn">
  <bpmn:process id="task-form-check" name="表单校验测试" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
    <bpmn:userTask id="decide" name="审批决定">
      <bpmn:extensionElements>
        <zeebe:formDefinition formKey="approval-decision" />
        <zeebe:assignmentDefinition candidateGroups="approver" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

export interface StartedCase {
  caseId: string;
  openTasks: { taskId: string; elementId: string }[];
}

export async function startCase(
  stack: TestStack,
  processKey = 'general-approval',
  applicant = 'zhangsan',
  variables: Record<string, unknown> = { shopName: '好味面馆' },
): Promise<StartedCase> {
  const res = await stack.http
    .post('/api/cases')
    .set('Authorization', await stack.auth(applicant))
    .send({ processKey, variables });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
  const started = res.body as StartedCase;
  // The start's sync can be served before the first projections are queued: wait for the inbox rows.
  await waitFor(
    async () => ((await stack.db.prisma.task.count({ where: { caseId: started.caseId } })) >= started.openTasks.length ? true : undefined),
    15_000,
    'task rows',
  );
  return started;
}

/** Generous: the stack deploys every bundled definition at start-up, on a shared two-core machine. */
export const STACK_TIMEOUT_MS = 180_000;

export async function deploy(stack: TestStack, xml: string): Promise<void> {
  const res = await stack.http
    .post('/api/definitions')
    .set('Authorization', await stack.auth('admin'))
    .send({ xml });
  if (res.status >= 300) throw new Error(`deploy failed: ${res.status} ${JSON.stringify(res.body)}`);
}
