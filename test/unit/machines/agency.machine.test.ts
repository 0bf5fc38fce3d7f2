import { agencyMachine, type AgencyInput } from '../../../workflows/machines/agency.machine';
import { AGENCY_DEADLINES } from '../../../workflows/machines/deadlines';
import { can, fire, named, send, start, type Step } from './drive';

const WD = 1000;
const m = agencyMachine;
const input = (track: AgencyInput['track'] = 'keyProject'): AgencyInput => ({
  instanceId: 'DB-1',
  clock: { msPerWorkingDay: WD },
  deadlines: AGENCY_DEADLINES,
  at: 0,
  track,
  channel: 'solicitation',
  title: '莲湖区某新能源电池生产线项目',
  applicant: { name: '西安某新能源科技有限公司', userId: 'lisi' },
  intakeBy: 'window1',
  ...(track === 'community' ? { community: 'xiguan', team: { dedicated: 'cagent-li' } } : {}),
});
const team = { dedicated: 'agent1', business: 'helper-zhao', enterprise: 'specialist-sun' };
const applicantNotices = (s: Step) => named(s).filter((a) => a.type === 'notify' && (a.params as { to: string }).to === 'applicant');

function toInProgress(track: AgencyInput['track'] = 'keyProject'): Step {
  let s = start(m, input(track));
  s = send(m, s, { type: 'agency.accept', team, at: 10 });
  return send(m, s, { type: 'agency.signMandate', signedBy: '法定代表人 王某', at: 20 });
}
function toJointHandling(): Step {
  let s = toInProgress();
  s = send(m, s, { type: 'preReview.schedule', departments: ['zjj', 'hbj'], meetingAt: '2026-12-02T09:00:00+08:00', at: 30 });
  s = send(m, s, { type: 'preReview.opinion', department: 'zjj', opinion: '规划条件符合', at: 40 });
  return send(m, s, { type: 'preReview.opinion', department: 'hbj', opinion: '需编制环评报告表', at: 50 });
}

describe('帮办代办 agency machine (pure transitions)', () => {
  it('when applied, then the applicant is told it is free and they remain the 申报主体, and 受理 is supervised', () => {
    const s = start(m, input());
    expect(s.snapshot.value).toEqual({ applied: 'onTime' });
    expect(s.snapshot.context).toMatchObject({ fee: 0, phase: 'preReview', deadline: { key: 'accept', holder: 'window1' } });
    expect((applicantNotices(s)[0].params as { message: string }).message).toContain('无偿');
    const late = fire(m, fire(m, s, 0), WD / 2);
    expect(late.snapshot.value).toEqual({ applied: 'overdue' });
  });

  it('when accepted with the 3-role team and the mandate is signed, then 代办中 starts at 审前导办', () => {
    let s = send(m, start(m, input()), { type: 'agency.accept', team, at: 10 });
    expect(s.snapshot.value).toEqual({ accepted: 'onTime' });
    expect(s.snapshot.context.teamIds).toEqual(['agent1', 'helper-zhao', 'specialist-sun']);
    expect(can(s, { type: 'case.linked', caseId: 'x', title: 'x' })).toBe(false);
    s = send(m, s, { type: 'agency.signMandate', signedBy: '王某', at: 20 });
    expect(s.snapshot.value).toEqual({ inProgress: { preReview: 'guiding' } });
    expect(s.snapshot.context.mandate).toEqual({ signedBy: '王某', at: 20, renewals: 0 });
  });

  it('when the 联合预审 meeting hears every invited department, then the project moves to 互动联办; uninvited opinions are refused', () => {
    let s = toInProgress();
    s = send(m, s, { type: 'preReview.schedule', departments: ['zjj', 'hbj'], meetingAt: '2026-12-02T09:00:00+08:00', at: 30 });
    expect(s.snapshot.value).toEqual({ inProgress: { preReview: { meeting: 'onTime' } } });
    expect(named(s)).toContainEqual({ type: 'notifyDepartments', params: expect.objectContaining({ departments: ['zjj', 'hbj'] }) });
    expect(can(s, { type: 'preReview.opinion', department: 'wjw', opinion: 'x' })).toBe(false);
    s = send(m, s, { type: 'preReview.opinion', department: 'zjj', opinion: '符合', at: 40 });
    expect(s.snapshot.value).toEqual({ inProgress: { preReview: { meeting: 'onTime' } } });
    s = send(m, s, { type: 'preReview.opinion', department: 'hbj', opinion: '需环评', at: 50 });
    expect(s.snapshot.value).toEqual({ inProgress: 'jointHandling' });
    expect(s.snapshot.context.phase).toBe('jointHandling');
  });

  it('when the joint pre-review runs late, then it is 催办 like any supervised step', () => {
    let s = toInProgress();
    s = send(m, s, { type: 'preReview.schedule', departments: ['zjj'], meetingAt: 'x', at: 0 });
    s = fire(m, fire(m, s, 0), 4 * WD);
    expect(s.snapshot.value).toEqual({ inProgress: { preReview: { meeting: 'overdue' } } });
  });

  it('when every linked case is closed, then 全周期跟办 follows until the project is in operation, then 办结 and 评价', () => {
    let s = toJointHandling();
    expect(can(s, { type: 'phase.followUp' })).toBe(false);
    s = send(m, s, { type: 'case.linked', caseId: 'HB1', title: '建设工程规划许可', at: 60 });
    s = send(m, s, { type: 'case.linked', caseId: 'HB2', title: '环评审批', at: 60 });
    s = send(m, s, { type: 'case.closed', caseId: 'HB1', status: 'completed', at: 70 });
    expect(can(s, { type: 'phase.followUp' })).toBe(false);
    expect(can(s, { type: 'case.closed', caseId: 'NOPE', status: 'completed' })).toBe(false);
    s = send(m, s, { type: 'case.closed', caseId: 'HB2', status: 'completed', at: 80 });
    s = send(m, s, { type: 'phase.followUp', at: 90 });
    expect(s.snapshot.value).toEqual({ inProgress: 'followUp' });
    s = send(m, s, { type: 'agency.progress', text: '设备安装完成，准备试生产', at: 95 });
    expect(applicantNotices(s)[0].params).toMatchObject({ message: expect.stringContaining('设备安装完成') });
    s = send(m, s, { type: 'project.inOperation', note: '2027-03 投产', at: 100 });
    expect(s.snapshot.value).toBe('completed');
    expect(s.snapshot.context.outcome).toBe('completed');
    s = send(m, s, { type: 'agency.rate', score: 5, comment: '非常满意', at: 110 });
    expect(s.snapshot).toMatchObject({ value: 'rated', status: 'done' });
  });

  it('when suspended (中止) and resumed (续办), then the project returns to the phase it was in with a renewed mandate', () => {
    let s = toJointHandling();
    s = send(m, s, { type: 'agency.suspend', reason: '企业调整建设方案', at: 60 });
    expect(s.snapshot.value).toBe('suspended');
    expect(can(s, { type: 'case.linked', caseId: 'x', title: 'x' })).toBe(false);
    s = send(m, s, { type: 'agency.resume', signedBy: '王某', at: 70 });
    expect(s.snapshot.value).toEqual({ inProgress: 'jointHandling' });
    expect(s.snapshot.context.mandate?.renewals).toBe(1);
  });

  it('when terminated (终止) from any open state, then it can still be rated', () => {
    for (const s0 of [
      send(m, start(m, input()), { type: 'agency.accept', team, at: 1 }),
      toInProgress(),
      send(m, toInProgress(), { type: 'agency.suspend', reason: 'x', at: 1 }),
    ]) {
      const t = send(m, s0, { type: 'agency.terminate', reason: '企业放弃项目', at: 2 });
      expect(t.snapshot.value).toBe('terminated');
      expect(send(m, t, { type: 'agency.rate', score: 3, at: 3 }).snapshot.value).toBe('rated');
    }
    expect(send(m, start(m, input()), { type: 'agency.decline', reason: '不属于重点项目', at: 1 }).snapshot.value).toBe('terminated');
  });

  it('when a community request is signed, then it goes straight to 互动联办 and completes once its cases close', () => {
    let s = start(m, input('community'));
    expect(s.snapshot.context.teamIds).toEqual(['cagent-li']);
    s = send(m, s, { type: 'agency.accept', team: { dedicated: 'cagent-li' }, at: 1 });
    s = send(m, s, { type: 'agency.signMandate', signedBy: '张大爷', at: 2 });
    expect(s.snapshot.value).toEqual({ inProgress: 'jointHandling' });
    s = send(m, s, { type: 'case.linked', caseId: 'HB9', title: '高龄津贴申领', at: 3 });
    s = send(m, s, { type: 'case.closed', caseId: 'HB9', status: 'completed', at: 4 });
    s = send(m, s, { type: 'agency.complete', at: 5 });
    expect(s.snapshot.value).toBe('completed');
  });
});
