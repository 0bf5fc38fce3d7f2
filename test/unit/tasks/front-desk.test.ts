import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileProcess } from '../../../activities/bpmn/compile-process';
import { FRONT_DESK, receivedAtWindow, withFrontDesk } from '../../../server/services/front-desk';
import type { CompiledProcess } from '../../../workflows/engine/model';

async function compiled(name: string): Promise<CompiledProcess> {
  const result = await compileProcess(readFileSync(path.resolve(__dirname, '../../../definitions/processes', `${name}.bpmn`), 'utf8'));
  if (!('process' in result) || !result.process) throw new Error(`${name} did not compile`);
  return result.process as CompiledProcess;
}

describe('无差别受理: the 综合窗口 receives item applications first', () => {
  it('when an item process starts at the department, then a window 受理 task and its decision come before the first step', async () => {
    const food = await compiled('item-food-licence');
    expect(receivedAtWindow(food)).toBe(false);
    const fronted = withFrontDesk(food, undefined);
    const start = fronted.nodes[fronted.startNodeIds[0]!]!;
    expect(fronted.flows[start.outgoing[0]!]!.targetRef).toBe(FRONT_DESK.task);
    expect(fronted.nodes[FRONT_DESK.task]).toMatchObject({
      type: 'userTask',
      name: '综合窗口受理',
      assignment: { candidateGroups: ['window'] },
    });
    const accepted = fronted.flows.front_desk_accepted!;
    expect(accepted).toMatchObject({ targetRef: 'review', condition: '=accepted = true' });
    expect(fronted.nodes.review!.incoming).toEqual(['front_desk_accepted']);
    expect(fronted.nodes[FRONT_DESK.gateway]!.defaultFlow).toBe('front_desk_not_accepted');
    expect(receivedAtWindow(fronted)).toBe(true);
    // The compiled original is untouched (it is shared by every later start).
    expect(food.nodes[FRONT_DESK.task]).toBeUndefined();
  });

  it('when the catalogue says 部门窗口, or the process already starts at the window, then the graph is unchanged', async () => {
    const food = await compiled('item-food-licence');
    expect(withFrontDesk(food, '部门窗口')).toBe(food);
    const general = await compiled('general-approval');
    expect(withFrontDesk(general, undefined)).toBe(general);
  });
});
