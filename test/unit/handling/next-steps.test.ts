import fs from 'node:fs';
import path from 'node:path';
import { compileProcess } from '../../../activities/bpmn/compile-process';
import { composeMessage } from '../../../activities/notifications/compose';
import { predictNextSteps } from '../../../activities/notifications/next-steps';
import type { CompiledProcess } from '../../../workflows/engine/model';

async function load(key: string): Promise<CompiledProcess> {
  const xml = fs.readFileSync(path.join(__dirname, '../../../definitions/processes', `${key}.bpmn`), 'utf8');
  const result = await compileProcess(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.process;
}

describe('what comes next, predicted from the compiled graph and the case variables', () => {
  it('when a standard case waits at 受理, then the prediction follows the 受理 branch to 审核', async () => {
    const process = await load('mode-standard');
    const steps = predictNextSteps(process, ['accept'], { accepted: true });
    expect(steps.map((s) => s.name)).toEqual(['起算办理时限', '审核']);
  });

  it('when the review says an inspection is needed, then 后台踏勘 is predicted; when not, 审批; before the review, the open decision is named', async () => {
    const process = await load('mode-standard');
    expect(predictNextSteps(process, ['review'], { inspectionRequired: true }).map((s) => s.elementId)).toEqual(['inspect']);
    expect(predictNextSteps(process, ['review'], { inspectionRequired: false }).map((s) => s.elementId)).toEqual(['approve']);
    expect(predictNextSteps(process, ['review'], {}).map((s) => s.name)).toEqual(['是否需要踏勘？']);
  });

  it('when the 集成快办 route chose remote inspection, then 远程踏勘 comes next', async () => {
    const process = await load('mode-integrated');
    expect(predictNextSteps(process, ['inspection_route'], { inspectionMode: 'remote' })[0].name).toBe('远程踏勘');
  });

  it('when a message is composed for a step, then it says what happened, what comes next, what is needed and by when', async () => {
    const process = await load('mode-deferred');
    const message = composeMessage({
      event: 'task.opened',
      caseId: 'HB1',
      caseTitle: '食品经营许可',
      process,
      activeElementIds: ['receive_supplement'],
      variables: { neededFromApplicant: ['卫生管理制度'], supplementDueAt: '2026-12-10T16:00:00.000Z' },
      applicantId: 'zhangsan',
      stepName: '接收补正材料',
    });
    expect(message.happened).toContain('接收补正材料');
    expect(message.next).toEqual(['核验是否按期补齐', '按期补齐？']);
    expect(message.needed).toEqual(['卫生管理制度']);
    expect(message.deadline).toBe('2026-12-10T16:00:00.000Z');
    expect(message.text).toContain('需要您提供');
  });
});
