import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { seedDemoHistory } from '../../../server/demo/seed-history';
import { createLogger } from '../../../server/logger';
import { startTestStack, type TestStack } from '../../helpers/stack';

jest.setTimeout(600_000);

let stack: TestStack;
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  stack = await startTestStack();
  server = stack.runtime.app!.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  server?.closeAllConnections();
  await stack?.stop();
});

describe('demo history: real cases placed on past working days', () => {
  it('when seeded, then cases run through the engine end on past working days and the supervisor overview counts them; a second run adds nothing', async () => {
    const seeded = await seedDemoHistory({
      prisma: stack.db.prisma,
      baseUrl,
      token: (u) => stack.token(u),
      logger: createLogger('silent'),
      cases: 12,
      orders: 3,
      concurrency: 3,
    });
    expect(seeded).toBeDefined();
    process.stdout.write(
      `demo history: 12 cases + 3 orders in ${Math.round(seeded!.ms / 1000)} s (${Math.round(seeded!.ms / 12)} ms per case)\n`,
    );
    const cases = await stack.db.prisma.case.findMany({ where: { variables: { path: ['demoHistory'], equals: true } } });
    expect(cases).toHaveLength(12);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // Every case starts on an earlier working day, 09:00–17:00 Beijing time (01:00–09:00 UTC).
    for (const c of cases) {
      expect(c.startedAt.toISOString().slice(0, 10) < today).toBe(true);
      expect([0, 6]).not.toContain(new Date(c.startedAt.getTime() + 8 * 3_600_000).getUTCDay());
      expect(c.startedAt.getUTCHours()).toBeLessThan(9);
    }
    const completed = cases.filter((c) => c.status === 'completed');
    expect(completed.length).toBeGreaterThanOrEqual(8);
    // The window received each first (无差别受理), then the department decided; an item the catalogue
    // sends to the department's own window (部门窗口) has no 综合窗口 step.
    const items = await stack.db.prisma.catalogItem.findMany({ select: { code: true, data: true } });
    const atDepartment = new Set(
      items.filter((i) => (i.data as { reception?: string } | null)?.reception === '部门窗口').map((i) => i.code),
    );
    const viaWindow = completed.filter((c) => !atDepartment.has(c.itemCode ?? '')).map((c) => c.id);
    const tasks = await stack.db.prisma.task.findMany({ where: { caseId: { in: completed.map((c) => c.id) }, status: 'completed' } });
    expect([...new Set(tasks.filter((t) => t.elementId === 'front_desk_accept').map((t) => t.caseId))].sort()).toEqual(viaWindow.sort());

    const from = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const overview = await stack.http
      .get('/api/stats/overview')
      .query({ from })
      .set('Authorization', await stack.auth('supervisor1'));
    expect(overview.status).toBe(200);
    expect(overview.body.overall.cases).toBeGreaterThanOrEqual(12);
    expect(overview.body.overall.decided).toBeGreaterThanOrEqual(8);
    expect(overview.body.byDepartment.length).toBeGreaterThan(1);
    const orders = await stack.http.get('/api/hotline/orders?limit=50').set('Authorization', await stack.auth('window1'));
    expect(orders.body.items.filter((o: { id: string }) => o.id.startsWith('DEMO-')).length).toBe(3);

    expect(
      await seedDemoHistory({
        prisma: stack.db.prisma,
        baseUrl,
        token: (u) => stack.token(u),
        logger: createLogger('silent'),
        cases: 12,
        orders: 3,
      }),
    ).toBeUndefined();
  });
});
