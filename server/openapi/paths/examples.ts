/** Shared example payloads, shaped exactly like the live API's answers. */
export const exampleCaseView = {
  caseId: 'HB20261128-7K3QF2',
  definitionId: 'general-approval:1',
  processKey: 'general-approval',
  status: 'running',
  activeElements: ['approve'],
  openTasks: [
    {
      taskId: 'HB20261128-7K3QF2/approve/3',
      tokenId: 't2',
      elementId: 'approve',
      name: '审批',
      assignment: { candidateGroups: ['approver'], candidateUsers: [] },
      createdAt: '2026-11-28T09:05:00.000Z',
      dueAt: '2026-12-03T09:05:00.000Z',
    },
  ],
  variables: { shopName: '好味面馆', accepted: true },
  path: [
    { elementId: 'submitted', type: 'startEvent', at: '2026-11-28T09:00:00.000Z', left: '2026-11-28T09:00:00.000Z' },
    {
      elementId: 'accept',
      type: 'userTask',
      at: '2026-11-28T09:00:00.000Z',
      via: 'flow_to_accept',
      actor: 'window1',
      left: '2026-11-28T09:05:00.000Z',
    },
    {
      elementId: 'accepted_gateway',
      type: 'exclusiveGateway',
      at: '2026-11-28T09:05:00.000Z',
      via: 'flow_to_check',
      left: '2026-11-28T09:05:00.000Z',
    },
    { elementId: 'approve', type: 'userTask', at: '2026-11-28T09:05:00.000Z', via: 'flow_accepted' },
  ],
};

export const exampleCaseDetail = {
  ...exampleCaseView,
  title: '一般审批事项',
  applicantId: 'zhangsan',
  startedAt: '2026-11-28T09:00:00.000Z',
  endedAt: null,
  result: null,
};

export const exampleCaseRow = {
  id: 'HB20261128-7K3QF2',
  workflowId: 'case-HB20261128-7K3QF2',
  definitionId: 'general-approval:1',
  processKey: 'general-approval',
  itemCode: null,
  title: '一般审批事项',
  applicantId: 'zhangsan',
  status: 'running',
  variables: { shopName: '好味面馆' },
  startedAt: '2026-11-28T09:00:00.000Z',
  endedAt: null,
  result: null,
};

export const exampleTask = {
  id: 'HB20261128-7K3QF2/accept/1',
  caseId: 'HB20261128-7K3QF2',
  elementId: 'accept',
  name: '受理',
  status: 'open',
  assignee: null,
  candidateGroups: ['window'],
  candidateUsers: [],
  priority: 50,
  dueAt: '2026-11-29T09:00:00.000Z',
  followUpAt: null,
  formKey: null,
  createdAt: '2026-11-28T09:00:00.000Z',
  completedAt: null,
  completedBy: null,
  outcome: null,
  case: { title: '一般审批事项', applicantId: 'zhangsan', processKey: 'general-approval' },
};

export const exampleDefinition = {
  id: 'general-approval:1',
  key: 'general-approval',
  version: 1,
  hash: '3f9a6c1e0b…',
  name: '一般审批事项',
  deployedAt: '2026-11-28T08:00:00.000Z',
  deployedBy: 'system',
};

export const exampleBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://haoban.gov.cn/bpmn">
  <bpmn:process id="simple" name="简单流程" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
