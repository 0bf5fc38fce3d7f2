import { startTestStack, type TestStack } from '../../helpers/stack';
import { STACK_TIMEOUT_MS, startCase } from './fixtures';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, STACK_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

const as = (user: string) => stack.auth(user);
const inbox = async (user: string, query: string) => {
  const res = await stack.http.get(`/api/tasks?${query}`).set('Authorization', await as(user));
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; caseId: string; priority: number; dueAt: string | null }[]; total: number };
};
const patch = async (taskId: string, body: object) => {
  const res = await stack.http
    .patch(`/api/tasks/${taskId}`)
    .set('Authorization', await as('supervisor1'))
    .send(body);
  expect(res.status).toBe(200);
};

describe('task inbox queries', () => {
  it('when tasks differ in assignee, priority and due dates, then each filter, sort and page returns the right ones', async () => {
    const cases = [await startCase(stack), await startCase(stack), await startCase(stack, 'general-approval', 'lisi')];
    const [a, b, c] = cases.map((x) => x.openTasks[0].taskId);
    const hour = 3_600_000;
    await patch(a, { priority: 90, dueAt: new Date(Date.now() - hour).toISOString() }); // overdue
    await patch(b, {
      priority: 10,
      dueAt: new Date(Date.now() + hour).toISOString(),
      followUpAt: new Date(Date.now() - hour).toISOString(),
    }); // due soon
    await patch(c, { priority: 50, dueAt: new Date(Date.now() + 30 * 24 * hour).toISOString() }); // due next month
    const claimed = await stack.http.post(`/api/tasks/${c}/claim`).set('Authorization', await as('window1'));
    expect(claimed.status).toBe(200);
    const ours = (page: { items: { id: string }[] }) => page.items.map((t) => t.id).filter((id) => [a, b, c].includes(id));

    expect(ours(await inbox('window1', 'assignee=me'))).toEqual([c]);
    expect(ours(await inbox('window1', 'unassigned=1&sort=priority'))).toEqual([a, b]);
    expect(ours(await inbox('window1', 'candidateGroup=window&sort=priority'))).toEqual([a, c, b]);
    expect(ours(await inbox('window1', 'candidateGroup=approver'))).toEqual([]);
    expect(ours(await inbox('window1', 'overdue=1'))).toEqual([a]);
    expect(ours(await inbox('window1', 'dueSoon=1'))).toEqual([b]);
    expect(
      ours(await inbox('window1', `dueBefore=${encodeURIComponent(new Date(Date.now() + 2 * hour).toISOString())}&sort=dueAt`)),
    ).toEqual([a, b]);
    expect(ours(await inbox('window1', `dueAfter=${encodeURIComponent(new Date().toISOString())}&sort=dueAt&order=desc`))).toEqual([c, b]);
    expect(ours(await inbox('window1', `followUpBefore=${encodeURIComponent(new Date().toISOString())}`))).toEqual([b]);
    expect(ours(await inbox('window1', 'priorityMin=50&sort=priority&order=asc'))).toEqual([c, a]);
    expect(ours(await inbox('window1', `caseId=${cases[1].caseId}`))).toEqual([b]);
    expect(ours(await inbox('window1', 'processKey=general-approval&sort=createdAt'))).toEqual([a, b, c]);
    expect((await inbox('window1', 'processKey=no-such-process')).total).toBe(0);

    // Pagination: total counts everything, items only the page.
    const page1 = await inbox('window1', `processKey=general-approval&sort=createdAt&order=desc&limit=1`);
    const page2 = await inbox('window1', `processKey=general-approval&sort=createdAt&order=desc&limit=1&offset=1`);
    expect(page1.items).toHaveLength(1);
    expect(page1.total).toBeGreaterThanOrEqual(3);
    expect(page1.items[0].id).toBe(c);
    expect(page2.items[0].id).toBe(b);

    // The approver's "mine" inbox holds none of the window's tasks; a bad query is a 400.
    expect(ours(await inbox('approver1', 'mine=1'))).toEqual([]);
    const bad = await stack.http.get('/api/tasks?sort=colour').set('Authorization', await as('window1'));
    expect(bad.status).toBe(400);
  });
});

describe('case timeline', () => {
  it('when a case is worked to the end, then its timeline lists every step entered and left and every task event, by whom and when', async () => {
    const started = await startCase(stack);
    const accept = started.openTasks[0].taskId;
    await stack.http.post(`/api/tasks/${accept}/claim`).set('Authorization', await as('window1'));
    await stack.http
      .post(`/api/tasks/${accept}/comments`)
      .set('Authorization', await as('window1'))
      .send({ text: '内部意见：材料齐全' });
    const accepted = await stack.http
      .post(`/api/tasks/${accept}/complete`)
      .set('Authorization', await as('window1'))
      .send({ variables: { accepted: true } });
    expect(accepted.status).toBe(200);
    const approve = accepted.body.openTasks[0].taskId;
    const approved = await stack.http
      .post(`/api/tasks/${approve}/complete`)
      .set('Authorization', await as('approver1'))
      .send({ variables: { decision: 'approved', opinion: '准予' } });
    expect(approved.status).toBe(200);

    const timeline = async (user: string) => stack.http.get(`/api/cases/${started.caseId}/timeline`).set('Authorization', await as(user));
    const staff = await (async () => {
      for (let i = 0; i < 100; i++) {
        const res = await timeline('supervisor1');
        if (res.body.items?.some((e: { action: string }) => e.action === 'case.completed')) return res;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('case never completed in the read model');
    })();
    expect(staff.status).toBe(200);
    const entries = staff.body.items as {
      action: string;
      actor: string;
      actorName?: string;
      elementId: string | null;
      at: string;
      name?: string;
      after?: unknown;
    }[];
    const has = (action: string, elementId: string | null, actor?: string) =>
      entries.some((e) => e.action === action && e.elementId === elementId && (actor === undefined || e.actor === actor));
    expect(entries[0]).toMatchObject({ action: 'case.started', actor: 'zhangsan', actorName: '张三' });
    expect(has('element.entered', 'accept')).toBe(true);
    expect(has('task.opened', 'accept')).toBe(true);
    expect(has('task.claimed', 'accept', 'window1')).toBe(true);
    expect(has('task.commented', 'accept', 'window1')).toBe(true);
    expect(has('task.completed', 'accept', 'window1')).toBe(true);
    expect(has('task.completed', 'approve', 'approver1')).toBe(true);
    expect(has('element.entered', 'done')).toBe(true);
    expect(entries.at(-1)?.action).toBe('case.completed');
    // In time order, every entry timestamped and labelled.
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(entries.find((e) => e.action === 'task.claimed')).toMatchObject({ name: '受理', actorName: '王晓窗', label: '签收' });
    if (entries.some((e) => e.action === 'element.left')) expect(has('element.left', 'accept')).toBe(true);

    // The applicant sees their own case's timeline without internal comments or payloads.
    const mine = await timeline('zhangsan');
    expect(mine.status).toBe(200);
    expect(mine.body.items.some((e: { action: string }) => e.action === 'task.commented')).toBe(false);
    expect(mine.body.items.every((e: { after?: unknown }) => e.after === undefined)).toBe(true);
    expect(mine.body.items.some((e: { action: string; actor: string }) => e.action === 'task.completed' && e.actor === 'approver1')).toBe(
      true,
    );

    // Another applicant cannot see it at all; an unknown case is a 404 naming it.
    expect((await timeline('lisi')).status).toBe(404);
    const unknown = await stack.http.get('/api/cases/HB00000000-NOPE/timeline').set('Authorization', await as('supervisor1'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual({ case: 'HB00000000-NOPE' });
  });
});
