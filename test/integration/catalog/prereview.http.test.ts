import { startTestStack, type TestStack } from '../../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const FORM = {
  companyName: '西安莲湖云帆科技有限公司',
  legalRepName: '张三',
  legalRepIdNumber: '610104198801010012',
  registeredCapital: 100,
  businessScope: '软件开发；信息技术咨询服务',
  premisesAddress: '西安市莲湖区劳动南路216号',
  contactPhone: '13900000001',
  taxpayerType: '小规模纳税人',
  employeeCount: 5,
};

describe('资料预审 → formal case (企业开办一件事)', () => {
  it('when an agent submits materials, staff mark one to fix, then ONE notice lists every fix and every missing material, and after the fix the formal case starts with the pre-reviewed materials', async () => {
    const agent = await stack.auth('agent1');
    const window = await stack.auth('window1');
    const submitted = await stack.http
      .post('/api/prereview')
      .set('Authorization', agent)
      .send({
        eventCode: 'EV-COMPANY-OPEN',
        applicantId: 'zhangsan',
        materials: [
          { code: 'ARTICLES', fileRef: 'upload://articles-v1.pdf' },
          { code: 'PREMISES_PROOF', fileRef: 'upload://lease.pdf' },
        ],
      });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;

    // Not yet reviewed: no formal case.
    const early = await stack.http
      .post(`/api/prereview/${id}/case`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form: FORM });
    expect(early.status).toBe(409);

    const incomplete = await stack.http
      .post(`/api/prereview/${id}/review`)
      .set('Authorization', window)
      .send({ materials: [{ code: 'ARTICLES', status: 'fix' }] });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'materials.PREMISES_PROOF',
      'materials.ARTICLES.reason',
    ]);

    const reviewed = await stack.http
      .post(`/api/prereview/${id}/review`)
      .set('Authorization', window)
      .send({
        materials: [
          { code: 'ARTICLES', status: 'fix', reason: '章程缺少全体股东签字' },
          { code: 'PREMISES_PROOF', status: 'ok' },
        ],
      });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.notice).toContain('第三十二条');
    expect(reviewed.body.notice).toContain('公司章程（全体股东签署）：章程缺少全体股东签字');
    expect(reviewed.body.notice).toContain('企业名称自主申报承诺书（可书面承诺替代）：尚未提交');
    expect(reviewed.body.toFix.map((m: { code: string }) => m.code)).toEqual(['ARTICLES']);

    // The applicant sees the same notice; a formal case now would still lack the articles.
    const mine = await stack.http.get(`/api/prereview/${id}`).set('Authorization', await stack.auth('zhangsan'));
    expect(mine.body.notice).toBe(reviewed.body.notice);
    const lacking = await stack.http
      .post(`/api/prereview/${id}/case`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form: FORM, materials: { commitments: ['NAME_DECLARATION'] } });
    expect(lacking.status).toBe(400);
    expect(lacking.body.error.details.map((d: { field: string }) => d.field)).toEqual(['materials.ARTICLES']);
    const others = await stack.http.get(`/api/prereview/${id}`).set('Authorization', await stack.auth('lisi'));
    expect(others.status).toBe(404);

    const fixed = await stack.http
      .post(`/api/prereview/${id}/materials`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ materials: [{ code: 'ARTICLES', fileRef: 'upload://articles-v2.pdf' }] });
    expect(fixed.body.status).toBe('submitted');
    const ok = await stack.http
      .post(`/api/prereview/${id}/review`)
      .set('Authorization', window)
      .send({
        materials: [
          { code: 'ARTICLES', status: 'ok' },
          { code: 'PREMISES_PROOF', status: 'ok' },
        ],
      });
    expect(ok.body.toFix).toEqual([]);

    const formal = await stack.http
      .post(`/api/prereview/${id}/case`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form: FORM, materials: { commitments: ['NAME_DECLARATION'] } });
    expect(formal.status).toBe(201);
    expect(formal.body.kind).toBe('event');
    const articles = formal.body.materials.find((m: { code: string }) => m.code === 'ARTICLES');
    expect(articles).toMatchObject({ resolution: 'submitted' });
    expect(formal.body.materials.find((m: { code: string }) => m.code === 'PREMISES_PROOF')).toMatchObject({ resolution: 'submitted' });
    expect(formal.body.materials.find((m: { code: string }) => m.code === 'BUSINESS_LICENCE')).toMatchObject({ resolution: 'bundle' });

    const record = await stack.http.get(`/api/events/cases/${formal.body.eventCaseId}`).set('Authorization', await stack.auth('zhangsan'));
    expect(record.body.prereviewId).toBe(id);
    const used = await stack.http.get(`/api/prereview/${id}`).set('Authorization', window);
    expect(used.body).toMatchObject({ status: 'used', caseId: formal.body.eventCaseId });
    const twice = await stack.http
      .post(`/api/prereview/${id}/case`)
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form: FORM });
    expect(twice.status).toBe(409);
  });

  it('when a single item is pre-reviewed, then the formal case is that item’s process with the materials attached', async () => {
    const item = '000117003000-610104000000-000-11610104MB2984108H-1-00';
    const pre = await stack.http
      .post('/api/prereview')
      .set('Authorization', await stack.auth('lisi'))
      .send({ itemCode: item, materials: [{ code: 'PHOTO', fileRef: 'upload://photo.jpg' }] });
    expect(pre.status).toBe(201);
    await stack.http
      .post(`/api/prereview/${pre.body.id}/review`)
      .set('Authorization', await stack.auth('window1'))
      .send({ materials: [{ code: 'PHOTO', status: 'ok' }] });
    const formal = await stack.http
      .post(`/api/prereview/${pre.body.id}/case`)
      .set('Authorization', await stack.auth('lisi'))
      .send({
        form: { applicantName: '李四', idNumber: '610104195801010011', contactPhone: '13600000000' },
        materials: { submitted: ['RESIDENT_ID'] },
      });
    expect(formal.status).toBe(201);
    expect(formal.body).toMatchObject({ kind: 'item', processKey: 'item-mzj' });
    expect(formal.body.variables.prereviewId).toBe(pre.body.id);
    const unknown = await stack.http
      .post('/api/prereview')
      .set('Authorization', await stack.auth('lisi'))
      .send({ itemCode: 'NO-SUCH', materials: [{ code: 'PHOTO', fileRef: 'x' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('NO-SUCH');
  });
});
