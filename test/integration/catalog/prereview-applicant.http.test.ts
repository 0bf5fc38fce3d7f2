import { pdf } from '../../fixtures/materials/make-files';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { acceptAtFrontDesk, deptAuth, deptInbox } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** 个体工商户设立登记: two materials, handled by the market regulator. */
const ITEM = '000120006000-610104000000-000-11610104MB2984105E-1-00';
const FORM = { applicantName: '张三', idNumber: '610104199001011234', premisesAddress: '莲湖区西大街 1 号', businessScope: '餐饮服务' };

async function upload(user: string, code: string, body: Buffer, name: string) {
  return stack.http
    .post('/api/prereview/files')
    .set('Authorization', await stack.auth(user))
    .field('code', code)
    .attach('file', body, name);
}

describe('资料预审 with real files, from the applicant to the formal case and its result', () => {
  let caseId = '';

  it('when an applicant uploads files and asks for a pre-review, then the desk reads the files, one notice lists the fix, and the files that pass go with the formal case', async () => {
    const bad = await upload('zhangsan', 'RESIDENT_ID', Buffer.from('just text'), 'id.pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('file');
    const id = await upload('zhangsan', 'RESIDENT_ID', pdf('id card'), '身份证.pdf');
    expect(id.status).toBe(201);
    expect(id.body).toMatchObject({
      fileName: '身份证.pdf',
      contentType: 'application/pdf',
      fileRef: expect.stringMatching(/^prereview-file:/),
    });
    const lease = await upload('zhangsan', 'PREMISES_PROOF', pdf('lease v1'), '租赁合同.pdf');
    const theirs = await upload('lisi', 'PREMISES_PROOF', pdf('not yours'), 'x.pdf');

    // Someone else's file cannot be named.
    const stolen = await stack.http
      .post('/api/prereview')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ itemCode: ITEM, materials: [{ code: 'PREMISES_PROOF', fileRef: theirs.body.fileRef }] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.details[0].field).toBe('materials.PREMISES_PROOF.fileRef');

    const submitted = await stack.http
      .post('/api/prereview')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({
        itemCode: ITEM,
        materials: [
          { code: 'RESIDENT_ID', fileRef: id.body.fileRef },
          { code: 'PREMISES_PROOF', fileRef: lease.body.fileRef },
        ],
      });
    expect(submitted.status).toBe(201);
    const pr = submitted.body.id as string;

    const desk = await stack.http
      .get('/api/prereview?status=submitted')
      .set('Authorization', await stack.auth('window1'))
      .expect(200);
    const mine = desk.body.items.find((p: { id: string }) => p.id === pr);
    expect(mine.targetName).toBe('个体工商户设立登记');
    const leaseRow = mine.materials.find((m: { code: string }) => m.code === 'PREMISES_PROOF');
    expect(leaseRow.file).toMatchObject({ fileName: '租赁合同.pdf' });
    const content = await stack.http
      .get(`/api/prereview/${pr}/files/${leaseRow.file.id}/content`)
      .set('Authorization', await stack.auth('window1'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(content.status).toBe(200);
    expect(Buffer.compare(content.body as Buffer, pdf('lease v1'))).toBe(0);
    expect(
      (await stack.http.get(`/api/prereview/${pr}/files/${leaseRow.file.id}/content`).set('Authorization', await stack.auth('lisi')))
        .status,
    ).toBe(404);
    // A file that is not part of this pre-review is not served through it.
    expect(
      (await stack.http.get(`/api/prereview/${pr}/files/${theirs.body.id}/content`).set('Authorization', await stack.auth('window1')))
        .status,
    ).toBe(404);

    const reviewed = await stack.http
      .post(`/api/prereview/${pr}/review`)
      .set('Authorization', await stack.auth('window1'))
      .send({
        materials: [
          { code: 'RESIDENT_ID', status: 'ok' },
          { code: 'PREMISES_PROOF', status: 'fix', reason: '租赁合同缺少出租方签字' },
        ],
      })
      .expect(200);
    expect(reviewed.body.notice).toContain('场所');
    expect(reviewed.body.notice).toContain('租赁合同缺少出租方签字');

    const lease2 = await upload('zhangsan', 'PREMISES_PROOF', pdf('lease v2'), '租赁合同-签字.pdf');
    await stack.http
      .post(`/api/prereview/${pr}/materials`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ materials: [{ code: 'PREMISES_PROOF', fileRef: lease2.body.fileRef }] })
      .expect(200);
    await stack.http
      .post(`/api/prereview/${pr}/review`)
      .set('Authorization', await stack.auth('window1'))
      .send({
        materials: [
          { code: 'RESIDENT_ID', status: 'ok' },
          { code: 'PREMISES_PROOF', status: 'ok' },
        ],
      })
      .expect(200);

    const formal = await stack.http
      .post(`/api/prereview/${pr}/case`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form: FORM, materials: {} });
    expect(formal.status).toBe(201);
    caseId = formal.body.caseId;
    const checklist = await stack.http
      .get(`/api/cases/${caseId}/materials`)
      .set('Authorization', await stack.auth('window1'))
      .expect(200);
    const byCode = Object.fromEntries(
      checklist.body.items.map((i: { code: string; state: string; file?: { fileName: string } }) => [i.code, i]),
    );
    expect(byCode.PREMISES_PROOF).toMatchObject({ state: 'submitted', file: { fileName: '租赁合同-签字.pdf' } });
    expect(byCode.RESIDENT_ID.file).toMatchObject({ fileName: '身份证.pdf' });
  });

  it('when the case is approved, then the applicant chooses 邮寄 (address required) or 领取, 我的办件 says 待领取, staff see it and confirm the hand-over', async () => {
    const me = await stack.auth('zhangsan');
    const early = await stack.http.put(`/api/delivery/${caseId}/choice`).set('Authorization', me).send({ method: 'pickup' });
    expect(early.status).toBe(409);

    const staff = await deptAuth(stack, 'scjgj');
    for (let i = 0; i < 8; i++) {
      const tasks = await waitFor(async () => {
        await acceptAtFrontDesk(stack, caseId); // 无差别受理: the 综合窗口 first
        return (await deptInbox(stack, 'scjgj', caseId)).slice(0, 1);
      }, 15_000).catch(() => []);
      if (!tasks.length) break;
      await stack.http
        .post(`/api/tasks/${tasks[0].id}/complete`)
        .set('Authorization', staff)
        .send({ variables: { accepted: true, decision: 'approved', opinion: '准予登记' } })
        .expect(200);
    }
    await waitFor(
      async () =>
        (await stack.http.get(`/api/me/cases/${caseId}`).set('Authorization', me)).body.status === 'completed' ? true : undefined,
      30_000,
      'case completed',
    );

    const noAddress = await stack.http
      .put(`/api/delivery/${caseId}/choice`)
      .set('Authorization', me)
      .send({ method: 'mail', recipient: '张三' });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.details.map((d: { path: string }) => d.path)).toEqual(['address', 'phone']);
    const mailed = await stack.http
      .put(`/api/delivery/${caseId}/choice`)
      .set('Authorization', me)
      .send({ method: 'mail', address: '莲湖区西大街 1 号 3 单元', recipient: '张三', phone: '13800000001' })
      .expect(200);
    expect(mailed.body).toMatchObject({ method: 'mail', status: 'to-mail', address: '莲湖区西大街 1 号 3 单元，张三，13800000001' });
    expect(
      (
        await stack.http
          .put(`/api/delivery/${caseId}/choice`)
          .set('Authorization', await stack.auth('lisi'))
          .send({ method: 'pickup' })
      ).status,
    ).toBe(404);

    const pickup = await stack.http.put(`/api/delivery/${caseId}/choice`).set('Authorization', me).send({ method: 'pickup' }).expect(200);
    expect(pickup.body).toMatchObject({ method: 'pickup', status: 'awaiting-pickup', address: null });
    // The same choice again changes nothing.
    const again = await stack.http.put(`/api/delivery/${caseId}/choice`).set('Authorization', me).send({ method: 'pickup' }).expect(200);
    expect(again.body.dueAt).toBe(pickup.body.dueAt);
    expect((await stack.http.get(`/api/me/cases/${caseId}`).set('Authorization', me).expect(200)).body.stage).toMatchObject({
      code: 'pickup',
      label: '待领取',
    });
    const list = await stack.http.get('/api/me/cases').set('Authorization', me).expect(200);
    expect(list.body.items.find((c: { id: string }) => c.id === caseId).stage.label).toBe('待领取');

    const seen = await stack.http
      .get(`/api/delivery/${caseId}`)
      .set('Authorization', await stack.auth('window1'))
      .expect(200);
    expect(seen.body).toMatchObject({ method: 'pickup', status: 'awaiting-pickup' });
    const timeline = await stack.http
      .get(`/api/cases/${caseId}/timeline?limit=200`)
      .set('Authorization', await stack.auth('window1'))
      .expect(200);
    expect(JSON.stringify(timeline.body)).toContain('申请人选择窗口领取');

    await stack.http
      .post(`/api/delivery/${caseId}/delivered`)
      .set('Authorization', await stack.auth('window1'))
      .expect(200);
    expect((await stack.http.get(`/api/me/cases/${caseId}`).set('Authorization', me)).body.stage.label).toBe('已办结');
    expect(
      (
        await stack.http
          .put(`/api/delivery/${caseId}/choice`)
          .set('Authorization', me)
          .send({ method: 'mail', address: '莲湖区西大街 1 号', recipient: '张三', phone: '13800000001' })
      ).status,
    ).toBe(409);
  });
});
