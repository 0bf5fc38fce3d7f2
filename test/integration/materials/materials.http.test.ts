import { createHash } from 'node:crypto';
import { overrideHandlingConfig } from '../../../activities/handling/config';
import { overrideMaterialsConfig } from '../../../server/materials/config';
import { ofd, pdf, png, zipWithout } from '../../fixtures/materials/make-files';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

/** 食品经营许可（新办）: core PREMISES_LAYOUT (upload only), FOOD_SAFETY_SYSTEM (commitment), HEALTH_CERT (deferrable). */
const FOOD_ITEM = '000120002000-610104000000-000-11610104MB2984105E-1-00';

let stack: TestStack;
let restore: () => void;
beforeAll(async () => {
  restore = overrideHandlingConfig({ quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false } });
  stack = await startTestStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  restore?.();
});

const as = async (userId: string) => ({ authorization: await stack.auth(userId) });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function foodCase(applicant = 'zhangsan', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.http
    .post('/api/cases')
    .set(await as(applicant))
    .send({
      processKey: 'item-food-licence',
      itemCode: FOOD_ITEM,
      title: '食品经营许可（新办）',
      variables: { shopName: '好味面馆', ...extra },
    });
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

async function upload(caseId: string, userId: string, code: string, file: Buffer, fileName: string, name?: string) {
  const req = stack.http
    .post(`/api/cases/${caseId}/materials`)
    .set(await as(userId))
    .field('code', code);
  if (name) req.field('name', name);
  return req.attach('file', file, { filename: fileName, contentType: 'application/octet-stream' });
}

type Entry = {
  code: string;
  state: string;
  deadline?: string | null;
  note?: string;
  file?: { id: string; status: string };
  history: { id: string; status: string }[];
};
async function checklist(caseId: string, userId = 'zhangsan') {
  const res = await stack.http.get(`/api/cases/${caseId}/materials`).set(await as(userId));
  expect(res.status).toBe(200);
  return res.body as { items: Entry[]; total: number; complete: boolean };
}
const entry = (list: { items: Entry[] }, code: string) => list.items.find((i) => i.code === code)!;

describe('申请材料: upload, checklist, download', () => {
  test('when the applicant uploads a PDF for an item material, then the checklist shows it and the download is byte-identical with its sha256 and UTF-8 file name', async () => {
    const caseId = await foodCase();
    const file = pdf('premises layout');
    const res = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', file, '经营场所平面布局图.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'PREMISES_LAYOUT',
      name: '经营场所平面布局图（含功能分区、设备布局）',
      fileName: '经营场所平面布局图.pdf',
      contentType: 'application/pdf',
      size: file.length,
      sha256: sha(file),
      status: 'submitted',
      uploadedBy: 'zhangsan',
    });
    expect(res.body.content).toBeUndefined();
    expect(res.headers.location).toBe(`/api/cases/${caseId}/materials/${res.body.id}/content`);

    const list = await checklist(caseId);
    expect(list.items.map((i) => i.code)).toEqual([
      'BUSINESS_LICENCE',
      'RESIDENT_ID',
      'PREMISES_LAYOUT',
      'FOOD_SAFETY_SYSTEM',
      'HEALTH_CERT',
    ]);
    expect(entry(list, 'PREMISES_LAYOUT')).toMatchObject({ state: 'submitted', core: true, required: true, file: { id: res.body.id } });
    expect(entry(list, 'BUSINESS_LICENCE')).toMatchObject({ state: 'e-licence' });
    expect(entry(list, 'HEALTH_CERT')).toMatchObject({ state: 'shared-data' });
    expect(entry(list, 'FOOD_SAFETY_SYSTEM')).toMatchObject({ state: 'missing' });
    expect(list.complete).toBe(false);

    // Staff read the same file, byte for byte.
    const dl = await stack.http
      .get(`/api/cases/${caseId}/materials/${res.body.id}/content`)
      .set(await as('window1'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(dl.status).toBe(200);
    expect(Buffer.compare(dl.body as Buffer, file)).toBe(0);
    expect(sha(dl.body as Buffer)).toBe(res.body.sha256);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="_________.pdf"; filename*=UTF-8''${encodeURIComponent('经营场所平面布局图.pdf')}`,
    );

    // The upload is in the case timeline, for the applicant too.
    const timeline = await stack.http.get(`/api/cases/${caseId}/timeline`).set(await as('zhangsan'));
    const uploaded = timeline.body.items.find((e: { action: string }) => e.action === 'material.uploaded');
    expect(uploaded).toMatchObject({
      actor: 'zhangsan',
      label: '提交材料',
      name: '经营场所平面布局图（含功能分区、设备布局）（经营场所平面布局图.pdf）',
    });
  });

  test('when window staff upload a scanned PNG at the counter, then it is stored as theirs; an extra material goes under OTHER', async () => {
    const caseId = await foodCase();
    const res = await upload(caseId, 'window1', 'FOOD_SAFETY_SYSTEM', png(), 'scan.png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', uploadedBy: 'window1' });
    const extra = await upload(caseId, 'zhangsan', 'OTHER', ofd(), '补充说明.ofd');
    expect(extra.status).toBe(201);
    expect(extra.body).toMatchObject({ contentType: 'application/ofd', name: '其他补充材料' });
    const list = await checklist(caseId);
    expect(entry(list, 'OTHER')).toMatchObject({ required: false, state: 'submitted' });
  });

  test('when a general process gets uploads with free codes, then the checklist lists just those uploads', async () => {
    const res = await stack.http
      .post('/api/cases')
      .set(await as('zhangsan'))
      .send({ processKey: 'general-approval', title: '一般审批', variables: { shopName: '好味面馆' } });
    const caseId = res.body.caseId as string;
    expect((await checklist(caseId)).items).toEqual([]);
    const up = await upload(caseId, 'zhangsan', 'attachment-1', pdf(), '说明.pdf', '申请说明');
    expect(up.status).toBe(201);
    const list = await checklist(caseId);
    expect(list.items).toEqual([expect.objectContaining({ code: 'attachment-1', name: '申请说明', required: false, state: 'submitted' })]);
  });
});

describe('申请材料: refusals, and nothing half-written', () => {
  test('when the file is larger than the limit, then 413 with the error shape and nothing is stored', async () => {
    const caseId = await foodCase();
    const undo = overrideMaterialsConfig({ maxFileBytes: 2048 });
    try {
      const big = Buffer.concat([pdf(), Buffer.alloc(4096, 0x20)]);
      const res = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', big, 'big.pdf');
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { field: 'file', limitBytes: 2048 } });
      expect(res.body.error.message).toContain('MB');
    } finally {
      undo();
    }
    expect(await stack.db.prisma.caseMaterial.count({ where: { caseId } })).toBe(0);
    expect(await stack.db.prisma.auditEvent.count({ where: { caseId, action: 'material.uploaded' } })).toBe(0);
  });

  test('when the code is not a material of the item, then 400 names the code and lists the item codes', async () => {
    const caseId = await foodCase();
    const res = await upload(caseId, 'zhangsan', 'NOT_A_MATERIAL', pdf(), 'x.pdf');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('NOT_A_MATERIAL');
    expect(res.body.error.message).toContain('PREMISES_LAYOUT');
    expect(res.body.error.details.codes.map((c: { code: string }) => c.code)).toEqual([
      'BUSINESS_LICENCE',
      'RESIDENT_ID',
      'PREMISES_LAYOUT',
      'FOOD_SAFETY_SYSTEM',
      'HEALTH_CERT',
      'OTHER',
    ]);
  });

  test('when the content is not PDF/JPG/PNG/OFD, then 400 whatever the name says, and nothing is stored', async () => {
    const caseId = await foodCase();
    const text = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', Buffer.from('MZ this is not a pdf'), 'layout.pdf');
    expect(text.status).toBe(400);
    expect(text.body.error.details).toMatchObject({ field: 'file', detected: null, allowed: ['pdf', 'jpg', 'png', 'ofd'] });
    const zip = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', zipWithout(), 'layout.ofd');
    expect(zip.status).toBe(400);
    const none = await stack.http
      .post(`/api/cases/${caseId}/materials`)
      .set(await as('zhangsan'))
      .field('code', 'PREMISES_LAYOUT');
    expect(none.status).toBe(400);
    expect(none.body.error.details).toMatchObject({ field: 'file' });
    const json = await stack.http
      .post(`/api/cases/${caseId}/materials`)
      .set(await as('zhangsan'))
      .send({ code: 'PREMISES_LAYOUT' });
    expect(json.status).toBe(415);
    expect(await stack.db.prisma.caseMaterial.count({ where: { caseId } })).toBe(0);
  });

  test('when another applicant uploads, lists or downloads, then 404 as if the case did not exist; a supervisor may not upload (403)', async () => {
    const caseId = await foodCase('zhangsan');
    const mine = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', pdf(), 'a.pdf');
    const res = await upload(caseId, 'lisi', 'PREMISES_LAYOUT', pdf(), 'b.pdf');
    expect(res.status).toBe(404);
    expect(res.body.error.details).toEqual({ case: caseId });
    expect((await stack.http.get(`/api/cases/${caseId}/materials`).set(await as('lisi'))).status).toBe(404);
    expect((await stack.http.get(`/api/cases/${caseId}/materials/${mine.body.id}/content`).set(await as('lisi'))).status).toBe(404);
    expect((await upload(caseId, 'supervisor1', 'PREMISES_LAYOUT', pdf(), 'c.pdf')).status).toBe(403);
    expect((await stack.http.get(`/api/cases/${caseId}/materials/nope/content`).set(await as('zhangsan'))).status).toBe(404);
  });

  test('when the case is closed, then an upload is refused with 409', async () => {
    const res = await stack.http
      .post('/api/cases')
      .set(await as('zhangsan'))
      .send({ processKey: 'general-approval', title: '一般审批', variables: { shopName: '好味面馆' } });
    const caseId = res.body.caseId as string;
    const task = await waitFor(
      async () =>
        (
          await stack.http
            .get('/api/tasks')
            .query({ caseId })
            .set(await as('window1'))
        ).body.items[0] as { id: string } | undefined,
    );
    await stack.http
      .post(`/api/tasks/${encodeURIComponent(task.id)}/complete`)
      .set(await as('window1'))
      .send({ variables: { accepted: false, opinion: '不符合受理条件' } })
      .expect(200);
    await waitFor(async () =>
      (await stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined,
    );
    const up = await upload(caseId, 'zhangsan', 'attachment', pdf(), 'late.pdf');
    expect(up.status).toBe(409);
    expect(up.body.error.code).toBe('CONFLICT');
    expect(await stack.db.prisma.caseMaterial.count({ where: { caseId } })).toBe(0);
  });
});

describe('申请材料: review and 补正', () => {
  test('when staff ask for a correction, then the applicant’s progress names it with the reason, the applicant is notified once, and a re-upload supersedes the file', async () => {
    const caseId = await foodCase();
    const first = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', pdf('v1'), '布局图.pdf');
    const url = `/api/cases/${caseId}/materials/${first.body.id}/review`;

    expect(
      (
        await stack.http
          .post(url)
          .set(await as('zhangsan'))
          .send({ verdict: 'accepted' })
      ).status,
    ).toBe(403);
    const noNote = await stack.http
      .post(url)
      .set(await as('window1'))
      .send({ verdict: 'needs-correction' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details).toEqual({ field: 'note' });

    const review = await stack.http
      .post(url)
      .set(await as('window1'))
      .send({ verdict: 'needs-correction', note: '未标明功能分区，请补充后重新上传' });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({
      status: 'needs-correction',
      reviewNote: '未标明功能分区，请补充后重新上传',
      reviewedBy: 'window1',
    });
    // Asked again about the same file: still one notice.
    await stack.http
      .post(url)
      .set(await as('window1'))
      .send({ verdict: 'needs-correction', note: '未标明功能分区，请补充后重新上传' })
      .expect(200);

    const progress = await stack.http.get(`/api/notifications/cases/${caseId}/progress`).set(await as('zhangsan'));
    expect(progress.status).toBe(200);
    expect(progress.body.needed).toEqual([
      { code: 'PREMISES_LAYOUT', name: '经营场所平面布局图（含功能分区、设备布局）', reason: '未标明功能分区，请补充后重新上传' },
    ]);
    const notices = await stack.db.prisma.notificationOutbox.findMany({
      where: { caseId, idempotencyKey: { contains: `material-correction:${first.body.id}` } },
    });
    expect(notices.map((n) => n.channel).sort()).toEqual(['in-app', 'sms', 'wechat']);
    expect((notices[0].payload as { needed: string[] }).needed).toEqual([
      '经营场所平面布局图（含功能分区、设备布局）：未标明功能分区，请补充后重新上传',
    ]);
    expect(entry(await checklist(caseId), 'PREMISES_LAYOUT')).toMatchObject({
      state: 'needs-correction',
      note: '未标明功能分区，请补充后重新上传',
    });

    const second = await upload(caseId, 'zhangsan', 'PREMISES_LAYOUT', pdf('v2'), '布局图（修改）.pdf');
    expect(second.status).toBe(201);
    const list = await checklist(caseId);
    expect(entry(list, 'PREMISES_LAYOUT')).toMatchObject({
      state: 'submitted',
      file: { id: second.body.id },
      history: [{ id: first.body.id, status: 'superseded' }],
    });
    const again = await stack.http.get(`/api/notifications/cases/${caseId}/progress`).set(await as('zhangsan'));
    expect(again.body.needed).toEqual([]);
    // The superseded file is kept, not deleted, and can no longer be reviewed.
    expect((await stack.http.get(`/api/cases/${caseId}/materials/${first.body.id}/content`).set(await as('window1'))).status).toBe(200);
    expect(
      (
        await stack.http
          .post(url)
          .set(await as('window1'))
          .send({ verdict: 'accepted' })
      ).status,
    ).toBe(409);
    const ok = await stack.http
      .post(`/api/cases/${caseId}/materials/${second.body.id}/review`)
      .set(await as('approver1'))
      .send({ verdict: 'accepted' });
    expect(ok.body.status).toBe('accepted');
    const reviewed = await stack.db.prisma.auditEvent.findMany({ where: { caseId, action: 'material.reviewed' }, orderBy: { id: 'asc' } });
    expect(reviewed.map((e) => (e.after as { status: string }).status)).toEqual(['needs-correction', 'needs-correction', 'accepted']);
  });

  test('when the applicant applies 容缺 for a material, then the checklist shows it deferred with the deadline until it is uploaded', async () => {
    const res = await stack.http
      .post('/api/handling/applications')
      .set(await as('zhangsan'))
      .send({
        mode: 'deferred',
        itemCode: FOOD_ITEM,
        title: '食品经营许可（新办）',
        deferredMaterials: ['HEALTH_CERT'],
        commitmentLetter: true,
        variables: { shopName: '好味面馆', materialCommitments: ['FOOD_SAFETY_SYSTEM'] },
      });
    expect(res.status).toBe(201);
    const caseId = res.body.caseId as string;
    const due = await waitFor(async () => {
      const row = await stack.db.prisma.case.findUnique({ where: { id: caseId } });
      return (row?.variables as { supplementDueAt?: string }).supplementDueAt;
    });
    const list = await checklist(caseId);
    expect(entry(list, 'HEALTH_CERT')).toMatchObject({ state: 'deferred', deadline: due });
    expect(entry(list, 'FOOD_SAFETY_SYSTEM')).toMatchObject({ state: 'committed' });
    expect(entry(list, 'PREMISES_LAYOUT')).toMatchObject({ state: 'missing', nonDeferrableReason: expect.stringContaining('核心要件') });
    const before = await stack.http.get(`/api/notifications/cases/${caseId}/progress`).set(await as('zhangsan'));
    expect(before.body.needed).toEqual(['从业人员健康证明']);

    await upload(caseId, 'zhangsan', 'HEALTH_CERT', pdf('health'), '健康证.pdf');
    expect(entry(await checklist(caseId), 'HEALTH_CERT')).toMatchObject({ state: 'submitted' });
    const after = await stack.http.get(`/api/notifications/cases/${caseId}/progress`).set(await as('zhangsan'));
    expect(after.body.needed).toEqual([]);
  });
});
