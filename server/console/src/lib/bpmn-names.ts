/** Element id → name from BPMN XML, so timelines speak the process's own words (受理, 审批 …). */
export function elementNames(xml: string): Record<string, string> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const out: Record<string, string> = {};
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const id = el.getAttribute('id');
    const name = el.getAttribute('name');
    if (id && name) out[id] = name;
  }
  return out;
}

export const ELEMENT_TYPE_LABELS: Record<string, string> = {
  startEvent: '开始',
  endEvent: '结束',
  userTask: '人工环节',
  serviceTask: '自动环节',
  exclusiveGateway: '判断',
  parallelGateway: '并行',
  inclusiveGateway: '包容分支',
  intermediateCatchEvent: '等待',
  boundaryEvent: '边界事件',
  subProcess: '子流程',
  callActivity: '调用子流程',
};
