import { startTestStack, type TestStack } from '../../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/audit', () => {
  test('when a supervisor filters by case, then only that case’s records come back, newest first, with a total', async () => {
    const applicant = await stack.auth('zhangsan');
    const a = await stack.http
      .post('/api/cases')
      .set('authorization', applicant)
      .send({ processKey: 'general-approval', variables: { shopName: '甲' } })
      .expect(201);
    await stack.http
      .post('/api/cases')
      .set('authorization', applicant)
      .send({ processKey: 'general-approval', variables: { shopName: '乙' } })
      .expect(201);
    const res = await stack.http
      .get('/api/audit')
      .query({ caseId: a.body.caseId })
      .set('authorization', await stack.auth('supervisor1'))
      .expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items.every((e: { caseId: string }) => e.caseId === a.body.caseId)).toBe(true);
    const times = res.body.items.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(typeof res.body.items[0].id).toBe('string');
  });

  test('when paging with limit and offset, then pages do not overlap and the total is the full count', async () => {
    const admin = await stack.auth('admin');
    const all = await stack.http.get('/api/audit').query({ limit: 200 }).set('authorization', admin).expect(200);
    const p1 = await stack.http.get('/api/audit').query({ limit: 1, offset: 0, sort: 'at' }).set('authorization', admin).expect(200);
    const p2 = await stack.http.get('/api/audit').query({ limit: 1, offset: 1, sort: 'at' }).set('authorization', admin).expect(200);
    expect(p1.body.total).toBe(all.body.total);
    expect(p1.body.items[0].id).not.toBe(p2.body.items[0].id);
  });

  test('when filtering by an action prefix and a period, then only matching records in the period are returned', async () => {
    const sup = await stack.auth('supervisor1');
    const res = await stack.http
      .get('/api/audit')
      .query({ action: 'definition.', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })
      .set('authorization', sup)
      .expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { action: string }) => e.action.startsWith('definition.'))).toBe(true);
    const none = await stack.http
      .get('/api/audit')
      .query({ from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' })
      .set('authorization', sup)
      .expect(200);
    expect(none.body).toEqual({ items: [], total: 0 });
  });

  test('when an applicant or window staff asks, then 403; when the period is not a date, then 400', async () => {
    await stack.http
      .get('/api/audit')
      .set('authorization', await stack.auth('zhangsan'))
      .expect(403);
    await stack.http
      .get('/api/audit')
      .set('authorization', await stack.auth('window1'))
      .expect(403);
    const bad = await stack.http
      .get('/api/audit')
      .query({ from: 'yesterday' })
      .set('authorization', await stack.auth('admin'))
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
