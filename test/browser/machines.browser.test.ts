import { overrideMachineSettings } from '../../server/services/machines/machine-config';
import { waitFor } from '../helpers/wait-for';
import { startConsoleStack, type ConsoleStack } from './browser';
import { apiStep, choose, closeDrawer, signInAs as signInAsUser } from './antd-steps';

// The console pages of the rule machines: 办不成事窗口, 兜底与督办 detail, 审管联动 and 考核评估, 12345 工单 and 并单.
jest.setTimeout(150_000);

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

const post = (path: string, body: object, user: string, status: number) => apiStep(c, path, body, user, status);
const signInAs = (userId: string) => signInAsUser(c, userId);

describe('rule-machine pages (headless Chromium, real stack)', () => {
  test('when window staff register a 办不成事 matter, classify and transfer it, then the drawer shows 转办 with its working-day deadline and history; a step someone else already took is refused with the state', async () => {
    const page = await c.signIn('window1');
    await page.getByRole('link', { name: '办不成事窗口' }).click();
    await page.getByRole('heading', { name: '办不成事窗口' }).waitFor();
    await page.getByTestId('fallback-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('反映的问题').fill('餐饮店食品经营许可证变更三次被退回，窗口只说材料不全，没有一次性告知缺什么');
    await dialog.getByLabel('反映人').fill('王女士');
    await dialog.getByLabel('联系电话').fill('13800000001');
    await c.shot(page, 'm01-window-fallback-register');
    await dialog.getByLabel('联系电话').press('Enter'); // keyboard submit
    const drawer = page.getByTestId('machine-drawer');
    await drawer.getByTestId('machine-state').getByText('已登记（待分类）').waitFor();
    const id = (await drawer.getByTestId('machine-id').innerText()).trim();
    expect(id).toMatch(/^BBCS\d{8}-/);

    await drawer.getByTestId('event-fallback.classify').click();
    await choose(page, '原因类型', '很难办');
    await choose(page, '事项分类', '一般（5 个工作日）');
    await choose(page, '责任部门', '区市场监督管理局');
    await page.getByRole('dialog').filter({ hasText: '分类转办' }).getByLabel('责任人').fill('scjgj1');
    await c.shot(page, 'm02-window-fallback-classify');
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('已转办').waitFor();
    expect(await drawer.getByTestId('deadline').innerText()).toContain('5 个工作日');
    expect(await drawer.getByTestId('machine-history').innerText()).toMatch(/登记\/创建[\s\S]*分类转办/);
    expect(await drawer.innerText()).toContain('区市场监督管理局 · scjgj1');
    await c.shot(page, 'm03-window-fallback-transferred');

    // The department concludes it meanwhile; the window's own 办结 is refused with the actual state and what it accepts.
    await post(`/api/fallback/records/${id}/events`, { type: 'fallback.conclude', result: '已一次性告知并当场办理变更' }, 'scjgj1', 200);
    await drawer.getByTestId('event-fallback.conclude').click();
    await page.getByRole('dialog').filter({ hasText: '办理结果' }).getByLabel('办理结果').fill('已办结');
    await page.getByTestId('event-submit').click();
    const refused = page.getByTestId('event-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/已办结（待反馈）[\s\S]*反馈/);
    await c.shot(page, 'm04-window-fallback-409');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('event-fallback.feedback').waitFor();
    await closeDrawer(page);
    const row = page.locator('tr.ant-table-row').filter({ hasText: id });
    await row.waitFor();
    expect(await row.innerText()).toContain('很难办');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await c.shot(page, 'm05-window-fallback-list');
    await page.close();
  });

  test('when a transferred matter runs past its deadline, then the supervisor opens the escalation and sees why, who holds it, for how long and its history', async () => {
    const restore = overrideMachineSettings({ msPerWorkingDay: 300 }); // this instance only: 一般 (5 WD) is 催办'd at 1.5 s and escalated at 3 s
    const rec = await post(
      '/api/fallback/records',
      { matter: '营业执照经营范围变更，窗口让去市里办，市里又让回区里办', applicant: { name: '马先生' } },
      'window1',
      201,
    );
    restore();
    const id = rec.body.instanceId as string;
    await post(
      `/api/fallback/records/${id}/events`,
      { type: 'fallback.classify', category: 'general', cause: 'refused', department: 'scjgj', holder: 'scjgj1' },
      'window1',
      200,
    );
    const supervisor = await c.stack.auth('supervisor1');
    await waitFor(
      async () => {
        const res = await c.stack.http.get('/api/escalations').query({ open: 1 }).set('authorization', supervisor);
        return res.body.items.find((i: { instanceId: string; level: string }) => i.instanceId === id && i.level === 'escalate');
      },
      30_000,
      'escalated',
    );

    const page = await c.signIn('supervisor1');
    await page.getByRole('link', { name: '兜底与督办' }).click();
    const row = page.locator('tr').filter({ hasText: '营业执照经营范围变更' });
    await row.waitFor();
    await c.shot(page, 'm06-supervisor-escalations');
    await row.click();
    const drawer = page.getByTestId('escalation-drawer');
    await drawer.waitFor();
    expect(await drawer.getByTestId('escalation-why').innerText()).toContain('升级督办');
    expect(await drawer.getByTestId('escalation-holder').innerText()).toBe('区市场监督管理局 · scjgj1');
    const text = await drawer.innerText();
    expect(text).toMatch(/持有时长\s*\d+ (秒|分钟)/);
    expect(text).toMatch(/超期 \d+ (秒|分钟)/);
    expect(await drawer.getByTestId('machine-history').innerText()).toMatch(
      /登记\/创建[\s\S]*分类转办[\s\S]*到期前提醒[\s\S]*超期催办[\s\S]*升级督办/,
    );
    await c.shot(page, 'm07-supervisor-escalation-drawer');
    await drawer.getByRole('link', { name: id }).click();
    await page.getByTestId('machine-drawer').getByText('不给办').first().waitFor();
    await page.close();
    // Closing the step stops its timers.
    await post(`/api/fallback/records/${id}/events`, { type: 'fallback.conclude', result: '已协调市场监管局当场办理' }, 'scjgj1', 200);
  });

  test('when a decision is pushed to the market regulator, then its officer signs the 审批信息通报; the supervisor reads the 考核评估 with its chart', async () => {
    const applicant = await c.stack.auth('lisi');
    const started = await c.stack.http
      .post('/api/cases')
      .set('authorization', applicant)
      .send({
        processKey: 'general-approval',
        title: '食品经营许可',
        variables: { shopName: '西关小厨', contact: '李四', phone: '13800000000', supervisingDepartment: 'scjgj' },
      })
      .expect(201);
    const caseId = started.body.caseId as string;
    for (const [user, variables] of [
      ['window1', { accepted: true, opinion: '予以受理' }],
      ['approver1', { decision: 'approved', opinion: '准予许可' }],
    ] as const) {
      const auth = await c.stack.auth(user);
      const task = await waitFor(
        async () =>
          (await c.stack.http.get('/api/tasks').query({ caseId }).set('authorization', auth)).body.items[0] as { id: string } | undefined,
      );
      await c.stack.http
        .post(`/api/tasks/${encodeURIComponent(task.id)}/complete`)
        .set('authorization', auth)
        .send({ variables })
        .expect(200);
    }
    const noticeId = `TB-${caseId}`;
    await waitFor(
      async () =>
        (await c.stack.http.get(`/api/linkage/instances/${noticeId}`).set('authorization', await c.stack.auth('supervisor1'))).status ===
        200
          ? true
          : undefined,
      30_000,
      'notice pushed',
    );

    const officer = await signInAs('scjgj1');
    await officer.getByRole('link', { name: '审管联动' }).click();
    await officer.getByRole('heading', { name: '审管联动' }).waitFor();
    await officer.getByText('只看本部门（区市场监督管理局）').waitFor();
    const row = officer.locator('tr').filter({ hasText: caseId });
    await row.waitFor();
    expect(await row.innerText()).toContain('待认领');
    await c.shot(officer, 'm08-officer-notices');
    await row.click();
    const drawer = officer.getByTestId('machine-drawer');
    await drawer.getByTestId('event-notice.sign').click();
    await officer.getByRole('dialog').filter({ hasText: '认领意见' }).getByLabel('认领意见').fill('已纳入日常监管');
    await officer.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('已认领').waitFor();
    expect(await drawer.innerText()).toContain('scjgj1');
    await c.shot(officer, 'm09-officer-notice-signed');
    await officer.close();

    const page = await c.signIn('supervisor1');
    await page.getByRole('link', { name: '审管联动' }).click();
    await page.getByRole('tab', { name: '考核评估' }).click();
    const report = page.getByTestId('assessment');
    await report.getByTestId('chart').locator('svg').first().waitFor();
    const line = report.locator('tr').filter({ hasText: '审批信息通报' }).filter({ hasText: '区市场监督管理局' });
    await line.waitFor();
    expect(await line.innerText()).toContain('100%');
    await c.shot(page, 'm10-supervisor-assessment');
    await page.close();
  });

  test('when one caller reports the same matter three times, then 12345 shows the merged group and its 办不成事 record; a new order is dispatched and signed in its drawer', async () => {
    const order = (orderId: string, content: string, extra: Record<string, unknown> = {}) => ({
      orderId,
      callerPhone: '13700001111',
      callerName: '刘先生',
      subject: '西关正街18号院',
      category: 'complaint',
      content,
      ...extra,
    });
    await post(
      '/api/hotline/orders',
      order('BR-101', '西关正街18号院门口的垃圾桶已经满了三四天了，一直没有人来清运，天热了味道特别大。'),
      'window1',
      201,
    );
    await post(
      '/api/hotline/orders',
      order('BR-102', '上周反映过我们院门口垃圾没人拉走的事，到现在还是堆着，苍蝇蚊子到处飞。'),
      'window1',
      201,
    );
    const third = await post(
      '/api/hotline/orders',
      order('BR-103', '第三次打电话了！18号院门前垃圾堆积如山，清运车好几天都不来。'),
      'window1',
      201,
    );
    const fallbackId = third.body.repeat.fallbackId as string;
    await post(
      '/api/hotline/orders',
      order('BR-201', '想咨询一下新生儿医保参保需要带哪些材料', {
        callerPhone: '13900002222',
        callerName: '何女士',
        subject: '医保参保',
        category: 'consult',
      }),
      'window1',
      201,
    );

    const page = await c.signIn('window1');
    await page.getByRole('link', { name: '12345 工单' }).click();
    await page.getByRole('heading', { name: '12345 工单' }).waitFor();
    const fresh = page.locator('tr').filter({ hasText: 'BR-201' });
    await fresh.waitFor();
    expect(await page.locator('tr').filter({ hasText: 'BR-103' }).innerText()).toContain('已并单');
    await c.shot(page, 'm11-window-hotline-orders');

    await fresh.click();
    const drawer = page.getByTestId('machine-drawer');
    await drawer.getByTestId('machine-state').getByText('已受理（待派单）').waitFor();
    await drawer.getByTestId('event-order.dispatch').click();
    await choose(page, '承办单位', '区人力资源和社会保障局');
    await page.getByRole('dialog').filter({ hasText: '承办人' }).getByLabel('承办人').fill('rsj1');
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('已派单（待签收）').waitFor();
    await closeDrawer(page);
    // 签收 is the receiving department's: 区人社局's officer sees only the orders dispatched to it.
    const officer = await signInAs('rsj1');
    await officer.getByRole('link', { name: '12345 工单' }).click();
    await officer.getByRole('heading', { name: '12345 工单' }).waitFor();
    const dispatched = officer.locator('tr').filter({ hasText: 'BR-201' });
    await dispatched.waitFor();
    expect(await officer.locator('tr').filter({ hasText: 'BR-103' }).count()).toBe(0);
    await dispatched.click();
    const officerDrawer = officer.getByTestId('machine-drawer');
    await officerDrawer.getByTestId('event-order.sign').click();
    await officer.getByTestId('event-submit').click();
    await officerDrawer.getByTestId('machine-state').getByText('办理中').waitFor();
    expect(await officerDrawer.getByTestId('deadline').innerText()).toContain('3 个工作日');
    const actions = await officerDrawer.getByTestId('machine-events').innerText();
    for (const a of ['延期', '退单', '答复']) expect(actions).toContain(a);
    await c.shot(officer, 'm12-officer-hotline-order-drawer');
    await officer.close();

    await page.getByRole('tab', { name: '重复诉求并单' }).click();
    const group = page.getByTestId('repeat-group').filter({ hasText: fallbackId });
    await group.waitFor();
    const text = await group.innerText();
    for (const id of ['BR-101', 'BR-102', 'BR-103']) expect(text).toContain(id);
    expect(text).toContain('并单 3 件');
    await c.shot(page, 'm13-window-hotline-repeat-group');
    await group.getByTestId('repeat-fallback-link').click();
    await page.getByRole('heading', { name: '办不成事窗口' }).waitFor();
    const record = page.getByTestId('machine-drawer');
    await record.getByText('关联 12345 工单').waitFor();
    for (const id of ['BR-101', 'BR-102', 'BR-103']) await record.getByRole('link', { name: id }).waitFor();
    await c.shot(page, 'm14-window-fallback-from-repeats');
    await page.close();
  });
  test('when a supervisor refers a dispute to a joint meeting, then it is convened, decided with an owner and deadline, and closed when the task is done; the approval side records its action on a finding', async () => {
    const page = await c.signIn('supervisor1');
    await page.getByRole('link', { name: '审管联动' }).click();
    await page.getByRole('tab', { name: '部门联席会议' }).click();
    await page.getByRole('button', { name: '提请联席会议' }).click();
    await page.getByRole('dialog').getByLabel('标题').fill('食品小作坊登记后监管职责争议');
    await choose(page, '提请部门', '区数据和行政审批局');
    await choose(page, '参会部门', '区市场监督管理局');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:visible')
      .filter({ hasText: '区卫生健康局' })
      .click();
    await page.getByRole('dialog').getByText('提请部门联席会议').click(); // closes the multi-select's dropdown
    await page.getByRole('dialog').getByLabel('议题（每行一项）').fill('小作坊登记后由谁日常监管\n卫生许可与食品经营许可衔接');
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    const drawer = page.getByTestId('machine-drawer');
    await drawer.getByTestId('machine-state').getByText('待召开').waitFor();
    expect(await drawer.innerText()).toContain('区市场监督管理局、区卫生健康局');

    await drawer.getByTestId('event-meeting.convene').click();
    await page.getByRole('dialog').filter({ hasText: '召开时间' }).getByLabel('召开时间').click();
    await page.keyboard.type('2026-12-01 10:00');
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('已召开（待决定）').waitFor();

    await drawer.getByTestId('event-meeting.decide').click();
    const decide = page.getByRole('dialog').filter({ hasText: '落实任务' });
    await decide.getByLabel('会议决定').fill('登记后由区市场监督管理局负责日常监管，卫健局配合');
    await decide.getByLabel('任务1责任部门').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:visible')
      .filter({ hasText: '区市场监督管理局' })
      .click();
    await decide.getByLabel('任务1内容').fill('制定小作坊监管清单');
    await decide.getByLabel('任务1时限（工作日）').fill('5');
    await c.shot(page, 'm15-supervisor-meeting-decide');
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('决定执行中').waitFor();
    expect(await drawer.getByTestId('meeting-tasks').innerText()).toMatch(
      /制定小作坊监管清单 · 区市场监督管理局 · 5 个工作日，截止 \d{4}\/\d{2}\/\d{2}/,
    );
    await c.shot(page, 'm16-supervisor-meeting-executing');
    // A decided task is finished by its owner department: 区市场监督管理局's officer, who takes part in the meeting.
    const owner = await signInAs('scjgj1');
    await owner.getByRole('link', { name: '审管联动' }).click();
    await owner.getByRole('tab', { name: '部门联席会议' }).click();
    await owner.getByRole('switch', { name: '只看本部门' }).click(); // referred by 审批局, so not "own" by department
    const meetingRow = owner.locator('tr').filter({ hasText: '食品小作坊登记后监管职责争议' });
    await meetingRow.waitFor();
    await meetingRow.click();
    const ownerDrawer = owner.getByTestId('machine-drawer');
    await ownerDrawer.getByTestId('event-meeting.taskDone').click();
    await choose(owner, '已完成的任务', '制定小作坊监管清单');
    await owner.getByTestId('event-submit').click();
    await ownerDrawer.getByTestId('machine-state').getByText('已办结').waitFor();
    await owner.close();

    // 对上协调联动: a matter sent to the city gets its reply recorded.
    const city = await post(
      '/api/linkage/city-escalations',
      {
        title: '连锁门店跨区经营许可互认',
        department: 'spj',
        matter: '连锁餐饮门店在外区已取得许可，申请在本区开分店时能否互认',
        reason: '超出区级事权',
      },
      'supervisor1',
      201,
    );
    await post(
      `/api/linkage/instances/${city.body.instanceId}/events`,
      { type: 'city.submit', recipient: '市数据和行政审批局', reference: '莲审管〔2026〕12号' },
      'supervisor1',
      200,
    );
    await closeDrawer(page);
    await page.getByRole('tab', { name: '对上协调联动' }).click();
    const cityRow = page.locator('tr').filter({ hasText: '连锁门店跨区经营许可互认' });
    await cityRow.waitFor();
    expect(await cityRow.innerText()).toContain('待市级答复');
    await cityRow.click();
    await drawer.getByTestId('event-city.reply').click();
    await page
      .getByRole('dialog')
      .filter({ hasText: '市级答复内容' })
      .getByLabel('市级答复内容')
      .fill('同意在全市范围内互认，按变更登记办理');
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('市级已答复').waitFor();
    expect(await drawer.innerText()).toContain('同意在全市范围内互认');
    await c.shot(page, 'm16b-supervisor-city-replied');
    await page.close();

    const finding = await post(
      '/api/linkage/findings',
      {
        title: '告知承诺核查：经营面积不符',
        department: 'scjgj',
        findingType: 'falseCommitment',
        description: '现场核查实际经营面积 20 平方米，承诺 60 平方米',
      },
      'supervisor1',
      201,
    );
    await post(`/api/linkage/instances/${finding.body.instanceId}/events`, { type: 'finding.push' }, 'supervisor1', 200);
    const approver = await c.signIn('approver1');
    await approver.getByRole('link', { name: '审管联动' }).click();
    await approver.getByRole('tab', { name: '监管结果抄告' }).click();
    const row = approver.locator('tr').filter({ hasText: '经营面积不符' });
    await row.waitFor();
    expect(await row.innerText()).toContain('待审批侧处置');
    await row.click();
    await approver.getByTestId('machine-drawer').getByTestId('event-finding.act').click();
    await choose(approver, '处置措施', '撤销');
    await approver.getByRole('dialog').filter({ hasText: '处置说明' }).getByLabel('处置说明').fill('依法撤销该告知承诺许可');
    await approver.getByTestId('event-submit').click();
    await approver.getByTestId('machine-drawer').getByTestId('machine-state').getByText('已处置').waitFor();
    expect(await approver.getByTestId('machine-drawer').innerText()).toMatch(/审批侧处置\s*撤销：依法撤销该告知承诺许可（approver1/);
    await c.shot(approver, 'm17-approver-finding-acted');
    await approver.close();
  });
});
