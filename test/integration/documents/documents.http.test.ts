import type { Response as AgentResponse } from 'superagent';
import { overrideHandlingConfig } from '../../../activities/handling/config';
import { pdfText } from '../../helpers/pdf-text';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { driver } from '../handling/helpers';

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

async function finishedCase(user = 'zhangsan') {
  const res = await d.apply({ mode: 'immediate', variables: { deliveryMethod: 'pickup', contactPhone: '13911112222' } }, user);
  await d.complete(res.body.caseId, 'decide_on_spot', 'window1', { decision: 'approved', opinion: '符合条件' });
  await d.finished(res.body.caseId);
  return res.body.caseId as string;
}

const binary = (res: AgentResponse, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('办件文书 and the public progress lookup (real stack)', () => {
  let caseId = '';
  let receipt: { id: string; number: string; verifyCode: string; url: string; version: number };

  test('when a case is decided, then its receipt and decision exist as PDFs that say so, with the number, verification code and a demo seal', async () => {
    caseId = await finishedCase();
    const list = await stack.http
      .get(`/api/cases/${caseId}/documents`)
      .set(await d.as('zhangsan'))
      .expect(200);
    const kinds = list.body.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['receipt', 'approval']));
    receipt = list.body.items.find((i: { kind: string }) => i.kind === 'receipt');
    const pdf = await stack.http
      .get(receipt.url)
      .set(await d.as('zhangsan'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('受理回执');
    expect(text).toContain(caseId);
    expect(text).toContain(`验证码：${receipt.verifyCode}`);
    expect(text).toContain('演示签章，不具法律效力');
    // The same list again issues nothing new: documents are kept, not regenerated.
    const again = await stack.http
      .get(`/api/cases/${caseId}/documents`)
      .set(await d.as('zhangsan'))
      .expect(200);
    expect(again.body.items.find((i: { kind: string }) => i.kind === 'receipt').id).toBe(receipt.id);
    // Others' cases do not exist for an applicant.
    await stack.http
      .get(`/api/cases/${caseId}/documents`)
      .set(await d.as('lisi'))
      .expect(404);
  });

  test('when the window reissues a document, then a new version is kept, the old one still verifies as superseded, and the timeline lists both', async () => {
    const res = await stack.http
      .post(`/api/cases/${caseId}/documents/receipt/reissue`)
      .set(await d.as('window1'))
      .expect(201);
    const v2 = res.body.items.find((i: { kind: string }) => i.kind === 'receipt');
    expect(v2.version).toBe(2);
    await stack.http
      .post(`/api/cases/${caseId}/documents/receipt/reissue`)
      .set(await d.as('zhangsan'))
      .expect(403);
    await stack.http
      .post(`/api/cases/${caseId}/documents/nope/reissue`)
      .set(await d.as('window1'))
      .expect(400);
    const old = await stack.http
      .post('/api/public/documents/verify')
      .send({ number: receipt.number, verifyCode: receipt.verifyCode })
      .expect(200);
    expect(old.body).toMatchObject({ valid: true, superseded: true, title: '受理回执' });
    const forged = await stack.http
      .post('/api/public/documents/verify')
      .send({ number: receipt.number, verifyCode: '00000000' })
      .expect(200);
    expect(forged.body).toEqual({ valid: false });
    const timeline = await stack.http
      .get(`/api/cases/${caseId}/timeline?limit=200`)
      .set(await d.as('zhangsan'))
      .expect(200);
    const issued = (timeline.body.items as { action: string; name?: string }[]).filter((e) => e.action === 'document.issued');
    expect(issued.length).toBeGreaterThanOrEqual(3);
  });

  test('when the window refuses to accept a case, then a 不予受理决定书 is kept with it, in Chinese, with the appeal rights, the number and the seal', async () => {
    const started = await stack.http
      .post('/api/cases')
      .set(await d.as('zhangsan'))
      .send({ processKey: 'general-approval', variables: { shopName: '好味面馆' } })
      .expect(201);
    const id = started.body.caseId as string;
    await d.complete(id, 'accept', 'window1', { accepted: false, opinion: '申请事项不属于本机关职权范围' });
    await d.finished(id);
    const list = await stack.http
      .get(`/api/cases/${id}/documents`)
      .set(await d.as('zhangsan'))
      .expect(200);
    const rejection = list.body.items.find((i: { kind: string }) => i.kind === 'rejection');
    expect(rejection).toMatchObject({ title: '不予受理决定书', version: 1 });
    expect(list.body.items.map((i: { kind: string }) => i.kind)).not.toContain('approval');
    const pdf = await stack.http
      .get(rejection.url)
      .set(await d.as('zhangsan'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('不予受理决定书'));
    // Lines wrap anywhere in Chinese: compare without the breaks.
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
    for (const words of ['不予受理决定书', '决定不予受理', '申请事项不属于本机关职权范围', '行政复议', id, '演示签章'])
      expect(text).toContain(words);
    const timeline = await stack.http
      .get(`/api/cases/${id}/timeline?limit=200`)
      .set(await d.as('window1'))
      .expect(200);
    expect(JSON.stringify(timeline.body.items.filter((e: { action: string }) => e.action === 'document.issued'))).toContain(
      '不予受理决定书',
    );
  });

  test('when anyone asks for progress by number and phone or query code, then only the masked name shows, and wrong pairs and unknown numbers get the same answer', async () => {
    const ok = await stack.http.post('/api/public/progress').send({ caseNumber: caseId, phone: '139-1111-2222' }).expect(200);
    expect(ok.body).toMatchObject({ caseNumber: caseId, applicant: '张*' });
    expect(JSON.stringify(ok.body)).not.toContain('张三');
    expect(ok.body.steps.map((s: { title: string }) => s.title)).toEqual(['提交申请', '受理', '审查决定', '办结']);
    const code = /查询码：(\d{6})/.exec(
      pdfText(
        (
          await stack.http
            .get(receipt.url)
            .set(await d.as('zhangsan'))
            .buffer(true)
            .parse(binary)
        ).body as Buffer,
      ),
    )![1];
    await stack.http.post('/api/public/progress').send({ caseNumber: caseId, queryCode: code }).expect(200);
    const wrong = await stack.http.post('/api/public/progress').send({ caseNumber: caseId, phone: '13000000000' }).expect(404);
    const unknown = await stack.http.post('/api/public/progress').send({ caseNumber: 'HB20990101-NOPE', phone: '13000000000' }).expect(404);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    const missing = await stack.http.post('/api/public/progress').send({ caseNumber: caseId }).expect(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('phone');
  });

  test('when a 1–2 star rating comes without a reason, then it is refused naming the field; with one it is kept and shown with its rectification', async () => {
    const bare = await stack.http
      .post('/api/ratings')
      .set(await d.as('zhangsan'))
      .send({ caseId, level: 2, channel: 'online' })
      .expect(400);
    expect(JSON.stringify(bare.body.error.details)).toContain('reasons');
    await stack.http
      .post('/api/ratings')
      .set(await d.as('zhangsan'))
      .send({ caseId, level: 2, channel: 'online', reasons: ['窗口等候时间长'] })
      .expect(201);
    const mine = await stack.http
      .get(`/api/ratings/mine?caseId=${caseId}`)
      .set(await d.as('zhangsan'))
      .expect(200);
    expect(mine.body.rating).toMatchObject({ level: 2, reasons: ['窗口等候时间长'] });
    expect(mine.body.rectification).toMatchObject({ rectified: false });
  });

  test('when the public lookup is hammered, then it answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await stack.http.post('/api/public/progress').send({ caseNumber: caseId, phone: '13000000000' })).status);
    expect(statuses).toContain(429);
    const last = await stack.http.post('/api/public/progress').send({ caseNumber: caseId, phone: '13911112222' });
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
