import { Client, Connection } from '@temporalio/client';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

// A working day lasts 2 s: the 联合预审 deadline (5 WD) is still pending when the run continues as new.
const MS_PER_WD = 2000;
let stack: TestStack;
let connection: Connection;
let client: Client;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = String(MS_PER_WD);
  process.env.HAOBAN_MACHINE_EVENTS_PER_RUN = '3';
  stack = await startTestStack();
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
  client = new Client({ connection });
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  delete process.env.HAOBAN_MACHINE_EVENTS_PER_RUN;
  await connection?.close();
  await stack?.stop();
});

const post = async (path: string, body: object, user: string) =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);

describe('long-lived rule machines continue as new', () => {
  it('when a project takes more events than one run holds, then it continues in a new run with its context, its history and its pending deadline, which still fires', async () => {
    const created = await post(
      '/api/agency/projects',
      { channel: 'window', title: '某精密制造产业园项目', applicant: { name: '西安某精密制造有限公司', userId: 'lisi' } },
      'window1',
    );
    expect(created.status).toBe(201);
    const id = created.body.instanceId as string;
    const workflowId = `agency-${id}`;
    const firstRunId = (await client.workflow.getHandle(workflowId).describe()).runId;

    const ev = (body: object, user = 'agent1') => post(`/api/agency/projects/${id}/events`, body, user);
    expect((await ev({ type: 'agency.accept', team: { dedicated: 'agent1' } }, 'window1')).status).toBe(200);
    expect((await ev({ type: 'agency.signMandate', signedBy: '法定代表人 王某' })).status).toBe(200);
    expect((await ev({ type: 'preReview.schedule', departments: ['zjj', 'hbj'], meetingAt: '2026-12-02T09:00:00+08:00' })).status).toBe(
      200,
    );
    const texts = ['项目资料收集', '用地规划沟通', '环评单位对接', '能评材料准备', '施工许可咨询'];
    for (const text of texts) {
      const res = await ev({ type: 'agency.progress', text });
      expect(res.status).toBe(200);
    }

    const first = await client.workflow.getHandle(workflowId, firstRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    const latest = await client.workflow.getHandle(workflowId).describe();
    expect(latest.runId).not.toBe(firstRunId);

    // The context came along: every progress note is there, in order, and the state is unchanged.
    const view = await stack.http.get(`/api/agency/projects/${id}`).set('Authorization', await stack.auth('window1'));
    expect(view.status).toBe(200);
    expect(view.body.context.progress.map((p: { text: string }) => p.text)).toEqual(texts);
    expect(view.body.states).toContain('inProgress.preReview.meeting');

    // The 联合预审 deadline armed in the first run fires in a later one: the step is supervised (催办).
    const urged = await waitFor(
      async () => (await stack.db.prisma.machineEscalation.findFirst({ where: { instanceId: id, level: 'urge' } })) ?? undefined,
      30_000,
      'the 联合预审 deadline to be 催办',
    );
    expect(urged.at.getTime()).toBeGreaterThan(first.closeTime!.getTime());
    // One start in the transition history, not one per run.
    const started = await stack.db.prisma.machineTransition.count({ where: { instanceId: id, event: 'machine.started' } });
    expect(started).toBe(1);

    // And it still takes events.
    const opinion = await ev({ type: 'preReview.opinion', department: 'zjj', opinion: '规划条件符合' });
    expect(opinion.status).toBe(200);
    expect(opinion.body.context.progress).toHaveLength(texts.length);
  });
});
