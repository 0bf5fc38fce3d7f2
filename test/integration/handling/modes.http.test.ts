import { overrideHandlingConfig } from '../../../activities/handling/config';
import { addWorkingDays } from '../../../workflows/calendar';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { replayAllOnQueue, saveHistory } from '../../helpers/replay';
import { waitFor } from '../../helpers/wait-for';
import { driver } from './helpers';

let stack: TestStack;
let d: ReturnType<typeof driver>;
let restore: () => void;
beforeAll(async () => {
  restore = overrideHandlingConfig({
    quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false },
    dispatcherPollSeconds: 0.5,
  });
  stack = await startTestStack();
  d = driver(stack);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  restore?.();
});

const FOOD_MATERIALS = [
  { code: 'BIZ_LICENCE', name: '营业执照', sources: ['e-licence', 'upload'], core: true, licenceType: '营业执照' },
  { code: 'ID_CARD', name: '法定代表人身份证明', sources: ['e-licence', 'upload'], core: true, licenceType: '居民身份证' },
  { code: 'HYGIENE_RULES', name: '食品安全管理制度', sources: ['upload', 'deferrable'] },
  { code: 'FIRE_CHECK', name: '消防安全检查意见', sources: ['upload', 'deferrable'], safety: true },
];

async function registerLicence(type: string, holderId = 'zhangsan') {
  const res = await stack.http
    .post('/api/licences')
    .set(await d.as('window1'))
    .send({ type, name: type, issuer: '区市场监督管理局', holderId });
  expect(res.status).toBe(201);
  return res.body;
}

describe('标准审批 (≥4 levels) and 免证办', () => {
  it('when the applicant holds an e-licence, then it is not asked again, the case passes 受理→审核→踏勘→审批→决定, and an e-licence is issued within art. 44 days', async () => {
    await registerLicence('营业执照');
    const res = await d.apply({
      mode: 'standard',
      title: '食品经营许可',
      variables: { materials: FOOD_MATERIALS, licenceType: '食品经营许可证', deliveryMethod: 'e-licence' },
    });
    expect(res.status).toBe(201);
    const caseId = res.body.caseId;
    await d.waitForTask(caseId, 'accept');
    const atAccept = await d.getCase(caseId);
    expect(atAccept.variables.resolvedMaterials).toEqual([expect.objectContaining({ code: 'BIZ_LICENCE', licenceType: '营业执照' })]);
    expect((atAccept.variables.materialsToSubmit as { code: string }[]).map((m) => m.code)).toEqual([
      'ID_CARD',
      'HYGIENE_RULES',
      'FIRE_CHECK',
    ]);

    await d.complete(caseId, 'accept', 'window1', { accepted: true });
    const review = await d.waitForTask(caseId, 'review');
    expect(review.name).toBe('审核');
    expect(typeof (await d.getCase(caseId)).variables.decisionDueAt).toBe('string');
    await d.complete(caseId, 'review', 'approver1', { inspectionRequired: true });
    await d.complete(caseId, 'inspect', 'approver1', { inspectionFinding: '场所符合要求' });
    await d.complete(caseId, 'approve', 'approver1', { approved: true });
    await d.complete(caseId, 'decide', 'approver1', { decision: 'approved', opinion: '准予许可' });
    const done = await d.finished(caseId);
    expect(done.status).toBe('completed');
    expect(d.elements(done)).toEqual([
      'submitted',
      'resolve_materials',
      'accept',
      'accepted_gateway',
      'start_time_limit',
      'review',
      'inspection_gateway',
      'inspect',
      'approve',
      'decide',
      'write_result',
      'deliver',
      'done',
    ]);

    const mine = await stack.http.get('/api/licences/mine').set(await d.as('zhangsan'));
    const issued = mine.body.items.find((l: { caseId: string }) => l.caseId === caseId);
    expect(issued).toMatchObject({ type: '食品经营许可证', holderId: 'zhangsan', status: 'valid', issuer: '区数据和行政审批局' });
    const delivery = await stack.http.get(`/api/delivery/${caseId}`).set(await d.as('zhangsan'));
    expect(delivery.status).toBe(200);
    expect(delivery.body).toMatchObject({ method: 'e-licence', status: 'issued', overdue: false, licence: { number: issued.number } });
    // Art. 44's 10 days are working days (第八十二条): a decision on 12-01 is delivered by the end of 12-15.
    expect(new Date(delivery.body.dueAt).toISOString()).toBe(addWorkingDays(new Date(delivery.body.decidedAt).toISOString(), 10));
  });

  it('when the case names a catalogue item, then its materials come from the item and the e-licence registry answers the ID materials; 容缺 of its core material is refused', async () => {
    const code = '000120001000-610104000000-000-11610104MB2984105E-1-00'; // 有限责任公司设立登记 (demo catalogue)
    await registerLicence('RESIDENT_ID', 'lisi');
    const res = await d.apply({ mode: 'standard', itemCode: code, variables: {} }, 'lisi');
    expect(res.status).toBe(201);
    await d.waitForTask(res.body.caseId, 'accept');
    const c = await d.getCase(res.body.caseId);
    expect((c.variables.resolvedMaterials as { code: string }[]).map((m) => m.code)).toEqual(['RESIDENT_ID', 'SHAREHOLDER_ID']);
    expect(c.variables.materialReduction).toEqual({ required: 5, resolved: 2 });
    const refused = await d.apply(
      { mode: 'deferred', itemCode: code, deferredMaterials: ['ARTICLES'], commitmentLetter: true, variables: {} },
      'lisi',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('公司章程');
  });

  it('when the window refuses, then the case ends at 不予受理 without approval levels', async () => {
    const res = await d.apply({ mode: 'standard', variables: {} });
    await d.complete(res.body.caseId, 'accept', 'window1', { accepted: false, reason: '不属于本部门职权' });
    expect(d.elements(await d.finished(res.body.caseId))).toContain('not_accepted');
  });
});

describe('集成快办 (2 levels, inspection at the window)', () => {
  it('when the window chooses 远程踏勘, then the specialist decides after it and the result is mailed with a tracking number', async () => {
    const res = await d.apply({
      mode: 'integrated',
      variables: { inspectionMode: 'remote', deliveryMethod: 'mail', mailAddress: '西安市莲湖区北大街1号' },
    });
    const caseId = res.body.caseId;
    await d.complete(caseId, 'window_accept', 'window1', { accepted: true });
    await d.complete(caseId, 'remote_inspection', 'window1', { remoteInspectionOk: true });
    await d.complete(caseId, 'specialist_decide', 'approver1', { decision: 'approved' });
    const done = await d.finished(caseId);
    expect(d.elements(done)).toEqual(
      expect.arrayContaining(['exemption_rule', 'inspection_route', 'remote_inspection', 'specialist_decide', 'deliver']),
    );
    const delivery = await stack.http.get(`/api/delivery/${caseId}`).set(await d.as('zhangsan'));
    expect(delivery.body).toMatchObject({ method: 'mail', status: 'mailed', address: '西安市莲湖区北大街1号' });
    expect(delivery.body.trackingNumber).toMatch(/^EMS[0-9A-F]{10}$/);
    const confirmed = await stack.http.post(`/api/delivery/${caseId}/delivered`).set(await d.as('window1'));
    expect(confirmed.body.status).toBe('delivered');
    expect((await stack.http.post(`/api/delivery/${caseId}/delivered`).set(await d.as('window1'))).status).toBe(409);
  });

  it('when the premises keep their business type and structure, then the approval-service-map rule exempts the inspection', async () => {
    const premises = { previouslyLicensed: true, businessType: '餐饮', previousBusinessType: '餐饮', mainStructureChanged: false };
    const res = await d.apply({ mode: 'integrated', variables: { premises, deliveryMethod: 'pickup' } });
    const caseId = res.body.caseId;
    await d.complete(caseId, 'window_accept', 'window1', { accepted: true });
    await d.complete(caseId, 'specialist_decide', 'approver1', { decision: 'approved' });
    const done = await d.finished(caseId);
    expect(done.variables.inspectionMode).toBe('exempt');
    expect(d.elements(done)).not.toContain('onsite_inspection');
    expect(d.elements(done)).not.toContain('remote_inspection');
  });
});

describe('即办件 (art. 34)', () => {
  it('when the window decides on the spot, then the case completes in one level with pickup at the window', async () => {
    const res = await d.apply({ mode: 'immediate', variables: { deliveryMethod: 'pickup' } });
    await d.complete(res.body.caseId, 'decide_on_spot', 'window1', { decision: 'approved', opinion: '当场办结' });
    const done = await d.finished(res.body.caseId);
    expect(d.elements(done)).toEqual(['submitted', 'resolve_materials', 'decide_on_spot', 'write_result', 'deliver', 'done']);
    const delivery = await stack.http.get(`/api/delivery/${res.body.caseId}`).set(await d.as('zhangsan'));
    expect(delivery.body).toMatchObject({ method: 'pickup', status: 'awaiting-pickup' });
  });
});

describe('承诺件 (art. 32, 42, 45)', () => {
  it('when a promised limit exceeds the statutory one, then the application is refused with the reason', async () => {
    const res = await d.apply({ mode: 'promised', variables: { promisedDays: 25, statutoryDays: 20 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('超过法定时限');
  });

  it('when materials are incomplete, then one notice lists everything; after correction the clock runs; one extension of 10 WD is granted with notice, a second refused; a special procedure pauses the clock', async () => {
    const res = await d.apply({ mode: 'promised', variables: { promisedDays: 10, statutoryDays: 20 } });
    const caseId = res.body.caseId;
    await d.complete(caseId, 'receive', 'window1', { materialsComplete: false, missingMaterials: ['场所平面图', '从业人员健康证明'] });
    const atCorrection = await d.waitForTask(caseId, 'receive_correction');
    expect(atCorrection.name).toBe('接收补正材料');
    const progress = await stack.http.get(`/api/notifications/cases/${caseId}/progress`).set(await d.as('zhangsan'));
    expect(progress.body.needed).toEqual(['场所平面图', '从业人员健康证明']);
    await d.complete(caseId, 'receive_correction', 'window1', { materialsComplete: true });
    await d.waitForTask(caseId, 'review');
    const started = await d.getCase(caseId);
    expect(started.variables.promisedDays).toBe(10);
    const firstDue = started.variables.decisionDueAt as string;

    await d.complete(caseId, 'review', 'approver1', { extensionRequested: true, extensionReason: '需征求相关部门意见' });
    await d.complete(caseId, 'approve_extension', 'supervisor1', { extensionApproved: true });
    await d.waitForTask(caseId, 'review');
    const extended = await d.getCase(caseId);
    expect(extended.variables.extensions).toBe(1);
    expect(new Date(extended.variables.decisionDueAt as string).getTime()).toBeGreaterThan(new Date(firstDue).getTime() + 10 * 86_400_000);
    // Art. 42: extending equals counting the sum from acceptance (the end of 11-03 + 10 WD is the end of 11-17, not 11-18).
    expect(extended.variables.decisionDueAt).toBe(addWorkingDays(started.variables.acceptedAt as string, 20));

    await d.complete(caseId, 'review', 'approver1', { extensionRequested: true, extensionReason: '再次延期' });
    await d.complete(caseId, 'approve_extension', 'supervisor1', { extensionApproved: true });
    await d.waitForTask(caseId, 'review');
    const refused = await d.getCase(caseId);
    expect(refused.variables.extensions).toBe(1);
    expect(refused.variables.extensionRefusal).toContain('延期已达上限');
    expect(refused.variables.decisionDueAt).toBe(extended.variables.decisionDueAt);

    await d.complete(caseId, 'review', 'approver1', { specialProcedure: '检测', specialProcedureTime: '5个工作日' });
    await d.complete(caseId, 'special_procedure', 'approver1', { resumedAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    await d.waitForTask(caseId, 'review');
    const resumed = await d.getCase(caseId);
    expect(resumed.variables.pausedWorkingDays).toBeGreaterThanOrEqual(4);
    expect(new Date(resumed.variables.decisionDueAt as string).getTime()).toBeGreaterThan(
      new Date(extended.variables.decisionDueAt as string).getTime(),
    );
    // Art. 45: the due date moves by exactly the working days paused, as if counted from acceptance with them added.
    expect(resumed.variables.decisionDueAt).toBe(
      addWorkingDays(started.variables.acceptedAt as string, 20 + (resumed.variables.pausedWorkingDays as number)),
    );

    await d.complete(caseId, 'review', 'approver1', {});
    await d.complete(caseId, 'decide', 'approver1', { decision: 'approved' });
    expect((await d.finished(caseId)).status).toBe('completed');
    const notices = await stack.db.prisma.notificationOutbox.findMany({ where: { caseId, channel: 'in-app' } });
    const titles = notices.map((n) => (n.payload as { title: string }).title);
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringContaining('一次性补正告知'),
        expect.stringContaining('延期告知'),
        expect.stringContaining('特别程序告知'),
      ]),
    );
    expect(titles.filter((t) => t.includes('延期告知'))).toHaveLength(1);
  });

  it('when the correction notice would come later than 5 days after receipt, then the application counts as accepted on receipt', async () => {
    const receivedAt = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const res = await d.apply({ mode: 'promised', variables: { receivedAt } });
    await d.complete(res.body.caseId, 'receive', 'window1', { materialsComplete: false, missingMaterials: ['场所平面图'] });
    await d.waitForTask(res.body.caseId, 'review');
    const c = await d.getCase(res.body.caseId);
    expect(c.variables.acceptedOnReceipt).toBe(true);
    expect(c.variables.acceptedAt).toBe(receivedAt);
    expect(d.elements(c)).not.toContain('receive_correction');
  });
});

describe('容缺受理 (docs/rules.md#deferred-acceptance)', () => {
  it('when a core or safety material is to be deferred, then 400 names the reason', async () => {
    const core = await d.apply({
      mode: 'deferred',
      deferredMaterials: ['ID_CARD'],
      commitmentLetter: true,
      variables: { materials: FOOD_MATERIALS },
    });
    expect(core.status).toBe(400);
    expect(core.body.error.message).toContain('核心要件');
    const safety = await d.apply({
      mode: 'deferred',
      deferredMaterials: ['FIRE_CHECK'],
      commitmentLetter: true,
      variables: { materials: FOOD_MATERIALS },
    });
    expect(safety.status).toBe(400);
    expect(safety.body.error.details.reasons[0].reason).toContain('安全');
    const noLetter = await d.apply({ mode: 'deferred', deferredMaterials: ['HYGIENE_RULES'], variables: { materials: FOOD_MATERIALS } });
    expect(noLetter.status).toBe(400);
  });

  it('when the deferred material arrives in time, then review runs in parallel and the result is issued; a reminder is scheduled before the deadline', async () => {
    const res = await d.apply({
      mode: 'deferred',
      deferredMaterials: ['HYGIENE_RULES'],
      commitmentLetter: true,
      variables: { materials: FOOD_MATERIALS, supplementDays: 5 },
    });
    expect(res.status).toBe(201);
    const caseId = res.body.caseId;
    await d.waitForTask(caseId, 'review');
    const c = await d.getCase(caseId);
    expect(c.openTasks.map((t) => t.elementId).sort()).toEqual(['receive_supplement', 'review']);
    expect(c.variables.neededFromApplicant).toEqual(['食品安全管理制度']);
    const reminder = await stack.db.prisma.notificationOutbox.findFirst({
      where: { caseId, idempotencyKey: { contains: 'deferral-reminder' }, channel: 'sms' },
    });
    expect(reminder!.status).toBe('pending');
    expect(reminder!.nextAttemptAt.getTime()).toBeLessThan(new Date(c.variables.supplementDueAt as string).getTime());
    expect(reminder!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await d.complete(caseId, 'review', 'approver1', { decision: 'approved' });
    await d.complete(caseId, 'receive_supplement', 'window1', { supplemented: true });
    const done = await d.finished(caseId);
    expect(d.elements(done)).toEqual(expect.arrayContaining(['check_supplement', 'join', 'write_result', 'done']));
    expect(await stack.db.prisma.creditRecord.count({ where: { caseId } })).toBe(0);
  });

  it('when the deferred material arrives after the deadline, then the case is terminated with a notice and a credit record, and 容缺 is refused next time (409)', async () => {
    const res = await d.apply(
      {
        mode: 'deferred',
        deferredMaterials: ['HYGIENE_RULES'],
        commitmentLetter: true,
        variables: { materials: FOOD_MATERIALS, supplementDays: 2 },
      },
      'lisi',
    );
    const caseId = res.body.caseId;
    await d.complete(caseId, 'review', 'approver1', { decision: 'approved' });
    await d.complete(caseId, 'receive_supplement', 'window1', {
      supplemented: true,
      supplementReceivedAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const done = await d.finished(caseId);
    expect(d.elements(done)).toEqual(expect.arrayContaining(['terminate', 'terminated']));
    expect(d.elements(done)).not.toContain('write_result');
    const credit = await stack.http.get('/api/handling/credit-records?subjectId=lisi').set(await d.as('supervisor1'));
    expect(credit.body.items).toEqual([expect.objectContaining({ kind: 'supplement-overdue', caseId })]);
    const notice = await stack.db.prisma.notificationOutbox.findFirst({
      where: { caseId, channel: 'in-app', idempotencyKey: { contains: 'terminated' } },
    });
    expect((notice!.payload as { title: string }).title).toContain('终止办理通知书');
  });
});

describe('容缺受理: the deadline as a BPMN boundary timer', () => {
  it('when nothing arrives before the supplement deadline, then the timer ends the wait and the case is terminated with a credit record', async () => {
    const res = await d.apply(
      {
        mode: 'deferred',
        deferredMaterials: ['HYGIENE_RULES'],
        commitmentLetter: true,
        variables: { materials: FOOD_MATERIALS, supplementTimeout: 'PT2S' },
      },
      'lisi',
    );
    expect(res.status).toBe(201);
    const caseId = res.body.caseId;
    await d.complete(caseId, 'review', 'approver1', { decision: 'approved' });
    const done = await d.finished(caseId);
    expect(d.elements(done)).toEqual(
      expect.arrayContaining(['supplement_deadline', 'mark_overdue', 'supplement_merge', 'join', 'terminate', 'terminated']),
    );
    expect(d.elements(done)).not.toContain('check_supplement');
    expect(await stack.db.prisma.creditRecord.count({ where: { caseId, kind: 'supplement-overdue' } })).toBe(1);
    const task = await stack.db.prisma.task.findFirst({ where: { caseId, elementId: 'receive_supplement' } });
    expect(task!.status).not.toBe('open');
    await saveHistory(`case-${caseId}`, 'deferred-boundary-timer-local-lane');
  });
});

describe('告知承诺制 (docs/rules.md#commitment)', () => {
  it('when the applicant has bad credit, then 告知承诺 is refused with 409 and the reason, until credit repair', async () => {
    const rec = await stack.http
      .post('/api/handling/credit-records')
      .set(await d.as('supervisor1'))
      .send({ subjectId: 'lisi', kind: 'bad-credit', reason: '失信被执行人' });
    expect(rec.status).toBe(201);
    const refused = await d.apply({ mode: 'commitment', commitment: { accepted: true }, variables: {} }, 'lisi');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('不良信用记录');
    const notVoluntary = await d.apply({ mode: 'commitment', commitment: { accepted: false }, variables: {} });
    expect(notVoluntary.status).toBe(400);
    expect((await stack.http.post(`/api/handling/credit-records/${rec.body.id}/repair`).set(await d.as('supervisor1'))).status).toBe(200);
  });

  it('when the commitment is found false at verification, then the licence is revoked, a credit record is written, the linkage is triggered, and the next 告知承诺 is refused', async () => {
    const res = await d.apply({
      mode: 'commitment',
      commitment: { accepted: true, signedBy: '张三' },
      variables: { licenceType: '小餐饮登记证', deliveryMethod: 'e-licence' },
    });
    expect(res.body).toMatchObject({ caseId: expect.any(String) });
    const caseId = res.body.caseId;
    await d.complete(caseId, 'decide_on_spot', 'window1', { decision: 'approved' });
    const verify = await d.waitForTask(caseId, 'verify');
    expect(verify.name).toBe('事后核查');
    const c = await d.getCase(caseId);
    expect(Object.keys(c.variables.commitmentNotice as object)).toHaveLength(7);
    expect(typeof c.variables.verificationDueAt).toBe('string');
    const issued = (await stack.http.get('/api/licences/mine').set(await d.as('zhangsan'))).body.items.find(
      (l: { caseId: string }) => l.caseId === caseId,
    );
    expect(issued.status).toBe('valid');

    await d.complete(caseId, 'verify', 'approver1', {
      commitmentTrue: false,
      verificationFinding: '实际经营面积与承诺不符',
      falseCommitmentMeasure: 'revoke',
    });
    const done = await d.finished(caseId);
    expect(d.elements(done)).toEqual(expect.arrayContaining(['false_commitment', 'false_handled']));
    const after = (await stack.http.get('/api/licences/mine').set(await d.as('zhangsan'))).body.items.find(
      (l: { caseId: string }) => l.caseId === caseId,
    );
    expect(after.status).toBe('revoked');
    expect(await stack.db.prisma.auditEvent.count({ where: { caseId, action: 'supervision.linkage.triggered' } })).toBe(1);
    const again = await d.apply({ mode: 'commitment', commitment: { accepted: true }, variables: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.details.records[0].kind).toBe('false-commitment');
  });

  it('when the commitment is verified true, then the case ends 核查属实', async () => {
    const res = await d.apply({ mode: 'commitment', commitment: { accepted: true }, variables: { deliveryMethod: 'pickup' } }, 'lisi');
    expect(res.status).toBe(201);
    await d.complete(res.body.caseId, 'decide_on_spot', 'window1', { decision: 'approved' });
    await d.complete(res.body.caseId, 'verify', 'approver1', { commitmentTrue: true });
    expect(d.elements(await d.finished(res.body.caseId))).toContain('verified');
    await waitFor(async () =>
      (await stack.db.prisma.notificationOutbox.count({ where: { caseId: res.body.caseId, status: 'sent' } })) > 0 ? true : undefined,
    );
  });

  it('when the 核查 passes its due date, then the task shows the deadline, the overdue is recorded for supervision, and the 核查 can still be done', async () => {
    const res = await d.apply(
      { mode: 'commitment', commitment: { accepted: true }, variables: { deliveryMethod: 'pickup', verificationTimeout: 'PT2S' } },
      'lisi',
    );
    expect(res.status).toBe(201);
    const caseId = res.body.caseId as string;
    await d.complete(caseId, 'decide_on_spot', 'window1', { decision: 'approved' });
    const verify = await waitFor(
      async () => (await stack.db.prisma.task.findFirst({ where: { caseId, elementId: 'verify', status: 'open' } })) ?? undefined,
    );
    const planned = await stack.db.prisma.auditEvent.findFirstOrThrow({ where: { caseId, action: 'verification.planned' } });
    expect(verify.dueAt?.toISOString()).toBe((planned.after as { dueAt: string }).dueAt);
    const overdue = await waitFor(
      async () => (await stack.db.prisma.auditEvent.findFirst({ where: { caseId, action: 'verification.overdue' } })) ?? undefined,
      30_000,
      '核查超期督办',
    );
    expect(overdue.elementId).toBe('verification_overdue');
    expect(await stack.db.prisma.task.count({ where: { caseId, elementId: 'verify', status: 'open' } })).toBe(1);
    await d.complete(caseId, 'verify', 'approver1', { commitmentTrue: true });
    expect(d.elements(await d.finished(caseId))).toEqual(expect.arrayContaining(['verification_overdue', 'overdue_reported', 'verified']));
  });
});

describe('approval levels per mode, as the supervisor sees them', () => {
  it('when the cases above are counted, then 标准审批 has 4 levels, 集成快办 2 and 即办件 1 (inspections and corrections are not levels)', async () => {
    const res = await stack.http.get('/api/stats/overview').set(await d.as('supervisor1'));
    expect(res.status).toBe(200);
    expect(res.body.overall.levelsByProcess).toMatchObject({ 'mode-standard': 4, 'mode-integrated': 2, 'mode-immediate': 1 });
  });
});

describe('determinism', () => {
  it('when every case above is replayed from its history, then each rebuilds the same commands (no nondeterminism)', async () => {
    expect(await replayAllOnQueue(stack.taskQueue)).toEqual([]);
  }, 180_000);
});
