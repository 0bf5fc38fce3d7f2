import { SignJWT } from 'jose';
import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const sign = (claims: { sub: string; exp?: string }) => {
  const jwt = new SignJWT({ name: '伪造', roles: ['admin'], groups: ['admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer('haoban')
    .setIssuedAt();
  if (claims.exp) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(stack.config.jwtSecret));
};

describe('身份随用户表 (identity follows the user table)', () => {
  it('when an admin demotes and then disables an officer, then the token already issued loses the rights on its next request', async () => {
    const admin = await stack.auth('admin');
    expect(
      (
        await stack.http
          .post('/api/users')
          .set('Authorization', admin)
          .send({ id: 'boss2', name: '钱管理', roles: ['admin'], groups: ['admin'] })
      ).status,
    ).toBe(201);
    const issued = await stack.http.post('/api/auth/token').send({ userId: 'boss2' });
    const bearer = `Bearer ${issued.body.token as string}`;
    expect((await stack.http.get('/api/users').set('Authorization', bearer)).status).toBe(200);

    // Same process: the PATCH drops the cached identity, so the very next request sees the new roles.
    expect(
      (
        await stack.http
          .patch('/api/users/boss2')
          .set('Authorization', admin)
          .send({ roles: ['window'], groups: ['window'] })
      ).status,
    ).toBe(200);
    const demoted = await stack.http.get('/api/users').set('Authorization', bearer);
    expect(demoted.status).toBe(403);
    expect((await stack.http.get('/api/tasks').set('Authorization', bearer)).status).toBe(200);

    expect((await stack.http.patch('/api/users/boss2').set('Authorization', admin).send({ disabled: true })).status).toBe(200);
    const refused = await stack.http.get('/api/tasks').set('Authorization', bearer);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'USER_DISABLED', message: expect.stringContaining('账号已停用') });
    const noNewToken = await stack.http.post('/api/auth/token').send({ userId: 'boss2' });
    expect(noNewToken.status).toBe(401);
    expect(noNewToken.body.error.code).toBe('USER_DISABLED');

    expect((await stack.http.patch('/api/users/boss2').set('Authorization', admin).send({ disabled: false })).status).toBe(200);
    expect((await stack.http.get('/api/tasks').set('Authorization', bearer)).status).toBe(200);
  });

  it('when the user table changes behind the API (another process), then the change applies within the few seconds of the cache', async () => {
    const bearer = await stack.auth('supervisor1');
    expect((await stack.http.get('/api/audit').set('Authorization', bearer)).status).toBe(200);
    await stack.db.prisma.user.update({ where: { id: 'supervisor1' }, data: { roles: ['applicant'], groups: [] } });
    try {
      const started = Date.now();
      await waitFor(
        async () => ((await stack.http.get('/api/audit').set('Authorization', bearer)).status === 403 ? true : undefined),
        10_000,
        'demotion applied',
      );
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await stack.db.prisma.user.update({ where: { id: 'supervisor1' }, data: { roles: ['supervisor'], groups: ['supervisor'] } });
    }
  });

  it('when a token is validly signed but has no expiry, or names a user that does not exist, then it is refused with 401', async () => {
    const forever = await sign({ sub: 'admin' });
    const noExp = await stack.http.get('/api/users').set('Authorization', `Bearer ${forever}`);
    expect(noExp.status).toBe(401);
    expect(noExp.body.error.code).toBe('UNAUTHORIZED');

    const ghost = await sign({ sub: 'ghost-admin', exp: '1h' });
    const unknown = await stack.http.get('/api/users').set('Authorization', `Bearer ${ghost}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ code: 'USER_UNKNOWN', message: expect.stringContaining('账号不存在') });

    // The roles claimed in a token count for nothing: the table's roles decide.
    const claimsAdmin = await sign({ sub: 'lisi', exp: '1h' });
    expect((await stack.http.get('/api/users').set('Authorization', `Bearer ${claimsAdmin}`)).status).toBe(403);
  });
});
