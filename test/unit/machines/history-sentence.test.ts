import { historySentence } from '../../../server/labels/machine-history';

const names = {
  person: (id: string) => ({ window1: '张敏', scjgj1: '陈承办' })[id],
  department: (code: string) => ({ scjgj: '区市场监督管理局' })[code],
};

describe('rule-machine history in sentences', () => {
  it('when a 12345 order is dispatched, then the sentence names the person, the department, the holder and the states, without keys', () => {
    const s = historySentence(
      'hotline',
      {
        event: 'order.dispatch',
        actor: 'window1',
        payload: { type: 'order.dispatch', department: 'scjgj', holder: 'scjgj1' },
        fromState: 'received',
        toState: { dispatched: 'onTime' },
      },
      names,
    );
    expect(s).toBe('张敏 派单：承办部门 区市场监督管理局，责任人 陈承办；状态由「已受理（待派单）」变为「已派单（待签收）」。');
    expect(s).not.toMatch(/[a-z]{3,}/);
  });

  it('when a 办不成事 record is classified, then coded cause and category are words', () => {
    const s = historySentence(
      'fallback',
      {
        event: 'fallback.classify',
        actor: 'window1',
        payload: { category: 'general', cause: 'hardToDo', department: 'scjgj', holder: 'scjgj1' },
        fromState: 'registered',
        toState: 'transferred',
      },
      names,
    );
    expect(s).toContain('分类转办');
    expect(s).toContain('分类 一般（5 个工作日）');
    expect(s).toContain('原因 很难办');
  });

  it('when a timer fires, then the system is named in words', () => {
    const s = historySentence(
      'fallback',
      {
        event: 'xstate.after.dueDelay.fallback.transferred.onTime',
        actor: 'system',
        toState: { transferred: 'overdue' },
        fromState: { transferred: 'dueSoon' },
      },
      names,
    );
    expect(s).toMatch(/^系统自动 超期催办；状态仍为「已转办」。$/);
  });
});
