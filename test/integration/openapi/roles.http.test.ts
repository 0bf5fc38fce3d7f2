import { ROLES, type Role } from '../../../server/auth/roles';
import { startTestStack, type TestStack } from '../../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** One demo user per role (each holds that role alone). */
const USER_OF: Record<Role, string> = {
  applicant: 'zhangsan',
  window: 'window1',
  approver: 'approver1',
  agent: 'agent1',
  supervisor: 'supervisor1',
  admin: 'admin',
};

type Access = Role[] | 'public' | 'authenticated';
type Doc = { paths: Record<string, Record<string, { 'x-roles': Access }>> };
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `/api/cases/{id}` with every parameter filled by a value no record has. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'none-0');

async function call(method: Method, path: string, userId?: string): Promise<number> {
  let req = stack.http[method](concrete(path));
  if (userId) req = req.set('authorization', await stack.auth(userId));
  if (method !== 'get' && method !== 'delete') req = req.send({});
  return (await req).status;
}

describe('documented roles are the enforced roles', () => {
  test('when each documented route is called by every role, then exactly the roles it lists get past the role check', async () => {
    const doc = (await stack.http.get('/api/openapi.json').expect(200)).body as Doc;
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method as Method, path, access: op['x-roles'] })),
    );
    expect(routes.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const { method, path, access } of routes) {
      const name = `${method.toUpperCase()} ${path}`;
      if (access === 'public') {
        const status = await call(method, path);
        if (status === 401 || status === 403) wrong.push(`${name} is documented public, answered ${status} without a token`);
        continue;
      }
      const noToken = await call(method, path);
      if (noToken !== 401) wrong.push(`${name} answered ${noToken} without a token (401 expected)`);
      const allowed = access === 'authenticated' ? ROLES : access;
      for (const role of ROLES) {
        const status = await call(method, path, USER_OF[role]);
        if (allowed.includes(role) && status === 403) wrong.push(`${name} refused ${role}, which it documents as allowed`);
        if (!allowed.includes(role) && status !== 403)
          wrong.push(`${name} answered ${status} to ${role}, which it does not document (403 expected)`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
