import type { Role } from './roles';

export interface DemoUser {
  id: string;
  name: string;
  department?: string;
  roles: Role[];
  groups: string[];
}

/** Seeded in the embedded default so every role can be tried at once (演示账号). */
export const DEMO_USERS: DemoUser[] = [
  { id: 'zhangsan', name: '张三', roles: ['applicant'], groups: [] },
  { id: 'lisi', name: '李四', roles: ['applicant'], groups: [] },
  { id: 'window1', name: '王晓窗', department: '区数据和行政审批局', roles: ['window'], groups: ['window'] },
  { id: 'approver1', name: '赵审批', department: '区数据和行政审批局', roles: ['approver'], groups: ['approver'] },
  { id: 'agent1', name: '陈代办', department: '区政务服务中心', roles: ['agent'], groups: ['agent'] },
  { id: 'supervisor1', name: '周监督', department: '区政务服务中心', roles: ['supervisor'], groups: ['supervisor'] },
  { id: 'admin', name: '系统管理员', department: '区数据和行政审批局', roles: ['admin'], groups: ['admin'] },
];
