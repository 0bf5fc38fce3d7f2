import { stageOf } from '../../activities/domain/citizen-stage';
import { maskName } from '../../server/services/lookup.service';
import { plain } from '../../server/console/src/lib/plain';
import { composeMessage } from '../../activities/notifications/compose';

describe('plain words for citizens', () => {
  test('when the API answers "中文 (English)", then the citizen sees the Chinese part only', () => {
    expect(plain('不支持的文件类型：仅接受 PDF、JPG (file type not allowed; checked by content)')).toBe(
      '不支持的文件类型：仅接受 PDF、JPG',
    );
    expect(plain('办件 HB1 不存在 (not found)')).toBe('办件 HB1 不存在');
    expect(plain('营业执照（副本）')).toBe('营业执照（副本）');
  });

  test('when a name is shown without signing in, then only its first (and last) character remain', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
  });

  test('when a case waits for the applicant, then its stage says what: 待补正, 待缴费, 待领取', () => {
    const base = { variables: {}, openTaskNames: [], neededCount: 0 };
    expect(stageOf({ ...base, status: 'running', neededCount: 2 }).label).toBe('待补正');
    expect(stageOf({ ...base, status: 'running', openTaskNames: ['缴纳费用'] }).label).toBe('待缴费');
    expect(
      stageOf({ ...base, status: 'completed', result: { decision: 'approved' }, delivery: { method: 'pickup', status: 'pending' } }).label,
    ).toBe('待领取');
    expect(
      stageOf({ ...base, status: 'completed', result: { decision: 'approved' }, delivery: { method: 'pickup', status: 'delivered' } })
        .label,
    ).toBe('已办结');
    expect(stageOf({ ...base, status: 'completed', variables: { accepted: false } }).label).toBe('不予受理');
    expect(stageOf({ ...base, status: 'running' }).label).toBe('办理中');
  });

  test('when a case ends, then the 办结 notice names the outcome in words, never the process value', () => {
    const done = (variables: Record<string, unknown>) =>
      composeMessage({
        event: 'case.completed',
        caseTitle: '食品经营许可',
        caseId: 'HB20261201-ABC',
        activeElementIds: [],
        variables,
        applicantId: 'zhangsan',
      }).happened;
    expect(done({ decision: 'approved' })).toBe('您的办件已办结，准予许可');
    expect(done({ decision: 'rejected' })).toBe('您的办件已办结，不予许可');
    expect(done({ accepted: false })).toBe('您的办件已办结，不予受理');
    expect(done({})).toBe('您的办件已办结');
  });
});
