import { LIANHU_STREETS } from '../hotline/place';
/**
 * Who is who for the rule machines: departments and their supervision areas, the 审批监管特派员 of each area,
 * the "343" agent team, community agents (帮办代办员) and red-vest helpers (红马甲). A deployment replaces
 * this table with its own; ids here are the demo district's.
 */
/** 街道办事处 dispatch code from the 街道's division code (610104001 → jd001). */
export const streetCode = (divisionCode: string) => `jd${divisionCode.slice(-3)}`;

export interface Department {
  code: string;
  name: string;
  /** 监管领域 the department belongs to, for the area's commissioner. */
  area: string;
}

export const DEPARTMENTS: Record<string, Department> = {
  spj: { code: 'spj', name: '区数据和行政审批局', area: 'approval' },
  scjgj: { code: 'scjgj', name: '区市场监督管理局', area: 'market' },
  zjj: { code: 'zjj', name: '区住房和城乡建设局', area: 'construction' },
  hbj: { code: 'hbj', name: '生态环境局莲湖分局', area: 'construction' },
  wjw: { code: 'wjw', name: '区卫生健康局', area: 'social' },
  rsj: { code: 'rsj', name: '区人力资源和社会保障局', area: 'social' },
  cgj: { code: 'cgj', name: '区城市管理和综合执法局', area: 'urban' },
  swj: { code: 'swj', name: '国家税务总局西安市莲湖区税务局', area: 'market' },
  // 12345 派单目录 units (教育, 医保, 公安/交警, 交通, 民政, 消防) and the district's 街道办事处 (基层 dispatch targets).
  jyj: { code: 'jyj', name: '区教育局', area: 'social' },
  ybj: { code: 'ybj', name: '区医疗保障局', area: 'social' },
  gaj: { code: 'gaj', name: '公安分局', area: 'urban' },
  jtj: { code: 'jtj', name: '区交通运输局', area: 'urban' },
  mzj: { code: 'mzj', name: '区民政局', area: 'social' },
  xfjy: { code: 'xfjy', name: '区消防救援大队', area: 'urban' },
  ...Object.fromEntries(
    LIANHU_STREETS.map((s) => [streetCode(s.code), { code: streetCode(s.code), name: `${s.name}办事处`, area: 'urban' }]),
  ),
};

/** 审批监管特派员: one named commissioner per area. */
export const COMMISSIONERS: Record<string, { userId: string; name: string }> = {
  approval: { userId: 'supervisor1', name: '周监督' },
  market: { userId: 'supervisor1', name: '周监督' },
  construction: { userId: 'commissioner-jian', name: '简特派' },
  social: { userId: 'commissioner-min', name: '闵特派' },
  urban: { userId: 'commissioner-cheng', name: '程特派' },
};

/** 督办 escalations beyond the holder go to the district leadership in charge (分管区领导). */
export const LEADERSHIP = { userId: 'leader1', name: '区政府分管领导' };
/** The supervisor told about 不给办 (staff inaction) complaints and who runs the 办不成事 window. */
export const FALLBACK_SUPERVISOR = 'supervisor1';

export type AgentRole = 'dedicated' | 'business' | 'enterprise' | 'community' | 'redVest';
export const AGENT_ROLE_LABELS: Record<AgentRole, string> = {
  dedicated: '专职代办员',
  business: '业务帮办员',
  enterprise: '企业服务专员',
  community: '帮办代办员',
  redVest: '红马甲',
};

export interface Agent {
  userId: string;
  name: string;
  role: AgentRole;
  community?: string;
}

export const AGENTS: Record<string, Agent> = {
  agent1: { userId: 'agent1', name: '陈代办', role: 'dedicated' },
  'agent-liu': { userId: 'agent-liu', name: '刘代办', role: 'dedicated' },
  'helper-zhao': { userId: 'helper-zhao', name: '赵帮办', role: 'business' },
  'specialist-sun': { userId: 'specialist-sun', name: '孙专员', role: 'enterprise' },
  'cagent-li': { userId: 'cagent-li', name: '李大姐', role: 'community', community: 'xiguan' },
  'cagent-wang': { userId: 'cagent-wang', name: '王师傅', role: 'community', community: 'xiguan' },
  'cagent-ma': { userId: 'cagent-ma', name: '马阿姨', role: 'community', community: 'beiyuanmen' },
  'rv-01': { userId: 'rv-01', name: '红马甲·小杨', role: 'redVest' },
  'rv-02': { userId: 'rv-02', name: '红马甲·小何', role: 'redVest' },
};

export const COMMUNITIES: Record<string, { code: string; name: string }> = {
  xiguan: { code: 'xiguan', name: '青年路街道西关社区' },
  beiyuanmen: { code: 'beiyuanmen', name: '北院门街道北院门社区' },
};

export const areaOf = (department: string | undefined): string | undefined => (department ? DEPARTMENTS[department]?.area : undefined);
export const commissionerOf = (department: string | undefined) => {
  const area = areaOf(department);
  return area ? COMMISSIONERS[area] : undefined;
};
