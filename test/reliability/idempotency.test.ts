import { randomUUID } from 'node:crypto';
import { overrideHandlingConfig } from '../../activities/handling/config';
import { NEWBORN_FORM } from '../integration/catalog/helpers';
import { driver } from '../integration/handling/helpers';
import { pdf } from '../fixtures/materials/make-files';
import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/** 食品经营许可（新办）: its PREMISES_LAYOUT material is uploaded as a file. */
const FOOD_ITEM = '000120002000-610104000000-000-11610104MB2984105E-1-00';

let stack: TestStack;
let d: ReturnType<typeof driver>;
let restore: () => void;
beforeAll(async () => {
  restore = overrideHandlingConfig({ quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false } });
  stack = await startTestStack();
  d = driver(stack);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  restore?.();
});

interface Answer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** One creating route: how to call it, and how many of what it creates exist now. */
interface RouteKind {
  name: string;
  user: string;
  path: () => Promise<string> | string;
  /** JSON body, or a multipart upload. */
  body: (n: number) => Record<string, unknown> | { upload: Buffer; code: string };
  created: () => Promise<number>;
  status: number;
}

let foodCaseId: string | undefined;
const foodCase = async () => {
  if (foodCaseId) return foodCaseId;
  const res = await stack.http
    .post('/api/cases')
    .set(await d.as('zhangsan'))
    .send({ processKey: 'item-food-licence', itemCode: FOOD_ITEM, title: '食品经营许可（新办）', variables: { shopName: '好味面馆' } });
  expect(res.status).toBe(201);
  return (foodCaseId = res.body.caseId as string);
};

const finishedCases: string[] = [];
async function finishedImmediateCase(): Promise<string> {
  const res = await d.apply({ mode: 'immediate', variables: { deliveryMethod: 'pickup', district: '莲湖区' } }, 'zhangsan');
  expect(res.status).toBe(201);
  await d.complete(res.body.caseId, 'decide_on_spot', 'window1', { decision: 'approved' });
  await d.finished(res.body.caseId);
  return res.body.caseId as string;
}

const prisma = () => stack.db.prisma;
const machines = (kind: string) => () => prisma().machineInstance.count({ where: { kind } });

const KINDS: RouteKind[] = [
  {
    name: 'case (POST /api/cases)',
    user: 'zhangsan',
    path: () => '/api/cases',
    body: (n) => ({ processKey: 'general-approval', variables: { shopName: `幂等面馆${n}` } }),
    created: () => prisma().case.count({ where: { applicantId: 'zhangsan', processKey: 'general-approval' } }),
    status: 201,
  },
  {
    name: '一件事 event case',
    user: 'zhangsan',
    path: () => '/api/events/EV-NEWBORN/cases',
    body: (n) => ({ form: { ...NEWBORN_FORM, babyName: `王小宝${n}` }, materials: { deferrals: ['PHOTO'] } }),
    created: () => prisma().eventCase.count(),
    status: 201,
  },
  {
    name: 'handling application',
    user: 'zhangsan',
    path: () => '/api/handling/applications',
    body: (n) => ({ mode: 'immediate', variables: { deliveryMethod: 'pickup', note: `n${n}` } }),
    created: () => prisma().case.count({ where: { processKey: 'mode-immediate' } }),
    status: 201,
  },
  {
    name: 'material upload',
    user: 'zhangsan',
    path: async () => `/api/cases/${await foodCase()}/materials`,
    body: (n) => ({ upload: pdf(`layout ${n}`), code: 'PREMISES_LAYOUT' }),
    created: async () => prisma().caseMaterial.count({ where: { caseId: await foodCase() } }),
    status: 201,
  },
  {
    name: 'rating',
    user: 'zhangsan',
    path: () => '/api/ratings',
    // A rating per finished case: each attempt of a scenario rates the same case.
    body: () => ({ caseId: finishedCases[finishedCases.length - 1], level: 5, channel: 'online' }),
    created: () => prisma().rating.count(),
    status: 201,
  },
  {
    name: 'prereview',
    user: 'lisi',
    path: () => '/api/prereview',
    body: (n) => ({ itemCode: FOOD_ITEM, materials: [{ code: 'PREMISES_LAYOUT', fileRef: `upload://layout-${n}.pdf` }] }),
    created: () => prisma().prereview.count(),
    status: 201,
  },
  {
    name: 'agency project',
    user: 'window1',
    path: () => '/api/agency/projects',
    body: (n) => ({ channel: 'window', title: `某精密制造产业园项目${n}`, applicant: { name: '西安某精密制造有限公司', userId: 'lisi' } }),
    created: machines('agency'),
    status: 201,
  },
  {
    name: '办不成事 record',
    user: 'window1',
    path: () => '/api/fallback/records',
    body: (n) => ({ matter: `餐饮店许可变更被退回三次 ${n}`, applicant: { name: '王女士', phone: '13800000001', userId: 'zhangsan' } }),
    created: machines('fallback'),
    status: 201,
  },
  {
    name: 'linkage meeting',
    user: 'supervisor1',
    path: () => '/api/linkage/meetings',
    body: (n) => ({
      title: `小作坊监管职责争议${n}`,
      department: 'spj',
      agenda: ['食品小作坊登记后由谁监管'],
      departments: ['scjgj', 'wjw'],
    }),
    created: machines('linkage.meeting'),
    status: 201,
  },
  {
    name: '12345 hotline order',
    user: 'supervisor1',
    path: () => '/api/hotline/orders',
    body: (n) => ({
      orderId: `IDEM-${n}-${randomUUID().slice(0, 8)}`,
      callerPhone: `1390000${String(n).padStart(4, '0')}`,
      callerName: '赵先生',
      subject: `幂等测试${n}`,
      category: 'help',
      content: `第${n}号工单：路灯不亮`,
    }),
    created: () => prisma().hotlineOrder.count(),
    status: 201,
  },
];

let counter = 0;
async function send(kind: RouteKind, key: string | undefined, body: ReturnType<RouteKind['body']>): Promise<Answer> {
  const req = stack.http.post(await kind.path()).set(await d.as(kind.user));
  if (key) req.set('Idempotency-Key', key);
  const res =
    'upload' in body
      ? await req
          .field('code', body.code as string)
          .attach('file', body.upload as Buffer, { filename: 'layout.pdf', contentType: 'application/pdf' })
      : await req.send(body);
  return { status: res.status, body: res.body, replayed: res.headers['idempotent-replayed'] === 'true' };
}

/** Waits until the count stops changing (projections land just after the answer). */
async function settled(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
  return last;
}

describe('Idempotency-Key on every creating POST', () => {
  describe.each(KINDS.map((k) => [k.name, k] as const))('%s', (_name, kind) => {
    beforeEach(async () => {
      if (kind.name === 'rating') finishedCases.push(await finishedImmediateCase());
    }, 60_000);

    it('when the same request is sent twice with one key, then the second replays the first answer and creates nothing', async () => {
      const before = await settled(kind.created);
      const key = randomUUID();
      const body = kind.body(++counter);
      const first = await send(kind, key, body);
      expect(first.status).toBe(kind.status);
      expect(first.replayed).toBe(false);
      const afterFirst = await settled(kind.created);
      expect(afterFirst).toBe(before + 1);
      const second = await send(kind, key, body);
      expect(second).toEqual({ status: first.status, body: first.body, replayed: true });
      expect(await settled(kind.created)).toBe(afterFirst);
    });

    it('when three identical requests race with one key, then exactly one is created and all three get its answer', async () => {
      const before = await settled(kind.created);
      const key = randomUUID();
      const body = kind.body(++counter);
      const answers = await Promise.all([send(kind, key, body), send(kind, key, body), send(kind, key, body)]);
      for (const a of answers)
        expect({ status: a.status, body: a.body }).toEqual({ status: kind.status, body: answers.find((x) => !x.replayed)?.body });
      expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
      expect(await settled(kind.created)).toBe(before + 1);
    });
  });

  it('when a key is reused with a different body or route, then 422 names the header and nothing is created', async () => {
    const kind = KINDS[0]!;
    const key = randomUUID();
    expect((await send(kind, key, kind.body(++counter))).status).toBe(201);
    const before = await settled(kind.created);
    const other = await send(kind, key, kind.body(++counter));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED', details: { header: 'Idempotency-Key' } } });
    const otherRoute = await send(KINDS[2]!, key, KINDS[2]!.body(++counter));
    expect(otherRoute.status).toBe(422);
    expect(await settled(kind.created)).toBe(before);
  });

  it('when another user sends the same key, then it is their own request and creates their own case', async () => {
    const key = randomUUID();
    const body = KINDS[0]!.body(++counter);
    const mine = await send(KINDS[0]!, key, body);
    const theirs = await send({ ...KINDS[0]!, user: 'lisi' }, key, body);
    expect(theirs.status).toBe(201);
    expect(theirs.replayed).toBe(false);
    expect((theirs.body as { caseId: string }).caseId).not.toBe((mine.body as { caseId: string }).caseId);
  });

  it('when a key has expired, then the same request creates again; a malformed key is 400', async () => {
    const kind = KINDS[0]!;
    const key = randomUUID();
    const body = kind.body(++counter);
    const first = await send(kind, key, body);
    await prisma().$executeRaw`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = ${key}`;
    const again = await send(kind, key, body);
    expect(again.status).toBe(201);
    expect(again.replayed).toBe(false);
    expect((again.body as { caseId: string }).caseId).not.toBe((first.body as { caseId: string }).caseId);
    const bad = await send(kind, 'x'.repeat(300), body);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { details: { header: 'Idempotency-Key' } } });
  });

  it('when the first attempt died after starting the case (its claim lapsed), then the retry reaches the same case instead of a second one', async () => {
    const kind = KINDS[0]!;
    const key = randomUUID();
    const body = kind.body(++counter);
    const first = await send(kind, key, body);
    const before = await settled(kind.created);
    // As a crash leaves it: claimed, never answered, lease run out.
    await prisma()
      .$executeRaw`UPDATE idempotency_key SET state = 'pending', status = NULL, body = NULL, lease_until = now() - interval '1 second' WHERE key = ${key}`;
    const retry = await send(kind, key, body);
    expect(retry.status).toBe(201);
    expect((retry.body as { caseId: string }).caseId).toBe((first.body as { caseId: string }).caseId);
    expect(await settled(kind.created)).toBe(before);
  });

  it('when a task complete is retried with its key, then the first answer is replayed; concurrent completes with one key complete once', async () => {
    const start = async () =>
      (await d.apply({ mode: 'immediate', variables: { deliveryMethod: 'pickup' } }, 'zhangsan')).body.caseId as string;
    const caseId = await start();
    const task = await d.waitForTask(caseId, 'decide_on_spot');
    const key = randomUUID();
    const complete = async () =>
      stack.http
        .post(`/api/tasks/${task.taskId}/complete`)
        .set(await d.as('window1'))
        .set('Idempotency-Key', key)
        .send({ variables: { decision: 'approved' } });
    const answers = await Promise.all([complete(), complete(), complete()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const later = await complete();
    expect(later.status).toBe(200);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body).toEqual(answers[0]!.body);
    const row = await waitFor(async () => {
      const t = await prisma().task.findUnique({ where: { id: task.taskId } });
      return t?.status === 'completed' ? t : undefined;
    });
    expect(row.completedBy).toBe('window1');
  });
});
