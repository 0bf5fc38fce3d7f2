// What each role finds in the side menu; one place so the shell and the home redirect agree.
export interface NavItem {
  path: string;
  label: string;
  roles: string[];
}

export const NAV: NavItem[] = [
  { path: '/services', label: '办事服务', roles: ['applicant'] },
  { path: '/my/cases', label: '我的办件', roles: ['applicant'] },
  { path: '/my/messages', label: '消息', roles: ['applicant'] },
  { path: '/lookup', label: '免登录查进度', roles: ['applicant'] },
  { path: '/inbox', label: '待办任务', roles: ['window', 'approver', 'agent', 'admin'] },
  { path: '/cases', label: '办件查询', roles: ['window', 'approver', 'agent', 'supervisor', 'admin'] },
  { path: '/prereview', label: '预审台', roles: ['window'] },
  { path: '/fallback', label: '办不成事窗口', roles: ['window', 'supervisor'] },
  { path: '/hotline', label: '12345 工单', roles: ['window', 'supervisor'] },
  { path: '/linkage', label: '审管联动', roles: ['supervisor', 'approver'] },
  { path: '/agent/board', label: '343 代办看板', roles: ['agent', 'supervisor'] },
  { path: '/supervise', label: '监督总览', roles: ['supervisor', 'admin'] },
  { path: '/escalations', label: '兜底与督办', roles: ['supervisor'] },
  { path: '/incidents', label: '故障处理', roles: ['supervisor', 'admin'] },
  { path: '/audit', label: '审计日志', roles: ['supervisor', 'admin'] },
  { path: '/admin/definitions', label: '流程定义', roles: ['admin'] },
  { path: '/admin/deploy', label: '部署流程', roles: ['admin'] },
  { path: '/admin/catalogue', label: '事项目录导入', roles: ['admin'] },
  { path: '/admin/users', label: '用户与角色', roles: ['admin'] },
  { path: '/admin/calendar', label: '节假日安排', roles: ['admin'] },
];

export function navFor(roles: string[]): NavItem[] {
  return NAV.filter((n) => n.roles.some((r) => roles.includes(r)));
}

/** Each role's landing page, in order of precedence when a user has several roles. */
const HOME: [string, string][] = [
  ['admin', '/admin/definitions'],
  ['supervisor', '/supervise'],
  ['agent', '/agent/board'],
  ['approver', '/inbox'],
  ['window', '/inbox'],
  ['applicant', '/services'],
];

export function homeFor(roles: string[]): string {
  return HOME.find(([role]) => roles.includes(role))?.[1] ?? navFor(roles)[0]?.path ?? '/login';
}
