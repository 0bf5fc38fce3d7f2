import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const post = async (path: string, body: object, user: string) =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);

async function decide(variables: Record<string, unknown>, decision: 'approved' | 'rejected'): Promise<string> {
  const started = await post('/api/cases', { processKey: 'general-approval', variables }, 'zhangsan');
  expect(started.status).toBe(201);
  const caseId = started.body.caseId as string;
  const accepted = await post(`/api/tasks/${started.body.openTasks[0].taskId}/complete`, { variables: { accepted: true } }, 'window1');
  expect(accepted.status).toBe(200);
  const decided = await post(
    `/api/tasks/${accepted.body.openTasks[0].taskId}/complete`,
    { variables: { decision, opinion: '审查意见' } },
    'approver1',
  );
  expect(decided.status).toBe(200);
  await waitFor(
    async () => ((await stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined),
    30_000,
    'case completed',
  );
  return caseId;
}

describe('审批信息通报 at decision time', () => {
  it('when an approval is decided on a case with a supervising department, then the notice is pushed to that department without anyone calling the linkage API', async () => {
    const caseId = await decide({ shopName: '好味面馆', supervisingDepartment: 'scjgj' }, 'approved');
    const notice = await stack.db.prisma.machineInstance.findUniqueOrThrow({ where: { id: `TB-${caseId}` } });
    expect(notice.kind).toBe('linkage.notice');
    expect(notice.department).toBe('scjgj');
    expect(notice.context).toMatchObject({ caseId, decision: 'approved', department: 'scjgj' });
    const view = await stack.http.get(`/api/linkage/instances/TB-${caseId}`).set('Authorization', await stack.auth('supervisor1'));
    expect(view.status).toBe(200);
    const c = await stack.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect((c.variables as Record<string, unknown>).linkageNotice).toBe(`TB-${caseId}`);
  });

  it('when the decision is a refusal, or no supervising department is known, then nothing is pushed', async () => {
    const refused = await decide({ supervisingDepartment: 'scjgj' }, 'rejected');
    const unnamed = await decide({ shopName: '无主管部门' }, 'approved');
    expect(await stack.db.prisma.machineInstance.findUnique({ where: { id: `TB-${refused}` } })).toBeNull();
    expect(await stack.db.prisma.machineInstance.findUnique({ where: { id: `TB-${unnamed}` } })).toBeNull();
  });
});
