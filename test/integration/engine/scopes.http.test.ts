import { Client, Connection } from '@temporalio/client';
import type { Variables } from '../../../workflows/engine/model';
import { caseStateQuery } from '../../../workflows/messages';
import { replayAllOnQueue } from '../../helpers/replay';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { deployFixture, startCaseAsWindow } from '../../helpers/engine-fixtures';

let stack: TestStack;
let client: Client;
let connection: Connection;
const calls: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    serviceTasks: {
      reserve: async ({ caseId }) => {
        calls.push(`reserve:${caseId}`);
        return { reservation: 'R-1' };
      },
      'cancel-reservation': async ({ caseId, variables }) => {
        calls.push(`cancel:${caseId}:${String(variables.reservation)}`);
        return { reservationCancelled: true };
      },
    },
  });
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
  client = new Client({ connection });
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const deploy = (rel: string) => deployFixture(stack, rel);
const startCase = (processKey: string, variables: Variables = {}) => startCaseAsWindow(stack, processKey, variables);

const finished = (caseId: string) =>
  waitFor(
    async () => {
      const view = await client.workflow.getHandle(`case-${caseId}`).query(caseStateQuery);
      return view.status === 'completed' ? view : undefined;
    },
    30_000,
    `case ${caseId} completed`,
  );

test('when a reservation is rejected, then the compensation handler undoes it on Temporal before the case ends', async () => {
  const key = await deploy('compensation/valid-saga.bpmn');
  const started = await startCase(key, { rejected: true });
  const done = await finished(started.caseId);
  expect(calls).toEqual([`reserve:${started.caseId}`, `cancel:${started.caseId}:R-1`]);
  expect(done.variables.reservationCancelled).toBe(true);
  expect(done.path.map((p) => p.elementId).slice(-2)).toEqual(['cancel_reservation', 'rejected_end']);
}, 60_000);

test('when a withdraw message arrives over HTTP, then the interrupting event subprocess ends the case and the open task is cancelled', async () => {
  const key = await deploy('scopes/valid-event-subprocess.bpmn');
  const started = await startCase(key);
  const taskId = started.openTasks[0]?.taskId as string;
  const res = await stack.http
    .post(`/api/cases/${started.caseId}/messages`)
    .set('authorization', await stack.auth('window1'))
    .send({ name: 'withdraw' });
  expect(res.status).toBe(202);
  const done = await finished(started.caseId);
  expect(done.path.map((p) => p.elementId)).toContain('withdrawn_end');
  const task = await waitFor(() =>
    stack.db.prisma.task.findUnique({ where: { id: taskId } }).then((t) => (t?.status === 'cancelled' ? t : undefined)),
  );
  expect(task.status).toBe('cancelled');
}, 60_000);

test('when a call activity maps variables in and out, then the child case receives the mapped input and the parent gets only the mapped output', async () => {
  await deploy('call/valid-child.bpmn');
  const key = await deploy('call/valid-parent.bpmn');
  const started = await startCase(key, { applicant: '张三' });
  const done = await finished(started.caseId);
  expect(done.variables.childGreeting).toBe('你好，张三');
  expect(done.variables).not.toHaveProperty('greeting');
  const child = await stack.db.prisma.case.findFirstOrThrow({ where: { id: { startsWith: `${started.caseId}.` } } });
  expect(child.processKey).toBe('greet-child');
  const childView = await client.workflow.getHandle(child.workflowId).query(caseStateQuery);
  expect(childView).toMatchObject({ status: 'completed', variables: expect.objectContaining({ name: '张三', greeting: '你好，张三' }) });
}, 60_000);

describe('determinism', () => {
  it('when every workflow above is replayed from its history, then each rebuilds the same commands (no nondeterminism)', async () => {
    expect(await replayAllOnQueue(stack.taskQueue)).toEqual([]);
  }, 180_000);
});
