import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { overrideHandlingConfig } from '../../../activities/handling/config';
import { enqueueCaseNotification } from '../../../activities/notifications/outbox';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { driver } from './helpers';

let stack: TestStack;
let d: ReturnType<typeof driver>;
let restore: () => void;
let hook: http.Server;
let hookUrl: string;
const received: { key: string; body: { title: string; next: string[] } }[] = [];
let failuresLeft = 2;

beforeAll(async () => {
  restore = overrideHandlingConfig({
    quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false },
    dispatcherPollSeconds: 0.3,
    webhookBackoffSeconds: { initial: 0.3, factor: 2, max: 2 },
    webhookMaxAttempts: 4,
  });
  // A real HTTP endpoint of the applicant's that fails twice before it accepts.
  hook = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end('busy');
        return;
      }
      received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(data) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  stack = await startTestStack();
  d = driver(stack);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => hook.close(r));
  restore?.();
});

describe('免打扰 notifications through the outbox', () => {
  it('when a case reaches a step, then the applicant is told what happened, what comes next and what is needed, on every channel not opted out, and the webhook is retried with backoff until it accepts', async () => {
    const put = await stack.http
      .put('/api/notifications/preferences/webhook')
      .set(await d.as('zhangsan'))
      .send({ enabled: true, address: hookUrl });
    expect(put.status).toBe(200);
    const optOut = await stack.http
      .put('/api/notifications/preferences/sms')
      .set(await d.as('zhangsan'))
      .send({ enabled: false });
    expect(optOut.body).toMatchObject({ channel: 'sms', enabled: false });

    const res = await d.apply({ mode: 'standard', title: '食品经营许可', variables: {} });
    const caseId = res.body.caseId;
    // The case does not wait for the failing webhook: the window can accept at once.
    await d.complete(caseId, 'accept', 'window1', { accepted: true });

    const rows = await waitFor(
      async () => {
        const r = await stack.http.get(`/api/notifications/cases/${caseId}`).set(await d.as('zhangsan'));
        // 受理 task, the 受理通知 notice and the 审核 task: each goes to the webhook too.
        const hooks = r.body.items.filter((n: { channel: string }) => n.channel === 'webhook');
        return hooks.length >= 3 && hooks.every((n: { status: string }) => n.status === 'sent') ? r.body.items : undefined;
      },
      30_000,
      'webhook deliveries',
    );
    const channels = new Set(rows.map((n: { channel: string }) => n.channel));
    expect([...channels].sort()).toEqual(['in-app', 'webhook', 'wechat']); // sms opted out
    const hooks = rows.filter((n: { channel: string; status: string }) => n.channel === 'webhook' && n.status === 'sent');
    const retries = hooks.reduce((s: number, n: { attempts: number }) => s + n.attempts - 1, 0);
    expect(retries).toBe(2); // the two 503s were retried, then accepted
    expect(hooks.every((n: { lastError: string }) => n.lastError === 'webhook:204')).toBe(true);

    const accept = rows.find(
      (n: { channel: string; payload: { happened: string } }) => n.channel === 'in-app' && n.payload.happened.includes('「受理」'),
    );
    expect(accept.payload.next).toEqual(['是否受理？']);
    const review = rows.find(
      (n: { channel: string; payload: { happened: string } }) => n.channel === 'in-app' && n.payload.happened.includes('「审核」'),
    );
    expect(review.payload.next).toEqual(['是否需要踏勘？']);
    expect(review.payload.text).toContain('无需您再提供材料');
    expect(typeof review.payload.deadline).toBe('string'); // the decision deadline started at 受理

    // Each delivered once, under its own idempotency key.
    const keys = received.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);

    const inbox = await stack.http.get('/api/notifications/mine').set(await d.as('zhangsan'));
    expect(inbox.body.items.some((n: { caseId: string; title: string }) => n.caseId === caseId && n.title.includes('受理通知'))).toBe(true);
    const prefs = await stack.http.get('/api/notifications/preferences').set(await d.as('zhangsan'));
    expect(prefs.body.items).toEqual(
      expect.arrayContaining([
        { channel: 'sms', enabled: false, address: null },
        { channel: 'webhook', enabled: true, address: hookUrl },
      ]),
    );
  });

  it('when the same step is projected twice, then the idempotency key keeps it to one message per channel', async () => {
    const res = await d.apply({ mode: 'immediate', variables: {} }, 'lisi');
    const caseId = res.body.caseId;
    await d.waitForTask(caseId, 'decide_on_spot');
    const task = await stack.db.prisma.task.findFirstOrThrow({ where: { caseId } });
    const before = await stack.db.prisma.notificationOutbox.count({ where: { caseId } });
    const again = await stack.db.prisma.$transaction((tx) =>
      enqueueCaseNotification(tx, {
        caseId,
        event: 'task.opened',
        discriminator: task.id,
        activeElementIds: [task.elementId],
        stepName: task.name,
      }),
    );
    expect(again).toBe(0);
    expect(await stack.db.prisma.notificationOutbox.count({ where: { caseId } })).toBe(before);
  });

  it('when a step happens in quiet hours, then push messages wait for the morning while the in-app inbox gets it at once', async () => {
    const now = new Date();
    const hhmm = (d: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
    const undo = overrideHandlingConfig({
      quietHours: {
        start: hhmm(new Date(now.getTime() - 3600_000)),
        end: hhmm(new Date(now.getTime() + 3600_000)),
        timeZone: 'Asia/Shanghai',
        enabled: true,
      },
    });
    try {
      const res = await d.apply({ mode: 'immediate', variables: {} }, 'lisi');
      const caseId = res.body.caseId;
      const rows = await waitFor(
        async () => {
          const r = await stack.db.prisma.notificationOutbox.findMany({ where: { caseId, event: 'task.opened' } });
          return r.length === 3 && r.some((x) => x.channel === 'in-app' && x.status === 'sent') ? r : undefined;
        },
        20_000,
        'in-app delivered',
      );
      for (const push of rows.filter((r) => r.channel !== 'in-app')) {
        expect(push.status).toBe('pending');
        expect(push.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime() + 50 * 60_000);
      }
    } finally {
      undo();
    }
  });

  it('when a webhook never answers, then it is given up after the configured attempts and the case still completes', async () => {
    await stack.http
      .put('/api/notifications/preferences/webhook')
      .set(await d.as('lisi'))
      .send({ enabled: true, address: 'http://127.0.0.1:9/unreachable' });
    const res = await d.apply({ mode: 'immediate', variables: {} }, 'lisi');
    const caseId = res.body.caseId;
    await d.complete(caseId, 'decide_on_spot', 'window1', { decision: 'approved' });
    expect((await d.finished(caseId)).status).toBe('completed');
    const dead = await waitFor(
      async () => {
        const r = await stack.db.prisma.notificationOutbox.findFirst({ where: { caseId, channel: 'webhook', event: 'task.opened' } });
        return r?.status === 'dead' ? r : undefined;
      },
      30_000,
      'webhook given up',
    );
    expect(dead.attempts).toBe(4);
    const progress = await stack.http.get(`/api/notifications/cases/${caseId}/progress`).set(await d.as('lisi'));
    expect(progress.body).toMatchObject({ status: 'completed', next: [] });
  });
});
