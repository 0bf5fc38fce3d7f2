import { Client, Connection } from '@temporalio/client';
import { completeTaskUpdate } from '../../workflows/messages';
import { addTaskCommentUpdate } from '../../workflows/task-messages';
import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

// NUL (U+0000) and lone surrogates: PostgreSQL stores neither, so they must stop at the edge.
const NUL = 'a\u0000b';
const LONE = 'x\uD800y';

let stack: TestStack;
let connection: Connection;
beforeAll(async () => {
  stack = await startTestStack();
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
}, 180_000);
afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const json = (s: unknown) => JSON.stringify(s);

async function startCase(variables: Record<string, unknown> = { shopName: '好味面馆' }) {
  const res = await stack.http
    .post('/api/cases')
    .set('Authorization', await stack.auth('zhangsan'))
    .send({ processKey: 'general-approval', variables });
  expect(res.status).toBe(201);
  return res.body as { caseId: string; openTasks: { taskId: string; elementId: string }[] };
}

function expectField(res: { status: number; body: { error: { code: string; details: { path: string }[] } } }, path: string) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details[0].path).toBe(path);
}

describe('a bad string never reaches a write: 400 naming the field', () => {
  it('when case variables, a title-like field or a key hold NUL or a lone surrogate, then POST /api/cases answers 400 and starts nothing', async () => {
    const before = await stack.db.prisma.case.count();
    const auth = await stack.auth('zhangsan');
    // Raw bodies: JSON.stringify would escape a lone surrogate, JSON.parse restores it on the server.
    const post = (body: string) =>
      stack.http.post('/api/cases').set('Authorization', auth).set('content-type', 'application/json').send(body);
    expectField(await post(json({ processKey: 'general-approval', variables: { shopName: NUL } })), 'body.variables.shopName');
    expectField(await post(`{"processKey":"general-approval","variables":{"shopName":"\\ud800"}}`), 'body.variables.shopName');
    expectField(
      await post(json({ processKey: 'general-approval', variables: { list: ['ok', { deep: LONE }] } })),
      'body.variables.list[1].deep',
    );
    expectField(await post(`{"processKey":"general-approval","variables":{"a\\u0000":1}}`), 'body.variables.a\u0000');
    expect(await stack.db.prisma.case.count()).toBe(before);
  });

  it('when a task completion, a comment or a 办不成事 record carries NUL, then 400 names the field and the case still moves on', async () => {
    const started = await startCase();
    const taskId = started.openTasks[0].taskId;
    const window = await stack.auth('window1');
    expectField(
      await stack.http
        .post(`/api/tasks/${taskId}/complete`)
        .set('Authorization', window)
        .send({ variables: { accepted: true, note: NUL } }),
      'body.variables.note',
    );
    expectField(await stack.http.post(`/api/tasks/${taskId}/comments`).set('Authorization', window).send({ text: NUL }), 'body.text');
    expectField(await stack.http.post('/api/fallback/records').set('Authorization', window).send({ title: NUL }), 'body.title');
    const done = await stack.http
      .post(`/api/tasks/${taskId}/complete`)
      .set('Authorization', window)
      .send({ variables: { accepted: true } });
    expect(done.status).toBe(200);
    expect(done.body.activeElements).toEqual(['approve']);
  });

  it('when a path id or a query value holds NUL or a malformed escape, then 400 instead of 500', async () => {
    const auth = await stack.auth('supervisor1');
    expectField(await stack.http.get('/api/cases/a%00b').set('Authorization', auth), 'path a%00b');
    expectField(await stack.http.get('/api/cases/a%E0%A4%A').set('Authorization', auth), 'path a%E0%A4%A');
    expectField(await stack.http.get('/api/cases?q=a%00b').set('Authorization', auth), 'query.q');
    expectField(await stack.http.get('/api/hotline/orders/12345-%ED%A0%80').set('Authorization', auth), 'path 12345-%ED%A0%80');
  });

  it('when the public token route gets userId "admin\\u0000", then 400 names userId', async () => {
    expectField(await stack.http.post('/api/auth/token').send({ userId: 'admin\u0000' }), 'body.userId');
  });

  it('when variables nest 5,000 deep or exceed the size limit, then 400 names variables; an oversize body is 413', async () => {
    const auth = await stack.auth('zhangsan');
    const deep = `{"processKey":"general-approval","variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const res = await stack.http.post('/api/cases').set('Authorization', auth).set('content-type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/^body\.variables\.x/);
    const big = await stack.http
      .post('/api/cases')
      .set('Authorization', auth)
      .send({ processKey: 'general-approval', variables: { blob: 'x'.repeat(300_000) } });
    expectField(big, 'body.variables');
    // Between the engine's 128 KiB and the edge's 256 KiB the engine answers, naming variables.
    const over = await stack.http
      .post('/api/cases')
      .set('Authorization', auth)
      .send({ processKey: 'general-approval', variables: { blob: 'x'.repeat(140_000) } });
    expect(over.status).toBe(400);
    expect(over.body.error.details.field).toBe('variables');
    const huge = await stack.http
      .post('/api/cases')
      .set('Authorization', auth)
      .send({ processKey: 'general-approval', variables: { blob: 'x'.repeat(2_000_000) } });
    expect(huge.status).toBe(413);
    expect((await stack.http.get('/healthz')).status).toBe(200);
  });

  it('when a multipart upload carries NUL in a field value, then 400 names the field', async () => {
    const started = await startCase();
    const res = await stack.http
      .post(`/api/cases/${started.caseId}/materials`)
      .set('Authorization', await stack.auth('zhangsan'))
      .field('code', NUL)
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'a.pdf');
    expectField(res, 'body.code');
  });
});

describe('a projection that cannot be written raises an incident and marks the case diverged', () => {
  it('when a completion bypassing the API carries NUL, then an open projection incident is listed within seconds and the case reads diverged, not in sync', async () => {
    const started = await startCase();
    const client = new Client({ connection });
    // An internal caller (not the HTTP edge) hands the workflow a value the read model cannot store.
    await client.workflow.getHandle(`case-${started.caseId}`).executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: started.openTasks[0].taskId,
          actor: { id: 'window1', roles: ['window'], groups: ['window'] },
          variables: { accepted: true, note: NUL },
        },
      ],
    });
    const supervisor = await stack.auth('supervisor1');
    const incident = await waitFor(
      async () => {
        const res = await stack.http.get(`/api/incidents?caseId=${started.caseId}&status=open`).set('Authorization', supervisor);
        return res.body.items?.find((i: { kind: string }) => i.kind === 'projection');
      },
      20_000,
      'projection incident',
    );
    expect(incident.message).toMatch(/读模型未能更新/);
    const view = await stack.http.get(`/api/cases/${started.caseId}`).set('Authorization', supervisor);
    expect(view.body.diverged).toBe(true);
    // Not retried silently: a data error is not retried at all, so no second incident and no retry loop.
    const retry = await stack.http.post(`/api/incidents/${incident.id}/retry`).set('Authorization', supervisor);
    expect(retry.status).toBe(409);
    const resolved = await stack.http.post(`/api/incidents/${incident.id}/resolve`).set('Authorization', supervisor).send({});
    expect(resolved.status).toBe(200);
    const after = await stack.db.prisma.case.findUniqueOrThrow({ where: { id: started.caseId } });
    const open = await stack.db.prisma.incident.count({ where: { caseId: started.caseId, kind: 'projection', status: 'open' } });
    expect(after.diverged).toBe(open > 0);
  });

  it('when a task comment that cannot be stored reaches the workflow, then later task changes still project (nothing wedged)', async () => {
    const started = await startCase();
    const taskId = started.openTasks[0].taskId;
    const client = new Client({ connection });
    await client.workflow.getHandle(`case-${started.caseId}`).executeUpdate(addTaskCommentUpdate, {
      args: [{ taskId, actor: { id: 'window1', roles: ['window'], groups: ['window'] }, text: LONE }],
    });
    const window = await stack.auth('window1');
    const claimed = await stack.http.post(`/api/tasks/${taskId}/claim`).set('Authorization', window).send({});
    expect(claimed.status).toBe(200);
    const row = await waitFor(async () => {
      const t = await stack.db.prisma.task.findUnique({ where: { id: taskId } });
      return t?.assignee === 'window1' ? t : undefined;
    });
    expect(row.assignee).toBe('window1');
    const incidents = await stack.db.prisma.incident.findMany({ where: { caseId: started.caseId, kind: 'projection' } });
    expect(incidents).toHaveLength(1);
    expect((await stack.db.prisma.case.findUniqueOrThrow({ where: { id: started.caseId } })).diverged).toBe(true);
  });
});
