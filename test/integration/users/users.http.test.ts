import { startTestStack, type TestStack } from '../../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('用户与角色 (users and roles)', () => {
  it('when an admin creates a window clerk and then adds the approver role, then the new roles apply to tokens issued afterwards and both changes are audited', async () => {
    const admin = await stack.auth('admin');
    const created = await stack.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ id: 'window2', name: '刘晓窗', department: '区数据和行政审批局', roles: ['window'], groups: ['window'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'window2', roles: ['window'] });

    const token = await stack.http.post('/api/auth/token').send({ userId: 'window2' });
    expect(token.body.user.roles).toEqual(['window']);

    const changed = await stack.http
      .patch('/api/users/window2')
      .set('Authorization', admin)
      .send({ roles: ['window', 'approver'], groups: ['window', 'approver'] });
    expect(changed.status).toBe(200);
    const fresh = await stack.http.post('/api/auth/token').send({ userId: 'window2' });
    expect(fresh.body.user.roles).toEqual(['window', 'approver']);

    const listed = await stack.http.get('/api/users').query({ role: 'approver' }).set('Authorization', admin);
    expect(listed.body.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(['approver1', 'window2']));
    const audit = await stack.db.prisma.auditEvent.findMany({ where: { action: { startsWith: 'user.' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.action}:${a.actor}`)).toEqual(['user.created:admin', 'user.updated:admin']);
  });

  it('when the input is bad or the caller is not an admin, then 400/403/404/409 and nothing changes', async () => {
    const admin = await stack.auth('admin');
    const bad = await stack.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ id: 'Bad Id', name: '', roles: ['king'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['id', 'name', 'roles.0']));
    expect(
      (
        await stack.http
          .post('/api/users')
          .set('Authorization', admin)
          .send({ id: 'window1', name: '重复', roles: ['window'] })
      ).status,
    ).toBe(409);
    expect(
      (
        await stack.http
          .patch('/api/users/nobody')
          .set('Authorization', admin)
          .send({ roles: ['window'] })
      ).status,
    ).toBe(404);
    expect(
      (
        await stack.http
          .patch('/api/users/window1')
          .set('Authorization', await stack.auth('supervisor1'))
          .send({ roles: ['admin'] })
      ).status,
    ).toBe(403);
    expect((await stack.http.get('/api/users').set('Authorization', await stack.auth('window1'))).status).toBe(403);
    const unchanged = await stack.db.prisma.user.findUniqueOrThrow({ where: { id: 'window1' } });
    expect(unchanged.roles).toEqual(['window']);
  });
});
