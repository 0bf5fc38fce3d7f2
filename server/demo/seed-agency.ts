// Demo data for the 343 board: key projects in several states, created through the real API and machines
// on a fresh demo start, so a new 代办员 sees how the work looks (never in production: demo mode only).
import type { PrismaClient } from '../data/generated/client';
import type { Logger } from '../logger';

interface Deps {
  prisma: PrismaClient;
  baseUrl: string;
  /** A bearer token for a demo user. */
  token: (userId: string) => Promise<string>;
  logger: Logger;
}

const TEAM = { dedicated: 'agent1', business: 'helper-zhao', enterprise: 'specialist-sun' };

export async function seedAgencyDemo(deps: Deps): Promise<void> {
  if ((await deps.prisma.machineInstance.count({ where: { kind: 'agency' } })) > 0) return;
  const call = async (userId: string, path: string, body: object) => {
    const res = await fetch(`${deps.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await deps.token(userId)}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as { instanceId: string };
  };
  const project = (userId: string, body: object) => call(userId, '/api/agency/projects', body);
  const step = (id: string, event: object) => call('agent1', `/api/agency/projects/${encodeURIComponent(id)}/events`, event);

  // Waiting for a dedicated agent of the 专班 to take it.
  await project('window1', {
    channel: 'window',
    title: '莲湖区新能源电池材料生产线项目',
    applicant: { name: '西安秦储新能源科技有限公司', phone: '029-88880001' },
  });
  // Assigned to agent1 by the 专班, not yet accepted.
  await project('window1', {
    channel: 'departmentTransfer',
    fromDepartment: 'zjj',
    title: '大兴新区智慧物流园二期项目',
    applicant: { name: '陕西丝路智运物流有限公司' },
    team: { dedicated: 'agent1' },
  });
  // 审前导办: joint pre-review meeting scheduled, waiting for the departments' opinions.
  const meeting = await project('agent1', {
    channel: 'solicitation',
    title: '西北智能装备产业园扩建项目',
    applicant: { name: '西安莲湖智能装备有限公司', phone: '029-88880002' },
    team: TEAM,
  });
  await step(meeting.instanceId, { type: 'agency.accept', team: TEAM });
  await step(meeting.instanceId, { type: 'agency.signMandate', signedBy: '王建国（法定代表人）' });
  await step(meeting.instanceId, {
    type: 'preReview.schedule',
    departments: ['zjj', 'hbj', 'scjgj'],
    meetingAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  await step(meeting.instanceId, { type: 'preReview.opinion', department: 'zjj', opinion: '规划条件已具备，可同步办理建设工程规划许可。' });
  // Suspended while the applicant completes its land formalities.
  const suspended = await project('agent1', {
    channel: 'specialistHandover',
    fromSpecialist: 'specialist-sun',
    title: '丰庆路老字号食品中央厨房项目',
    applicant: { name: '西安丰庆食品有限公司' },
    team: { dedicated: 'agent1' },
  });
  await step(suspended.instanceId, { type: 'agency.accept', team: { dedicated: 'agent1' } });
  await step(suspended.instanceId, { type: 'agency.signMandate', signedBy: '李秀兰（法定代表人）' });
  await step(suspended.instanceId, { type: 'agency.suspend', reason: '项目单位正在办理土地出让手续，待取得不动产权证书后续办。' });
  deps.logger.info('demo: 343 key projects created');
}
