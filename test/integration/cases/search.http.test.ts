import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
const started: { caseId: string; applicantName: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  const people = [
    { applicantName: '王小明', idNumber: '61010419900101123X', contactPhone: '13800000001' },
    { applicantName: '王大明', idNumber: '610104198505054321', contactPhone: '13800000002' },
    { applicantName: '李芳', idNumber: '610104197707071111', phone: '13900000003' },
  ];
  for (const variables of people) {
    const res = await stack.http
      .post('/api/cases')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ processKey: 'general-approval', variables: { ...variables, shopName: '好味面馆' } });
    expect(res.status).toBe(201);
    started.push({ caseId: res.body.caseId, applicantName: variables.applicantName });
  }
  await waitFor(async () =>
    (await stack.db.prisma.task.count({ where: { caseId: { in: started.map((s) => s.caseId) } } })) === 3 ? true : undefined,
  );
});
afterAll(async () => {
  await stack?.stop();
});

async function search(path: string, user = 'window1') {
  const res = await stack.http.get(path).set('Authorization', await stack.auth(user));
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; caseId?: string; applicantName?: string }[]; total: number };
}

describe('办件查询: staff find a case by what the citizen quotes', () => {
  it('when staff type the full 办件编号 or its first characters (any case), then 办件查询 finds that case', async () => {
    const { caseId } = started[1];
    const exact = await search(`/api/cases?q=${caseId}`);
    expect(exact.items.map((c) => c.id)).toEqual([caseId]);
    expect(exact.total).toBe(1);
    const prefix = await search(`/api/cases?q=${caseId.slice(0, caseId.length - 2).toLowerCase()}`);
    expect(prefix.items.map((c) => c.id)).toContain(caseId);
  });

  it('when staff type a name prefix, an ID number or a phone number, then the matching cases come back with the applicant by name', async () => {
    const byName = await search(`/api/cases?q=${encodeURIComponent('王')}&limit=10`);
    expect(byName.items.map((c) => c.applicantName).sort()).toEqual(['王大明', '王小明']);
    const byId = await search('/api/cases?q=61010419900101123x');
    expect(byId.items.map((c) => c.id)).toEqual([started[0].caseId]);
    const byPhone = await search('/api/cases?q=13900000003');
    expect(byPhone.items.map((c) => c.id)).toEqual([started[2].caseId]);
    expect(byPhone.items[0].applicantName).toBe('李芳');
  });

  it('when a date range excludes the cases, then nothing is found; a range around today finds them, paginated', async () => {
    const none = await search(`/api/cases?q=${encodeURIComponent('王')}&to=2020-01-01`);
    expect(none).toEqual({ items: [], total: 0 });
    const today = new Date();
    const from = new Date(today.getTime() - 86_400_000).toISOString();
    const page = await search(`/api/cases?q=${encodeURIComponent('王')}&from=${from}&limit=1&offset=1`);
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
  });

  it("when window staff search the inbox by 办件编号, then only that case's task is listed", async () => {
    const { caseId } = started[2];
    const inbox = await search(`/api/tasks?mine=1&q=${caseId}`);
    expect(inbox.items.map((t) => t.caseId)).toEqual([caseId]);
  });

  it('when an applicant searches, then only their own cases can match, and a malformed date is refused with the field named', async () => {
    const other = await search(`/api/cases?q=${started[0].caseId}`, 'lisi');
    expect(other.total).toBe(0);
    const bad = await stack.http.get('/api/cases?from=not-a-date').set('Authorization', await stack.auth('window1'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('from');
  });
});
