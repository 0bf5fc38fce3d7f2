import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = '60000';
  stack = await startTestStack();
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  await stack?.stop();
});

const post = async (path: string, body: object, user: string) =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const get = async (path: string, user: string) => stack.http.get(path).set('Authorization', await stack.auth(user));

describe('帮办代办 on Temporal', () => {
  it('when a key project is transferred by a department, pre-reviewed jointly, its item run as a case in the applicant’s name and followed to operation, then the board shows who it waits on at each step', async () => {
    const noDept = await post('/api/agency/projects', { channel: 'departmentTransfer', title: 'x', applicant: { name: 'x' } }, 'window1');
    expect(noDept.status).toBe(400);
    const created = await post(
      '/api/agency/projects',
      {
        channel: 'departmentTransfer',
        fromDepartment: 'zjj',
        title: '某新能源电池生产线项目',
        applicant: { name: '西安某新能源科技有限公司', userId: 'lisi' },
      },
      'window1',
    );
    expect(created.status).toBe(201);
    const id = created.body.instanceId as string;
    const ev = (body: object, user = 'agent1') => post(`/api/agency/projects/${id}/events`, body, user);

    expect((await ev({ type: 'agency.accept', team: { dedicated: 'agent1', business: 'nobody' } }, 'window1')).status).toBe(404);
    expect((await ev({ type: 'agency.accept', team: { dedicated: 'agent1', business: 'specialist-sun' } }, 'window1')).status).toBe(400);
    const accepted = await ev(
      { type: 'agency.accept', team: { dedicated: 'agent1', business: 'helper-zhao', enterprise: 'specialist-sun' } },
      'window1',
    );
    expect(accepted.body.states).toContain('accepted');
    const tooEarly = await post(`/api/agency/projects/${id}/cases`, { processKey: 'general-approval', variables: {} }, 'agent1');
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.details.allowedEvents).toContain('agency.signMandate');

    await ev({ type: 'agency.signMandate', signedBy: '法定代表人 王某' });
    expect((await ev({ type: 'preReview.schedule', departments: ['zjj', 'mars'], meetingAt: '2026-12-02T09:00:00+08:00' })).status).toBe(
      400,
    );
    await ev({ type: 'preReview.schedule', departments: ['zjj', 'hbj'], meetingAt: '2026-12-02T09:00:00+08:00' });
    const board = await get('/api/agency/board', 'agent1');
    expect(board.body.items.find((p: { instanceId: string }) => p.instanceId === id)).toMatchObject({
      phase: 'preReview',
      waitingOn: ['dept:zjj', 'dept:hbj'],
    });
    await ev({ type: 'preReview.opinion', department: 'zjj', opinion: '规划条件符合' });
    const joint = await ev({ type: 'preReview.opinion', department: 'hbj', opinion: '需编制环评报告表' });
    expect(joint.body.value).toEqual({ inProgress: 'jointHandling' });

    const started = await post(
      `/api/agency/projects/${id}/cases`,
      { processKey: 'general-approval', title: '建设项目审批', variables: { shopName: '电池生产线' } },
      'agent1',
    );
    expect(started.status).toBe(201);
    const caseId = started.body.case.caseId as string;
    const caseRow = await stack.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(caseRow.applicantId).toBe('lisi'); // the applicant stays the legal applicant
    const project = await waitFor(async () => {
      const res = await get('/api/agency/board', 'agent1');
      const item = res.body.items.find((p: { instanceId: string }) => p.instanceId === id);
      return item?.cases[0]?.openTasks.length ? item : undefined;
    });
    expect(project.cases).toEqual([
      expect.objectContaining({ caseId, status: 'running', openTasks: [expect.objectContaining({ name: '受理' })] }),
    ]);
    expect(project.waitingOn[0]).toContain(`${caseId}/受理`);
    expect((await ev({ type: 'phase.followUp' })).status).toBe(409); // the case is still running

    // The case runs its normal course at the window and the approver.
    const accept = await stack.db.prisma.task.findFirstOrThrow({ where: { caseId, status: 'open' } });
    await post(`/api/tasks/${accept.id}/complete`, { variables: { accepted: true } }, 'window1');
    const approve = await waitFor(async () => (await stack.db.prisma.task.findFirst({ where: { caseId, status: 'open' } })) ?? undefined);
    await post(`/api/tasks/${approve.id}/complete`, { variables: { decision: 'approved', opinion: '准予许可' } }, 'approver1');
    await waitFor(async () =>
      (await stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined,
    );

    const follow = await ev({ type: 'phase.followUp' });
    expect(follow.body.value).toEqual({ inProgress: 'followUp' });
    await ev({ type: 'agency.progress', text: '生产线设备进场安装' });
    expect((await ev({ type: 'project.inOperation', note: '已投产' })).body.value).toBe('completed');
    expect((await ev({ type: 'agency.rate', score: 5, comment: '全程无偿代办，非常满意' })).body.status).toBe('done');

    // The applicant follows their own project, with the progress notices.
    const mine = await get(`/api/agency/projects/${id}`, 'lisi');
    expect(mine.status).toBe(200);
    expect(mine.body.context).toMatchObject({ fee: 0, outcome: 'completed', rating: { score: 5 } });
    expect(
      mine.body.notices.filter((n: { recipient: string }) => n.recipient === 'lisi').map((n: { message: string }) => n.message),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('无偿'),
        expect.stringContaining('生产线设备进场安装'),
        expect.stringContaining('办结'),
      ]),
    );
    expect((await get(`/api/agency/projects/${id}`, 'zhangsan')).status).toBe(404);

    // …and receives them through the notification channels, like case notices (in-app inbox here).
    const inbox = await waitFor(
      async () => {
        const res = await get('/api/notifications/mine?limit=100', 'lisi');
        const texts = (res.body.items as { title: string; text: string }[]).filter((n) => n.title === '帮办代办进展').map((n) => n.text);
        return texts.some((t) => t.includes('生产线设备进场安装')) ? texts : undefined;
      },
      30_000,
      'the progress notice in the applicant’s in-app inbox',
    );
    expect(inbox.every((t) => t.includes(id))).toBe(true);
    const outbox = await stack.db.prisma.notificationOutbox.findMany({ where: { applicantId: 'lisi', caseId: null } });
    expect(new Set(outbox.map((o) => o.channel))).toEqual(new Set(['in-app', 'sms', 'wechat']));
    expect(new Set(outbox.map((o) => o.idempotencyKey)).size).toBe(outbox.length);
  });

  it('when elderly applicants of a community ask for help, then each request goes to that community’s least-loaded agent; unknown communities are 404; red-vest help is assigned', async () => {
    const ask = (community: string) =>
      post(
        '/api/agency/community-requests',
        { community, title: '高龄津贴申领', applicant: { name: '张大爷', needs: 'elderly', phone: '029-1234' } },
        'window1',
      );
    const first = await ask('xiguan');
    expect(first.status).toBe(201);
    const second = await ask('xiguan');
    const holders = [first.body.context.holder, second.body.context.holder].sort();
    expect(holders).toEqual(['cagent-li', 'cagent-wang']);
    expect((await ask('beiyuanmen')).body.context.holder).toBe('cagent-ma');
    const unknown = await ask('atlantis');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual({ community: 'atlantis' });
    const help = await post('/api/agency/help-requests', { applicantName: '李阿姨', need: 'online', note: '不会用手机办社保' }, 'window1');
    expect(help.status).toBe(201);
    expect(help.body.helper.userId).toMatch(/^rv-/);
  });
});
