import { DEPARTMENTS, staffGroupOf } from '../../../activities/catalog/departments';
import type { TestStack } from '../../helpers/stack';

/** `Authorization` for a department's window officer (seeded by the catalogue loader in demo mode). */
export async function deptAuth(stack: TestStack, deptCode: string): Promise<string> {
  const d = DEPARTMENTS.find((x) => x.code === deptCode);
  if (!d) throw new Error(`no department ${deptCode}`);
  const token = await stack.runtime.tokens.issue({
    id: d.staffId,
    name: d.staffName,
    roles: ['window', 'approver'],
    groups: [staffGroupOf(d.code)],
  });
  return `Bearer ${token}`;
}

export interface InboxTask {
  id: string;
  caseId: string;
  elementId: string;
  name: string;
}

/** Open tasks of one event case in a department's inbox. */
export async function deptInbox(stack: TestStack, deptCode: string, eventCaseId: string): Promise<InboxTask[]> {
  const res = await stack.http.get('/api/tasks?mine=1&limit=200').set('Authorization', await deptAuth(stack, deptCode));
  if (res.status !== 200) throw new Error(`inbox ${deptCode}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.items as InboxTask[]).filter((t) => t.caseId.startsWith(eventCaseId));
}

/** 无差别受理: the 综合窗口 accepts every open front-desk task of the cases whose number starts with `prefix`. */
export async function acceptAtFrontDesk(stack: TestStack, prefix: string): Promise<void> {
  const auth = await stack.auth('window1');
  const res = await stack.http.get('/api/tasks').query({ limit: 200 }).set('Authorization', auth);
  if (res.status !== 200) throw new Error(`window inbox: ${res.status} ${JSON.stringify(res.body)}`);
  const tasks = (res.body.items as InboxTask[]).filter((t) => t.elementId === 'front_desk_accept' && t.caseId.startsWith(prefix));
  for (const task of tasks) {
    const done = await stack.http
      .post(`/api/tasks/${task.id}/complete`)
      .set('Authorization', auth)
      .send({ variables: { accepted: true, opinion: '材料齐全，予以受理' } });
    if (done.status !== 200 && done.status !== 409) throw new Error(`accept ${task.id}: ${done.status} ${JSON.stringify(done.body)}`);
  }
}

export const NEWBORN_FORM = {
  babyName: '王小宝',
  babyGender: '男',
  birthDate: '2026-11-20',
  motherName: '李芳',
  motherIdNumber: '61010419950101002X',
  fatherName: '王强',
  fatherIdNumber: '610104199301010031',
  hospital: '西安市第四医院',
  householdAddress: '西安市莲湖区青年路120号',
  contactPhone: '13800000000',
  bankAccount: '6217000000000000001',
};
