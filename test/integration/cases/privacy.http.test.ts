import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
let caseId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const res = await stack.http
    .post('/api/cases')
    .set('Authorization', await stack.auth('zhangsan'))
    .send({
      processKey: 'general-approval',
      variables: { shopName: '好味面馆', applicantName: '张三', contactPhone: '13812345678', idNumber: '61010419900101123X' },
    });
  expect(res.status).toBe(201);
  caseId = res.body.caseId;
});
afterAll(async () => {
  await stack?.stop();
});

const get = async (path: string, user: string) => stack.http.get(path).set('Authorization', await stack.auth(user));
const reveal = async (body: Record<string, unknown>, user = 'window1') =>
  stack.http
    .post('/api/privacy/reveal')
    .set('Authorization', await stack.auth(user))
    .send(body);

describe('personal data: phone and ID numbers masked for staff, revealed one field at a time with an audit record', () => {
  it('when staff read a case, its list or its timeline, then phone and ID numbers are masked; the applicant sees their own in full', async () => {
    const staff = await get(`/api/cases/${caseId}`, 'window1');
    expect(staff.body.variables).toMatchObject({ contactPhone: '138****5678', idNumber: '610104********123X', applicantName: '张三' });
    const list = await get(`/api/cases?q=13812345678`, 'supervisor1');
    // Found by the full number (the search runs on the server), shown masked.
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(JSON.stringify(list.body)).not.toContain('13812345678');
    const timeline = await get(`/api/cases/${caseId}/timeline`, 'approver1');
    expect(JSON.stringify(timeline.body)).not.toContain('13812345678');
    const own = await get(`/api/cases/${caseId}`, 'zhangsan');
    expect(own.body.variables).toMatchObject({ contactPhone: '13812345678', idNumber: '61010419900101123X' });
  });

  it('when staff reveal one field, then they get it in full and the audit log says who saw which field of which case', async () => {
    const res = await reveal({ subject: 'case', id: caseId, field: 'idNumber' });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe('61010419900101123X');
    const record = await waitFor(() =>
      stack.db.prisma.auditEvent.findFirst({ where: { action: 'privacy.revealed', caseId } }).then((r) => r ?? undefined),
    );
    expect(record).toMatchObject({ actor: 'window1', details: { subject: 'case', id: caseId, field: 'idNumber' } });
    const audit = await get(`/api/audit?caseId=${caseId}`, 'supervisor1');
    expect(audit.body.items.some((e: { action: string }) => e.action === 'privacy.revealed')).toBe(true);
  });

  it('when the field is not a phone or ID number, the case is unknown or the caller is an applicant, then the reveal is refused', async () => {
    const notPersonal = await reveal({ subject: 'case', id: caseId, field: 'shopName' });
    expect(notPersonal.status).toBe(400);
    expect(notPersonal.body.error.details.field).toBe('field');
    const badPath = await reveal({ subject: 'case', id: caseId, field: '../x' });
    expect(badPath.status).toBe(400);
    expect((await reveal({ subject: 'case', id: 'HB20990101-NOPE', field: 'contactPhone' })).status).toBe(404);
    expect((await reveal({ subject: 'case', id: caseId, field: 'contactPhone' }, 'zhangsan')).status).toBe(403);
  });

  it('when window staff list 12345 orders, then the caller number is masked and revealed only on request', async () => {
    const order = await stack.http
      .post('/api/hotline/orders')
      .set('Authorization', await stack.auth('window1'))
      .send({
        orderId: 'PV-001',
        callerPhone: '13900001234',
        callerName: '何女士',
        category: 'consult',
        content: '想咨询新生儿医保参保需要哪些材料',
      });
    expect([200, 201]).toContain(order.status);
    const list = await get('/api/hotline/orders?limit=50', 'window1');
    const row = list.body.items.find((o: { orderId?: string; callerPhone: string }) => o.callerPhone.endsWith('1234'));
    expect(row.callerPhone).toBe('139****1234');
    expect(JSON.stringify(list.body)).not.toContain('13900001234');
    const full = await reveal({ subject: 'hotline', id: row.id, field: 'callerPhone' });
    expect(full.body.value).toBe('13900001234');
  });

  it('when an agent opens a 343 project, then the company phone is masked and revealed for the agent with an audit record', async () => {
    const created = await stack.http
      .post('/api/agency/projects')
      .set('Authorization', await stack.auth('window1'))
      .send({ channel: 'window', title: '隐私测试重点项目', applicant: { name: '西安测试科技有限公司', phone: '02988880009' } });
    expect(created.status).toBe(201);
    const id = created.body.instanceId as string;
    const view = await get(`/api/agency/projects/${id}`, 'agent1');
    expect(view.body.context.applicant.phone).toBe('029****0009');
    const full = await reveal({ subject: 'agency', id, field: 'applicant.phone' }, 'agent1');
    expect(full.body.value).toBe('02988880009');
    expect(await stack.db.prisma.auditEvent.count({ where: { action: 'privacy.revealed', actor: 'agent1' } })).toBe(1);
  });
});
