import type { ServiceTaskHandler } from '../../activities/service-tasks/registry';
import { writeResult } from '../../activities/service-tasks/write-result';
import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/**
 * Side effects exactly once: the 写入办理结果 service task of general-approval writes its result,
 * then its attempt is lost — the worker fails before reporting, or hangs — and Temporal runs the
 * task again. The case must end with one result record, not two.
 */
type Behaviour = 'fail-after-write' | 'hang-after-write';
const behaviour = new Map<string, Behaviour>();
const attempts = new Map<string, number>();
let releaseHung: () => void = () => undefined;
const hung = new Promise<void>((resolve) => (releaseHung = resolve));

const lossyWriteResult: ServiceTaskHandler = async (ctx) => {
  const n = (attempts.get(ctx.caseId) ?? 0) + 1;
  attempts.set(ctx.caseId, n);
  const output = await writeResult(ctx);
  if (n === 1 && behaviour.get(ctx.caseId) === 'fail-after-write') throw new Error('工作进程在上报前退出 (worker lost after the write)');
  if (n === 1 && behaviour.get(ctx.caseId) === 'hang-after-write') await hung;
  return output;
};

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ serviceTasks: { 'write-result': lossyWriteResult } });
});
afterAll(async () => {
  releaseHung();
  await stack?.stop();
});

async function runCase(how: Behaviour): Promise<string> {
  const started = await stack.http
    .post('/api/cases')
    .set('Authorization', await stack.auth('zhangsan'))
    .send({ processKey: 'general-approval', variables: { shopName: '好味面馆' } });
  expect(started.status).toBe(201);
  const caseId = started.body.caseId as string;
  behaviour.set(caseId, how);
  const accepted = await stack.http
    .post(`/api/tasks/${started.body.openTasks[0].taskId}/complete`)
    .set('Authorization', await stack.auth('window1'))
    .send({ variables: { accepted: true } });
  expect(accepted.status).toBe(200);
  const approved = await stack.http
    .post(`/api/tasks/${accepted.body.openTasks[0].taskId}/complete`)
    .set('Authorization', await stack.auth('approver1'))
    .send({ variables: { decision: 'approved', opinion: '准予许可' } });
  expect(approved.status).toBe(200);
  return caseId;
}

async function endedWithOneResult(caseId: string, withinMs: number) {
  const row = await waitFor(
    async () => {
      const c = await stack.db.prisma.case.findUnique({ where: { id: caseId } });
      return c?.status === 'completed' ? c : undefined;
    },
    withinMs,
    `case ${caseId} completed`,
  );
  expect(row.result).toMatchObject({ decision: 'approved', opinion: '准予许可' });
  const written = await stack.db.prisma.auditEvent.count({ where: { caseId, action: 'case.result.written' } });
  expect(attempts.get(caseId)).toBe(2);
  expect(written).toBe(1);
}

test('when the worker fails after write-result committed, then the retried attempt writes no second result', async () => {
  const caseId = await runCase('fail-after-write');
  await endedWithOneResult(caseId, 30_000);
}, 60_000);

test('when a write-result attempt hangs after its write, then it is cut off within the timeout, retried, and the result is written once', async () => {
  const caseId = await runCase('hang-after-write');
  const t0 = Date.now();
  await endedWithOneResult(caseId, 60_000);
  // Start-to-close is 30 s: the stuck attempt is replaced in seconds, not after 5 minutes.
  expect(Date.now() - t0).toBeLessThan(50_000);
}, 90_000);
