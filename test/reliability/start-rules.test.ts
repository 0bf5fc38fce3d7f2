import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compileProcess } from '../../activities/bpmn/compile-process';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const PROCESSES = path.join(__dirname, '../../definitions/processes');

describe('启动规则不可绕过 (start rules cannot be bypassed)', () => {
  it('every shipped process declares who may start it and through which service', async () => {
    for (const file of readdirSync(PROCESSES).filter((f) => f.endsWith('.bpmn'))) {
      const compiled = await compileProcess(readFileSync(path.join(PROCESSES, file), 'utf8'));
      if (!compiled.ok) throw new Error(`${file}: ${JSON.stringify(compiled.problems)}`);
      expect({ file, start: compiled.process.start }).toEqual({
        file,
        start: { startableBy: expect.any(Array), startVia: expect.arrayContaining([expect.any(String)]) },
      });
      if (file.startsWith('mode-'))
        expect({ file, via: compiled.process.start?.startVia }).toEqual({
          file,
          via: [file === 'mode-rectification.bpmn' ? 'internal' : 'handling'],
        });
    }
  });

  it('when an applicant refused 告知承诺 for a false commitment starts mode-commitment with POST /api/cases, then 403 names the rule and no case is created', async () => {
    const supervisor = await stack.auth('supervisor1');
    expect(
      (
        await stack.http
          .post('/api/handling/credit-records')
          .set('Authorization', supervisor)
          .send({ subjectId: 'lisi', kind: 'false-commitment', reason: '虚假承诺' })
      ).status,
    ).toBe(201);
    const lisi = await stack.auth('lisi');
    const viaHandling = await stack.http
      .post('/api/handling/applications')
      .set('Authorization', lisi)
      .send({ mode: 'commitment', commitment: { accepted: true }, variables: {} });
    expect(viaHandling.status).toBe(409);

    const before = await stack.db.prisma.case.count();
    for (const processKey of [
      'mode-commitment',
      'mode-deferred',
      'mode-rectification',
      'mode-standard',
      'mode-immediate',
      'mode-promised',
      'mode-integrated',
    ]) {
      for (const user of ['lisi', 'window1', 'admin']) {
        const direct = await stack.http
          .post('/api/cases')
          .set('Authorization', await stack.auth(user))
          .send({ processKey, applicantId: 'lisi', variables: { commitment: true } });
        expect({ processKey, user, status: direct.status, code: direct.body.error?.code }).toEqual({
          processKey,
          user,
          status: 403,
          code: 'START_NOT_ALLOWED',
        });
        expect(direct.body.error.details).toMatchObject({ processKey, via: 'api' });
      }
    }
    expect(await stack.db.prisma.case.count()).toBe(before);
  });

  it('when the handling service or an allowed role starts a process, then it still works; a role outside startableBy is refused', async () => {
    const zhangsan = await stack.auth('zhangsan');
    const viaHandling = await stack.http
      .post('/api/handling/applications')
      .set('Authorization', zhangsan)
      .send({ mode: 'commitment', commitment: { accepted: true, signedBy: '张三' }, variables: { deliveryMethod: 'pickup' } });
    expect(viaHandling.status).toBe(201);
    const general = await stack.http
      .post('/api/cases')
      .set('Authorization', zhangsan)
      .send({ processKey: 'general-approval', variables: { shopName: '好味面馆' } });
    expect(general.status).toBe(201);
    const bySupervisor = await stack.http
      .post('/api/cases')
      .set('Authorization', await stack.auth('supervisor1'))
      .send({ processKey: 'general-approval', applicantId: 'zhangsan', variables: {} });
    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.error.message).toContain('只能由申请人、窗口人员、代办员发起');
  });

  it('when an admin deploys a process with an unknown role or channel in its start rule, then the deploy is refused naming the process', async () => {
    const xml = readFileSync(path.join(PROCESSES, 'general-approval.bpmn'), 'utf8')
      .replace('id="general-approval"', 'id="start-rule-typo"')
      .replace('value="applicant,window,agent"', 'value="applicant,king"')
      .replace('value="api,events,prereview,agency"', 'value="api,backdoor"');
    const res = await stack.http
      .post('/api/definitions')
      .set('Authorization', await stack.auth('admin'))
      .set('content-type', 'application/xml')
      .send(xml);
    expect(res.status).toBe(400);
    const problems = JSON.stringify(res.body.error.details);
    expect(problems).toContain('start-rule-typo');
    expect(problems).toContain('king');
    expect(problems).toContain('backdoor');
  });
});
