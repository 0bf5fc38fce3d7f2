/** The six roles (角色) of haoban. */
export const ROLES = ['applicant', 'window', 'approver', 'agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申请人',
  window: '窗口人员',
  approver: '审批人员',
  agent: '代办员',
  supervisor: '监督人员',
  admin: '系统管理员',
};

/** Roles that work on other people's cases. */
export const STAFF_ROLES: Role[] = ['window', 'approver', 'agent', 'supervisor', 'admin'];
