import { replayAllOnQueue } from '../../helpers/replay';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { deptAuth, deptInbox, NEWBORN_FORM } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const CERT = '000116001000-610104000000-000-11610104MB2984101A-1-00';
const HUKOU = '000172001000-610104000000-000-11610104MB2984102B-1-00';
const MEDICAL = '000147001000-610104000000-000-11610104MB2984103C-1-00';
const DEPT_OF: Record<string, string> = {
  '000116': 'wjj',
  '000172': 'gaj',
  '000147': 'ybj',
  '000143': 'rsj',
  '000120': 'scjgj',
  '000173': 'xfjy',
  '000121': 'cgj',
};
const deptOfItem = (code: string) => DEPT_OF[code.slice(0, 6)];

async function applicant(id = 'zhangsan') {
  return stack.auth(id);
}

/** The 综合窗口's open 受理 tasks of the cases whose number starts with `prefix`. */
async function windowInbox(prefix: string): Promise<{ id: string; caseId: string }[]> {
  const res = await stack.http
    .get('/api/tasks')
    .query({ limit: 200 })
    .set('Authorization', await stack.auth('window1'));
  return (res.body.items as { id: string; caseId: string; elementId: string }[]).filter(
    (t) => t.elementId === 'front_desk_accept' && t.caseId.startsWith(prefix),
  );
}

/** Works the window's and every department's inbox for this event case until the combined case ends. */
async function workUntilDone(eventCaseId: string, decide: (itemCode: string, elementId: string) => Record<string, unknown>) {
  return waitFor(
    async () => {
      const res = await stack.http.get(`/api/events/cases/${eventCaseId}`).set('Authorization', await applicant());
      if (res.body.status !== 'running' && res.body.endedAt) return res.body;
      for (const item of res.body.items as { itemCode: string; status: string; caseId: string }[]) {
        if (item.status !== 'running') continue;
        // 无差别受理: the 综合窗口 receives each item before its department sees it.
        for (const task of await windowInbox(item.caseId)) {
          const done = await stack.http
            .post(`/api/tasks/${task.id}/complete`)
            .set('Authorization', await stack.auth('window1'))
            .send({ variables: { accepted: true, opinion: '材料齐全，予以受理' } });
          if (done.status !== 200 && done.status !== 409) throw new Error(`accept ${task.id}: ${done.status} ${JSON.stringify(done.body)}`);
        }
        const dept = deptOfItem(item.itemCode);
        for (const task of await deptInbox(stack, dept, item.caseId)) {
          const done = await stack.http
            .post(`/api/tasks/${task.id}/complete`)
            .set('Authorization', await deptAuth(stack, dept))
            .send({ variables: decide(item.itemCode, task.elementId) });
          if (done.status !== 200 && done.status !== 409)
            throw new Error(`complete ${task.id}: ${done.status} ${JSON.stringify(done.body)}`);
        }
      }
      return undefined;
    },
    90_000,
    `event case ${eventCaseId} to finish`,
  );
}

describe('新生儿出生一件事: one combined case across departments', () => {
  let eventCaseId: string;

  it('when the applicant reads the event, then the joint form asks each field once and each material appears once', async () => {
    const res = await stack.http.get('/api/events/EV-NEWBORN').set('Authorization', await applicant());
    expect(res.status).toBe(200);
    const keys = res.body.form.map((f: { key: string }) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(res.body.form.find((f: { key: string }) => f.key === 'motherIdNumber').itemCodes.length).toBeGreaterThan(3);
    const codes = res.body.materials.map((m: { code: string }) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(res.body.guideMaterialCount).toBe(16);
    expect(res.body.materials.find((m: { code: string }) => m.code === 'BIRTH_MEDICAL_CERT')).toMatchObject({
      resolution: 'bundle',
      applicantSubmits: false,
    });
  });

  it('when the form or materials are incomplete, then 400 lists every problem at once', async () => {
    const res = await stack.http
      .post('/api/events/EV-NEWBORN/cases')
      .set('Authorization', await applicant())
      .send({ form: { ...NEWBORN_FORM, babyName: '', motherIdNumber: '123' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['babyName', 'motherIdNumber', 'materials.PHOTO']);
  });

  it('when an unknown event is started, then 404 names it', async () => {
    const res = await stack.http
      .post('/api/events/EV-NOPE/cases')
      .set('Authorization', await applicant())
      .send({ form: {} });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('EV-NOPE');
  });

  it('when started, then ONE case runs the items as child cases in order, each department sees only its tasks, and one result and notice come back', async () => {
    const started = await stack.http
      .post('/api/events/EV-NEWBORN/cases')
      .set('Authorization', await applicant())
      .send({ form: NEWBORN_FORM, materials: { deferrals: ['PHOTO'] } });
    expect(started.status).toBe(201);
    eventCaseId = started.body.eventCaseId;
    expect(started.body.reduction).toEqual({ required: 16, submitted: 1, rate: 0.938 });
    // Only the 出生医学证明 starts: everything else waits for its result.
    const byCode = (body: { items: { itemCode: string; status: string }[] }, code: string) => body.items.find((i) => i.itemCode === code)!;
    expect(byCode(started.body, CERT).status).toBe('running');
    expect(byCode(started.body, HUKOU).status).toBe('waiting');

    // 无差别受理: the 综合窗口 receives the first item before any department sees it.
    const [reception] = await waitFor(async () => {
      const t = await windowInbox(eventCaseId);
      return t.length ? t : undefined;
    });
    expect(reception!.caseId).toBe(`${eventCaseId}-01`);
    expect(await deptInbox(stack, 'wjj', eventCaseId)).toEqual([]);
    // The applicant's progress names the window's decision as the next step (it used to say 办结).
    const progress = await stack.http.get(`/api/notifications/cases/${reception!.caseId}/progress`).set('Authorization', await applicant());
    expect(progress.status).toBe(200);
    expect(progress.body.current.map((t: { elementId: string }) => t.elementId)).toEqual(['front_desk_accept']);
    expect(progress.body.next.map((s: { name: string }) => s.name)).toEqual(['是否受理？']);
    const accepted = await stack.http
      .post(`/api/tasks/${reception!.id}/complete`)
      .set('Authorization', await stack.auth('window1'))
      .send({ variables: { accepted: true, opinion: '材料齐全，予以受理' } });
    expect(accepted.status).toBe(200);

    const wjjTasks = await waitFor(async () => {
      const t = await deptInbox(stack, 'wjj', eventCaseId);
      return t.length ? t : undefined;
    });
    expect(wjjTasks.map((t) => t.name)).toEqual(['审核办理（区卫生健康局）']);
    expect(await deptInbox(stack, 'gaj', eventCaseId)).toEqual([]);

    const final = await workUntilDone(eventCaseId, () => ({ decision: 'approved', opinion: '符合条件，准予办理' }));
    expect(final.status).toBe('completed');
    expect(final.result.results).toHaveLength(6);
    expect(final.notice).toContain('已全部办结');
    expect(final.notice).toContain('出生医学证明（电子证照）');

    // The 户口 child case received the 出生医学证明 e-licence from the first item, and started after it ended.
    const items = final.items as { itemCode: string; caseId: string; licence?: { number: string } }[];
    const cert = items.find((i) => i.itemCode === CERT)!;
    const hukou = items.find((i) => i.itemCode === HUKOU)!;
    const hukouCase = await stack.http.get(`/api/cases/${hukou.caseId}`).set('Authorization', await deptAuth(stack, 'gaj'));
    expect(hukouCase.body.variables.upstreamResults[CERT].licence.number).toBe(cert.licence!.number);
    const [certRow, hukouRow, medicalRow] = await Promise.all(
      [cert.caseId, hukou.caseId, items.find((i) => i.itemCode === MEDICAL)!.caseId].map((id) =>
        stack.db.prisma.case.findUniqueOrThrow({ where: { id } }),
      ),
    );
    expect(hukouRow.startedAt.getTime()).toBeGreaterThanOrEqual(certRow.endedAt!.getTime());
    expect(medicalRow.startedAt.getTime()).toBeGreaterThanOrEqual(hukouRow.endedAt!.getTime());
    const audit = await stack.db.prisma.auditEvent.findMany({ where: { caseId: eventCaseId }, select: { action: true } });
    expect(audit.filter((a) => a.action === 'event-case.notice.sent')).toHaveLength(1);
  });

  it('when the applicant lists their cases, then the combined case stands for its items; the items are listed on request', async () => {
    const mine = await stack.http.get('/api/cases?limit=100').set('Authorization', await applicant());
    expect(mine.body.items.some((c: { id: string }) => c.id.startsWith(eventCaseId))).toBe(false);
    const events = await stack.http.get('/api/events/cases').set('Authorization', await applicant());
    expect(events.body.items.map((e: { id: string }) => e.id)).toContain(eventCaseId);
    const items = await stack.http.get(`/api/cases?eventCaseId=${eventCaseId}`).set('Authorization', await applicant());
    expect(items.body.total).toBe(6);
    expect(items.body.items.every((c: { eventCaseId: string }) => c.eventCaseId === eventCaseId)).toBe(true);
    const staff = await stack.http.get('/api/cases?limit=100').set('Authorization', await deptAuth(stack, 'wjj'));
    expect(staff.body.items.filter((c: { eventCaseId: string | null }) => c.eventCaseId === eventCaseId).length).toBe(6);
  });

  it('when another applicant asks for the case, then it is not found; the supervisor sees the reduction rate and an applicant may not', async () => {
    const other = await stack.http.get(`/api/events/cases/${eventCaseId}`).set('Authorization', await applicant('lisi'));
    expect(other.status).toBe(404);
    const stats = await stack.http.get('/api/stats/material-reduction').set('Authorization', await stack.auth('supervisor1'));
    expect(stats.status).toBe(200);
    expect(stats.body.byEvent.find((e: { eventCode: string }) => e.eventCode === 'EV-NEWBORN')).toMatchObject({
      cases: 1,
      required: 16,
      submitted: 1,
      rate: 0.938,
    });
    expect(stats.body.districtReported.rate).toBe(0.71);
    const forbidden = await stack.http.get('/api/stats/material-reduction').set('Authorization', await applicant());
    expect(forbidden.status).toBe(403);
  });
});

describe('开办餐饮店一件事: 免踏勘 in the handling process, and a partly refused bundle', () => {
  it('when the premises keep their business type and structure, then the food licence skips inspection; a refused item gives a partial result with its reason', async () => {
    const form = {
      companyName: '西安好味餐饮管理有限公司',
      legalRepName: '张三',
      legalRepIdNumber: '610104198801010012',
      registeredCapital: 50,
      businessScope: '餐饮服务；食品销售',
      premisesAddress: '西安市莲湖区北院门144号',
      contactPhone: '13900000000',
      businessType: '餐饮服务',
      previousBusinessType: '餐饮服务',
      mainStructureChanged: false,
      previouslyLicensed: true,
      operatingArea: 120,
      signText: '好味面馆',
    };
    const started = await stack.http
      .post('/api/events/EV-RESTAURANT/cases')
      .set('Authorization', await applicant())
      .send({
        form,
        materials: {
          submitted: ['ARTICLES', 'PREMISES_LAYOUT'],
          commitments: ['NAME_DECLARATION', 'PREMISES_PROOF', 'FOOD_SAFETY_SYSTEM', 'FIRE_SAFETY_COMMITMENT', 'FIRE_SAFETY_SYSTEM'],
          deferrals: ['SIGN_DESIGN'],
        },
      });
    expect(started.status).toBe(201);
    const final = await workUntilDone(started.body.eventCaseId, (itemCode) =>
      itemCode.startsWith('000121001000')
        ? { decision: 'rejected', opinion: '牌匾尺寸超出历史街区风貌管控要求' }
        : { decision: 'approved', opinion: '准予许可' },
    );
    expect(final.status).toBe('partially-completed');
    expect(final.result.notApproved).toEqual([
      expect.objectContaining({ status: 'rejected', opinion: '牌匾尺寸超出历史街区风貌管控要求' }),
    ]);
    expect(final.notice).toContain('牌匾尺寸超出历史街区风貌管控要求');
    const food = final.items.find((i: { itemCode: string }) => i.itemCode.startsWith('000120002000'));
    const foodCase = await stack.http.get(`/api/cases/${food.caseId}`).set('Authorization', await deptAuth(stack, 'scjgj'));
    const path = foodCase.body.path.map((p: { elementId: string }) => p.elementId);
    expect(path).toEqual(expect.arrayContaining(['front_desk_accept', 'review', 'exemption', 'decide']));
    expect(path.indexOf('front_desk_accept')).toBeLessThan(path.indexOf('review'));
    expect(path).not.toContain('inspect');
    expect(foodCase.body.variables.inspectionExempt).toBe(true);
  });
});

describe('determinism', () => {
  it('when every workflow above is replayed from its history, then each rebuilds the same commands (no nondeterminism)', async () => {
    expect(await replayAllOnQueue(stack.taskQueue)).toEqual([]);
  }, 180_000);
});
