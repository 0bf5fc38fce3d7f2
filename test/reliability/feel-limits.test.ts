import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** A gateway whose one conditional flow carries `condition` (XML-escaped), with a default flow beside it. */
const gatewayProcess = (key: string, condition: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://haoban.gov.cn/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
    <bpmn:exclusiveGateway id="gw" default="f_default" />
    <bpmn:sequenceFlow id="f_default" sourceRef="gw" targetRef="end" />
    <bpmn:sequenceFlow id="f_loop" sourceRef="gw" targetRef="end">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const deploy = async (xml: string) =>
  stack.http
    .post('/api/definitions')
    .set('authorization', await stack.auth('admin'))
    .send({ xml });

describe('FEEL is bounded: a deploy or a case cannot take the service down', () => {
  it('when an admin deploys `=for i in 1..100000000 return i`, then it is refused at the flow at once and the server stays responsive', async () => {
    const t0 = Date.now();
    const res = await deploy(gatewayProcess('feel-huge-range', '=count(for i in 1..100000000 return i) &gt; 0'));
    const ms = Date.now() - t0;
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toMatch(/f_loop/);
    expect(JSON.stringify(res.body.error.details)).toMatch(/100000/);
    expect((await stack.http.get('/healthz')).status).toBe(200);
    process.stdout.write(`deploy refused in ${ms} ms\n`);
  });

  it('when a deploy has a user-defined function or three nested iterations, then it is refused: deploy parses, it never evaluates', async () => {
    const recursive = await deploy(gatewayProcess('feel-function', '={f: function(n) f(n)}.f(1) = 1'));
    expect(recursive.status).toBe(400);
    const nested = await deploy(gatewayProcess('feel-nested', '=count(for a in l, b in l, c in l return 1) &gt; 0'));
    expect(nested.status).toBe(400);
    expect(JSON.stringify(nested.body.error.details)).toMatch(/nested deeper/);
  });

  it('when a deployed expression iterates a range sized by a variable and the case sets it huge, then the case gets an incident naming the element, in seconds', async () => {
    const ok = await deploy(gatewayProcess('feel-runtime-range', '=count(for i in 1..n return i) &gt; 0'));
    expect(ok.status).toBe(201);
    const small = await stack.http
      .post('/api/cases')
      .set('authorization', await stack.auth('window1'))
      .send({ processKey: 'feel-runtime-range', variables: { n: 10 } });
    expect(small.status).toBe(201);
    expect(small.body.status).toBe('completed');

    const t0 = Date.now();
    const res = await stack.http
      .post('/api/cases')
      .set('authorization', await stack.auth('window1'))
      .send({ processKey: 'feel-runtime-range', variables: { n: 100_000_000 } });
    expect(res.status).toBe(201);
    const incident = await waitFor(
      async () => {
        const list = await stack.http.get(`/api/incidents?caseId=${res.body.caseId}`).set('authorization', await stack.auth('supervisor1'));
        return list.body.items?.[0];
      },
      20_000,
      'FEEL incident',
    );
    expect(incident.elementId).toBe('f_loop'); // the sequence flow whose condition overran
    expect(incident.message).toMatch(/迭代限额|iteration budget/);
    expect((await stack.http.get('/healthz')).status).toBe(200);
    process.stdout.write(`run-time overrun became an incident in ${Date.now() - t0} ms\n`);
  });
});
