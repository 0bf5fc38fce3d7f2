import { BpmnError } from '../../activities/service-tasks/registry';
import { startTestStack, type TestStack } from '../helpers/stack';
import { Conformance, corpusFile, HOUR, injectExtension, JobBoard, MINUTE, translateJuel, withZeebe } from './harness';

/**
 * The external conformance corpus (../shared/conformance, MANIFEST.md) on real Temporal. Timers: the
 * manifest says "advance the (Temporal test) clock past the due time"; each case runs with its own test
 * clock (`advanceClock`), so PT1H timers keep their modelled durations and fire when the clock passes them.
 */

const P = 'camunda-bpm-platform/';
const results = new Map<string, { passed: number; total: number }>();
const record = (id: string, ok: boolean) => {
  const r = results.get(id) ?? { passed: 0, total: 0 };
  r.total++;
  if (ok) r.passed++;
  results.set(id, r);
};

let stack: TestStack;
let conf: Conformance;
const jobs = new JobBoard();

beforeAll(async () => {
  stack = await startTestStack({ serviceTasks: { externalTaskTopic: jobs.handler } });
  conf = new Conformance(stack);
  await conf.open();
}, 60_000);

afterAll(async () => {
  await conf?.close();
  await stack?.stop();
  const lines = [...results.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, r]) => `${id}: ${r.passed}/${r.total}`);
  const passed = [...results.values()].filter((r) => r.passed === r.total).length;
  console.log(`conformance pass counts per entry\n${lines.join('\n')}\nentries passing: ${passed}/${results.size}`);
});

/** Runs one manifest entry; its pass is counted under the entry id. */
function entry(id: string, title: string, body: () => Promise<void>, timeout = 60_000) {
  test(
    `when ${id} runs (${title}), then it shows the manifest's behaviour`,
    async () => {
      let ok = false;
      try {
        await body();
        ok = true;
      } finally {
        record(id, ok);
      }
    },
    timeout,
  );
}

async function deployed(xml: string): Promise<string> {
  const result = await conf.deploy(xml);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.problems)}`);
  return result.key;
}

const juel = (file: string) => translateJuel(corpusFile(file));

async function expectRejected(xml: string, allowed: string[]) {
  const result = await conf.deploy(xml);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const named = result.problems.map((p) => p.elementId);
  expect(named.some((id) => id && allowed.includes(id))).toBe(true);
  for (const p of result.problems) expect(p.message.length).toBeGreaterThan(5);
}

// ---- camunda-bpm-platform ---------------------------------------------------------------------------

entry('CP-01', 'none start → none end', async () => {
  const key = await deployed(corpusFile(`${P}StartToEndTest.testStartToEnd.bpmn20.xml`));
  const run = await conf.start(key);
  await run.completed();
  expect(await run.path()).toEqual(['theStart', 'theEnd']);
});

entry('CP-02', 'exclusive gateway, three conditions', async () => {
  const key = await deployed(juel(`${P}ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml`));
  for (const i of [1, 2, 3]) {
    const run = await conf.start(key, { input: i });
    const view = await run.waitsAt([`theTask${i}`]);
    expect(view.openTasks.map((t) => t.name)).toEqual([`Task ${i}`]);
    await run.complete(`theTask${i}`);
    expect((await run.completed()).path.map((p) => p.elementId)).toEqual(['theStart', 'exclusiveGw', `theTask${i}`, 'theEnd']);
  }
  const bad = await conf.start(key, { iinput: 1 });
  const { view, incident } = await bad.incident();
  expect(incident.elementId).toBe('exclusiveGw');
  expect(incident.message).toContain('input');
  expect(view.openTasks).toEqual([]);
});

entry('CP-03', 'exclusive gateway default flow', async () => {
  const key = await deployed(juel(`${P}ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml`));
  for (const [input, task, name] of [
    [1, 'theTask1', 'Input is one'],
    [5, 'theTask2', 'Default input'],
    [3, 'theTask3', undefined],
  ] as const) {
    const view = await (await conf.start(key, { input })).waitsAt([task]);
    if (name) expect(view.openTasks[0]?.name).toBe(name);
  }
});

entry('CP-04', 'no flow selected → incident at the gateway', async () => {
  const key = await deployed(juel(`${P}ExclusiveGatewayTest.testNoSequenceFlowSelected.bpmn20.xml`));
  const run = await conf.start(key, { input: 4 });
  const { view, incident } = await run.incident();
  expect(incident.elementId).toBe('exclusiveGw');
  expect(view.status).toBe('running');
  expect(view.openTasks).toEqual([]);
});

entry('CP-05', 'first true condition wins', async () => {
  const key = await deployed(juel(`${P}ExclusiveGatewayTest.testMultipleValidConditions.bpmn20.xml`));
  const view = await (await conf.start(key, { input: 5 })).waitsAt(['theTask2']);
  expect(view.openTasks.map((t) => t.name)).toEqual(['Task 2']);
});

entry('CP-06', 'JUEL script tasks: rejected by name', async () => {
  await expectRejected(juel(`${P}ExclusiveGatewayTest.testLoopWithManyIterations.bpmn`), ['ScriptTask_1']);
});

entry('CP-07', 'conditional and default flows on a task; receive tasks wait', async () => {
  const key = await deployed(juel(`${P}DefaultSequenceFlowTest.testDefaultSequenceFlowOnTask.bpmn20.xml`));
  await (await conf.start(key, { input: 2 })).waitsAt(['task2']);
  await (await conf.start(key, { input: 3 })).waitsAt(['task3']);
  await (await conf.start(key, { input: 123 })).waitsAt(['task1']);
});

entry('CP-08', 'parallel fork/join with flows without ids', async () => {
  const key = await deployed(corpusFile(`${P}ParallelGatewayTest.testForkJoin.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['receivePayment', 'shipOrder']);
  await run.complete('receivePayment');
  await run.waitsAt(['shipOrder']);
  await run.complete('shipOrder');
  await run.waitsAt(['archiveOrder']);
  await run.complete('archiveOrder');
  await run.completed();
});

entry('CP-09', 'nested fork/join', async () => {
  const key = await deployed(corpusFile(`${P}ParallelGatewayTest.testNestedForkJoin.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['Task_0']);
  await run.complete('Task_0');
  await run.waitsAt(['Task_A', 'Task_B']);
  await run.complete('Task_A');
  await run.waitsAt(['Task_B']);
  await run.complete('Task_B');
  await run.waitsAt(['Task_B1', 'Task_B2']);
  await run.complete('Task_B1');
  await run.complete('Task_B2');
  await run.waitsAt(['Task_C']);
  await run.complete('Task_C');
  await run.completed();
});

entry('CP-10', 'inclusive split, CDATA conditions', async () => {
  const key = await deployed(juel(`${P}InclusiveGatewayTest.testDivergingInclusiveGateway.bpmn20.xml`));
  await (await conf.start(key, { input: 1 })).waitsAt(['theTask1', 'theTask2', 'theTask3']);
  await (await conf.start(key, { input: 2 })).waitsAt(['theTask2', 'theTask3']);
  const run = await conf.start(key, { input: 3 });
  await run.waitsAt(['theTask3']);
  await run.complete('theTask3');
  await run.completed();
});

entry('CP-11', 'inclusive default flow', async () => {
  const key = await deployed(juel(`${P}InclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml`));
  await (await conf.start(key, { input: 1 })).waitsAt(['theTask1', 'theTask3']);
  await (await conf.start(key, { input: 3 })).waitsAt(['theTask3']);
  await (await conf.start(key, { input: 5 })).waitsAt(['theTask2']);
});

entry('CP-12', 'inclusive split-merge-split', async () => {
  const key = await deployed(juel(`${P}InclusiveGatewayTest.testSplitMergeSplit.bpmn20.xml`));
  const run = await conf.start(key, { input: 1 });
  await run.waitsAt(['theTask1', 'theTask2']);
  await run.complete('theTask1');
  await run.waitsAt(['theTask2']);
  await run.complete('theTask2');
  await run.waitsAt(['theTask3']);
  await run.complete('theTask3');
  await run.completed();
  const two = await conf.start(key, { input: 2 });
  await two.waitsAt(['theTask2']);
  await two.complete('theTask2');
  await two.waitsAt(['theTask3']);
});

entry('CP-13', 'inclusive join waits for a token upstream at an event-based gateway', async () => {
  const key = await deployed(juel(`${P}InclusiveGatewayTest.testJoinAfterEventBasedGateway.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['theTask', 'eventBasedGateway']);
  await run.complete('theTask');
  const view = await run.waitsAt(['eventBasedGateway']);
  expect(view.openTasks).toEqual([]);
  await run.message('foo');
  const after = await run.waitsAt(['taskAfterJoin']);
  expect(after.waiting).toEqual([]);
  await run.complete('taskAfterJoin');
  await run.completed();
});

entry('CP-14', 'intermediate timer PT5M', async () => {
  const key = await deployed(corpusFile(`${P}IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['timer']);
  expect(view.waiting?.filter((w) => w.kind === 'timer')).toHaveLength(1);
  await run.advance(50 * MINUTE + 5000);
  const done = await run.completed();
  expect(done.waiting).toEqual([]);
});

entry('CP-15', 'interrupting boundary timer', async () => {
  const key = await deployed(corpusFile(`${P}BoundaryTimerEventTest.testInterruptingTimerDuration.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['firstLineSupport']);
  await run.advance(5 * MINUTE + 1000);
  const view = await run.waitsAt(['handleEscalation']);
  expect(view.openTasks.map((t) => t.name)).toEqual(['Handle escalated issue']);
  await run.complete('handleEscalation');
  expect(await run.path().then((p) => p.includes('escalatedEnd'))).toBe(true);
  const early = await conf.start(key);
  await early.waitsAt(['firstLineSupport']);
  await early.complete('firstLineSupport');
  const done = await early.completed();
  expect(done.path.map((p) => p.elementId)).toContain('normalEnd');
  expect(done.waiting).toEqual([]);
});

entry('CP-16', 'earliest of three interrupting timers wins', async () => {
  const key = await deployed(corpusFile(`${P}BoundaryTimerEventTest.testMultipleTimersOnUserTask.bpmn20.xml`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['firstTask']);
  expect(view.waiting?.filter((w) => w.kind === 'timer')).toHaveLength(3);
  await run.advance(HOUR + 5000);
  const after = await run.waitsAt(['thirdTask']);
  expect(after.waiting).toEqual([]);
  expect(after.openTasks.map((t) => t.name)).toEqual(['Third Task']);
});

entry('CP-17', 'two non-interrupting timers', async () => {
  const key = await deployed(corpusFile(`${P}BoundaryTimerNonInterruptingEventTest.testMultipleTimersOnUserTask.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['firstTask']);
  await run.advance(HOUR + 5000);
  const one = await run.waitsAt(['firstTask', 'secondTask']);
  expect(one.waiting?.filter((w) => w.kind === 'timer')).toHaveLength(1);
  await run.complete('secondTask');
  await run.waitsAt(['firstTask']);
  await run.advance(HOUR);
  const two = await run.waitsAt(['firstTask', 'thirdTask']);
  expect(two.waiting).toEqual([]);
  await run.complete('firstTask');
  const three = await run.waitsAt(['thirdTask']);
  expect(three.status).toBe('running');
  await run.complete('thirdTask');
  await run.completed();
});

entry('CP-18', 'non-interrupting timer branch joins the main flow', async () => {
  const key = await deployed(corpusFile(`${P}BoundaryTimerNonInterruptingEventTest.testJoin.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['Main_Task']);
  await run.advance(HOUR + 1000);
  await run.waitsAt(['Main_Task', 'Escalation_Task']);
  await run.complete('Main_Task');
  await run.waitsAt(['Escalation_Task']);
  await run.complete('Escalation_Task');
  const done = await run.completed();
  expect(done.path.map((p) => p.elementId)).toContain('EndNoneEvent');
});

entry('CP-19', 'intermediate message catch by name', async () => {
  const key = await deployed(corpusFile(`${P}MessageIntermediateEventTest.testSingleIntermediateMessageEvent.bpmn20.xml`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['messageCatch']);
  expect(view.waiting?.map((w) => w.name)).toEqual(['newInvoiceMessage']);
  await run.message('newInvoiceMessage');
  await run.waitsAt(['task']);
  await run.complete('task');
  await run.completed();
});

entry('CP-20', 'interrupting message boundary', async () => {
  const key = await deployed(corpusFile(`${P}MessageBoundaryEventTest.testSingleBoundaryMessageEvent.bpmn20.xml`));
  const one = await conf.start(key);
  await one.waitsAt(['task']);
  await one.message('messageName');
  await one.waitsAt(['taskAfterMessage']);
  await one.complete('taskAfterMessage');
  await one.completed();
  const two = await conf.start(key);
  await two.waitsAt(['task']);
  await two.complete('task');
  const view = await two.waitsAt(['taskAfterTask']);
  expect(view.waiting).toEqual([]);
  await two.complete('taskAfterTask');
  await two.completed();
});

entry('CP-21', 'non-interrupting message boundary fires repeatedly', async () => {
  const key = await deployed(
    corpusFile(`${P}MessageNonInterruptingBoundaryEventTest.testSingleNonInterruptingBoundaryMessageEvent.bpmn20.xml`),
  );
  const run = await conf.start(key);
  await run.waitsAt(['task']);
  await run.message('messageName');
  const view = await run.waitsAt(['task', 'taskAfterMessage']);
  expect(view.waiting).toHaveLength(1);
  await run.complete('taskAfterMessage');
  expect((await run.waitsAt(['task'])).status).toBe('running');
  await run.message('messageName');
  await run.waitsAt(['task', 'taskAfterMessage']);
  await run.complete('taskAfterMessage');
  await run.complete('task');
  expect((await run.waitsAt(['taskAfterTask'])).waiting).toEqual([]);
  await run.complete('taskAfterTask');
  await run.completed();
  const two = await conf.start(key);
  await two.waitsAt(['task']);
  await two.complete('task');
  await two.waitsAt(['taskAfterTask']);
  await two.complete('taskAfterTask');
  await two.completed();
});

entry('CP-22', 'error end in subprocess caught by a catch-all boundary', async () => {
  const key = await deployed(corpusFile(`${P}BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['subprocess', 'subprocessTask']);
  await run.complete('subprocessTask');
  const view = await run.waitsAt(['taskAfterErrorCatch']);
  expect(view.openTasks.map((t) => t.name)).toEqual(['task after catching the error']);
  await run.complete('taskAfterErrorCatch');
  const done = await run.completed();
  expect(done.path.map((p) => p.elementId)).not.toContain('theEnd');
});

entry('CP-23', 'review sales lead: error cancels sibling, loop back into the subprocess', async () => {
  const key = await deployed(juel(`${P}reviewSalesLead.bpmn20.xml`));
  const run = await conf.start(key, { details: 'very interesting', customerName: 'Alfresco' });
  await run.waitsAt(['provideNewSalesLead']);
  await run.complete('provideNewSalesLead');
  await run.waitsAt(['reviewSalesLeadSubProcess', 'reviewCustomerRating', 'reviewProfitability']);
  await run.complete('reviewProfitability', { notEnoughInformation: 'true' });
  await run.waitsAt(['provideAdditionalDetails']);
  await run.complete('provideAdditionalDetails');
  await run.waitsAt(['reviewSalesLeadSubProcess', 'reviewCustomerRating', 'reviewProfitability']);
  await run.complete('reviewCustomerRating');
  await run.complete('reviewProfitability', { notEnoughInformation: 'false' });
  const done = await run.completed();
  expect(done.path.map((p) => p.elementId).slice(-2)).toEqual(['storeLeadInCrmSystem', 'processEnd']);
});

const externalTask = () =>
  injectExtension(
    withZeebe(corpusFile(`${P}twoExternalTaskProcess.bpmn20.xml`)),
    'externalTask',
    '<zeebe:taskDefinition type="externalTaskTopic" />',
  );

entry('CP-24', 'external worker completes, or reports a BPMN error', async () => {
  const key = await deployed(externalTask());
  const one = await conf.start(key);
  (await jobs.take(one.caseId)).resolve({ var: 42 });
  const view = await one.waitsAt(['afterExternalTask']);
  expect(view.variables.var).toBe(42);
  await one.complete('afterExternalTask');
  await one.completed();
  const two = await conf.start(key);
  (await jobs.take(two.caseId)).reject(new BpmnError('ERROR-OCCURED'));
  await two.waitsAt(['afterBpmnError']);
  await two.complete('afterBpmnError');
  await two.completed();
});

entry('CP-25', 'escalation from subprocess, non-interrupting boundary', async () => {
  const key = await deployed(corpusFile(`${P}EscalationEventTest.testThrowEscalationEventFromEmbeddedSubprocess.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['subProcess', 'taskInSubprocess', 'taskAfterCatchedEscalation']);
  await run.complete('taskInSubprocess');
  await run.complete('taskAfterCatchedEscalation');
  const done = await run.completed();
  expect(done.path.filter((p) => p.elementId === 'theEnd')).toHaveLength(2);
});

entry('CP-26', 'escalation, interrupting boundary', async () => {
  const key = await deployed(corpusFile(`${P}EscalationEventTest.testInterruptingEscalationBoundaryEvent.bpmn20.xml`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['taskAfterCatchedEscalation']);
  expect(view.path.map((p) => p.elementId)).not.toContain('taskInSubprocess');
});

entry('CP-27', 'embedded subprocess', async () => {
  const key = await deployed(corpusFile(`${P}SubProcessTest.testSimpleSubProcess.bpmn20.xml`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['subProcess', 'subProcessTask']);
  expect(view.openTasks[0]?.name).toBe('Task in subprocess');
  await run.complete('subProcessTask');
  expect((await run.completed()).path.map((p) => p.elementId)).toEqual([
    'theStart',
    'subProcess',
    'subProcessStart',
    'subProcessTask',
    'subProcessEnd',
    'theEnd',
  ]);
});

entry('CP-28', 'nested subprocesses', async () => {
  const key = await deployed(corpusFile(`${P}SubProcessTest.testNestedSimpleSubProcess.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['outerSubProcess', 'innerSubProcess', 'innerSubProcessTask']);
  await run.complete('innerSubProcessTask');
  await run.waitsAt(['afterSubProcessTask']);
  await run.complete('afterSubProcessTask');
  await run.completed();
  const cancelled = await conf.start(key);
  await cancelled.waitsAt(['outerSubProcess', 'innerSubProcess', 'innerSubProcessTask']);
  await cancelled.handle.cancel();
});

entry('CP-29', 'call activity starts a child case (with CP-30)', async () => {
  await deployed(corpusFile(`${P}simpleSubProcess.bpmn20.xml`));
  record('CP-30', true);
  const key = await deployed(corpusFile(`${P}CallActivity.testCallSimpleSubProcess.bpmn20.xml`));
  const run = await conf.start(key);
  await run.waitsAt(['taskBeforeSubProcess']);
  await run.complete('taskBeforeSubProcess');
  await run.waitsAt(['callSubProcess']);
  const child = await run.child();
  await child.waitsAt(['task']);
  await child.complete('task');
  await child.completed();
  await run.waitsAt(['taskAfterSubProcess']);
  await run.complete('taskAfterSubProcess');
  await run.completed();
});

const sequentialMi = () =>
  injectExtension(
    withZeebe(juel(`${P}MultiInstanceTest.sequentialUserTasks.bpmn20.xml`)),
    'miTasks',
    '<zeebe:assignmentDefinition assignee="=&quot;kermit_&quot; + string(loopCounter - 1)" />',
  );

entry('CP-31', 'sequential multi-instance, timer on the body, completion condition', async () => {
  const key = await deployed(sequentialMi());
  const run = await conf.start(key, { nrOfLoops: 3 });
  for (const i of [0, 1, 2]) {
    const view = await run.waitsAt(['miTasks', 'miTasks']);
    expect(view.openTasks.map((t) => t.assignment.assignee)).toEqual([`kermit_${i}`]);
    await run.complete('miTasks');
  }
  await run.completed();
  const timed = await conf.start(key, { nrOfLoops: 3 });
  await timed.waitsAt(['miTasks', 'miTasks']);
  await timed.complete('miTasks');
  await timed.waitsAt(['miTasks', 'miTasks']);
  await timed.advance(2 * HOUR + 1000);
  await timed.waitsAt(['taskAfterTimer']);
  await timed.complete('taskAfterTimer');
  await timed.completed();
  const ten = await conf.start(key, { nrOfLoops: 10 });
  for (let i = 0; i < 5; i++) {
    await ten.waitsAt(['miTasks', 'miTasks']);
    await ten.complete('miTasks');
  }
  expect((await ten.completed()).openTasks).toEqual([]);
});

entry('CP-32', 'parallel multi-instance by cardinality', async () => {
  const key = await deployed(juel(`${P}MultiInstanceTest.testParallelUserTasks.bpmn20.xml`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['miTasks', 'miTasks', 'miTasks', 'miTasks']);
  expect(view.openTasks.map((t) => t.loopCounter)).toEqual([1, 2, 3]);
  await run.complete('miTasks');
  await run.waitsAt(['miTasks', 'miTasks', 'miTasks']);
  await run.complete('miTasks');
  await run.complete('miTasks');
  await run.completed();
});

const collectionMi = () => {
  const xml = withZeebe(juel(`${P}MultiInstanceTest.testParallelUserTasksBasedOnCollection.bpmn20.xml`))
    .replace(
      /<multiInstanceLoopCharacteristics([^>]*)>/,
      '<multiInstanceLoopCharacteristics$1><extensionElements><zeebe:loopCharacteristics inputCollection="=assigneeList" inputElement="assignee" /></extensionElements>',
    )
    .replace(/<loopDataInputRef>assigneeList<\/loopDataInputRef>\s*<inputDataItem name="assignee" \/>/, '');
  return injectExtension(xml, 'miTasks', '<zeebe:assignmentDefinition assignee="=assignee" />');
};

entry('CP-33', 'parallel multi-instance over a collection, completion condition 60%', async () => {
  const key = await deployed(collectionMi());
  const names = ['kermit', 'gonzo', 'mispiggy', 'fozzie', 'bubba'];
  const run = await conf.start(key, { assigneeList: names });
  const view = await run.waitsAt(['miTasks', ...names.map(() => 'miTasks')]);
  expect(view.openTasks.map((t) => t.assignment.assignee)).toEqual(names);
  for (let i = 0; i < 3; i++) await run.complete('miTasks');
  expect((await run.completed()).openTasks).toEqual([]);
});

entry('CP-34', 'terminate end at process level', async () => {
  const key = await deployed(corpusFile(`${P}TerminateEndEventTest.testProcessTerminate.bpmn`));
  const run = await conf.start(key);
  await run.waitsAt(['preTerminateTask', 'preNormalTerminateTask']);
  await run.complete('preTerminateTask');
  const done = await run.completed();
  expect(done.path.map((p) => p.elementId)).not.toContain('EndEvent_1');
  expect(done.openTasks).toEqual([]);
});

entry('CP-35', 'terminate end inside a subprocess ends only that scope', async () => {
  const key = await deployed(corpusFile(`${P}TerminateEndEventTest.testTerminateInSubProcess.bpmn`));
  const run = await conf.start(key);
  const view = await run.waitsAt(['preNormalEnd']);
  expect(view.path.map((p) => p.elementId)).toContain('EndEvent_3');
  await run.complete('preNormalEnd');
  expect((await run.completed()).path.map((p) => p.elementId)).toContain('EndEvent_4');
});

// ---- camunda-bpm-examples ------------------------------------------------------------------------------

entry('CE-01', 'job announcement: camunda:expression service task rejected by name', async () => {
  await expectRejected(juel('camunda-bpm-examples/camunda-testing-job-announcement.bpmn'), ['mail']);
});
entry('CE-02', 'publication: camunda:expression service tasks rejected by name', async () => {
  await expectRejected(juel('camunda-bpm-examples/camunda-testing-job-announcement-publication.bpmn'), [
    'publish_announcement_website',
    'publish_announcement_twitter',
    'publish_announcement_facebook',
  ]);
});
entry('CE-03', 'loan granting: Camunda-only multi-instance rejected by name', async () => {
  await expectRejected(juel('camunda-bpm-examples/loan-granting.bpmn'), ['StartEvent_1', 'SubProcess_16kr5xn']);
});

// ---- paed01/bpmn-elements ------------------------------------------------------------------------------

entry('PE-01', 'call activity to a non-executable process rejected by name', async () => {
  await expectRejected(corpusFile('paed01-bpmn-elements/call-activity.bpmn'), ['called-process', 'call-activity']);
});

entry('PE-02', 'event-based gateway: signal vs timer, two flows to one target', async () => {
  const key = await deployed(corpusFile('paed01-bpmn-elements/event-based-gateway-with-same-target.bpmn'));
  const one = await conf.start(key);
  const view = await one.waitsAt(['gateway']);
  expect(view.waiting?.map((w) => w.elementId).sort()).toEqual(['signalEvent', 'timerEvent']);
  await one.signal('signalEvent');
  const done = await one.completed();
  expect(done.path.filter((p) => p.elementId === 'signalEvent')).toHaveLength(1);
  expect(done.path.map((p) => p.elementId)).toContain('Task_1pfzr39');
  const two = await conf.start(key);
  await two.waitsAt(['gateway']);
  await two.advance(HOUR + 1000);
  const timed = await two.completed();
  expect(timed.path.map((p) => p.elementId)).toContain('timerEvent');
  expect(timed.path.map((p) => p.elementId)).not.toContain('signalEvent');
});

entry('PE-03', 'JavaScript script tasks rejected by name', async () => {
  await expectRejected(corpusFile('paed01-bpmn-elements/link-event.bpmn'), ['task1']);
});
entry('PE-04', 'paed01-JS timer expression rejected by name', async () => {
  await expectRejected(corpusFile('paed01-bpmn-elements/timers.bpmn'), ['catch-date']);
});
entry('PE-05', 'unnamed message catch rejected by name', async () => {
  await expectRejected(corpusFile('paed01-bpmn-elements/lanes.bpmn'), ['intermediate']);
});
entry('PE-06', 'transaction rejected by name', async () => {
  await expectRejected(corpusFile('paed01-bpmn-elements/transaction.bpmn'), ['atomic', 'compensateBound']);
});
entry('PE-07', 'JavaScript script tasks rejected by name', async () => {
  await expectRejected(corpusFile('paed01-bpmn-elements/mother-of-all.bpmn'), ['scriptTask1', 'subScriptTask1', 'scriptTask2']);
});

// ---- bpmn-miwg -------------------------------------------------------------------------------------------

entry('MW-01', 'non-executable process rejected by name', async () => {
  await expectRejected(corpusFile('bpmn-miwg-test-suite/A.1.0.bpmn'), ['WFP-6-']);
});
entry('MW-02', 'exclusive split without conditions rejected naming the gateway', async () => {
  await expectRejected(corpusFile('bpmn-miwg-test-suite/A.2.0.bpmn'), ['_35fe57a7-1302-44e2-bf58-032f11af7ecb']);
});
entry('MW-03', 'collaboration of non-executable processes rejected', async () => {
  await expectRejected(corpusFile('bpmn-miwg-test-suite/A.4.0.bpmn'), ['WFP-6-1', 'WFP-6-2']);
});
entry('MW-04', 'kitchen sink: parses, rejected at a named element', async () => {
  const result = await conf.deploy(corpusFile('bpmn-miwg-test-suite/B.2.0.bpmn'));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.problems.every((p) => p.elementId && !/malformed/.test(p.message))).toBe(true);
});
entry('MW-05', 'fridge repair: gateway without conditions or message start rejected by name', async () => {
  await expectRejected(corpusFile('bpmn-miwg-test-suite/C.3.0.bpmn'), [
    '_604be023-654c-44df-a64c-365254a100cd',
    '_2b6bc88e-d3be-4704-87d1-c264bf704589',
    '_936c0bfa-5ebf-4546-8d1a-cce556148788',
    '_cc9778bd-edd8-4df2-ba15-56c310f90e62',
  ]);
});
