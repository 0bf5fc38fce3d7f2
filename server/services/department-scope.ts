import type { AuthenticatedActor } from '../auth/authenticate';
import { AppError } from '../errors';
import { DEPARTMENTS } from '../../activities/domain/machines/directory';

/**
 * Who acts for a department (部门). A step addressed to a department — a 审批信息通报 to sign, a 抄告 to
 * act on, a 联席会议 task, a 12345 order, a 办不成事 transfer, an item's task — is listed and worked only by
 * that department's staff: users whose department (the user table's, read per request) is the addressed
 * one. Supervisors and admins oversee: they list everything and act only where a rule gives them the step.
 */
export const OVERSIGHT_ROLES = ['supervisor', 'admin'];

export const oversees = (actor: AuthenticatedActor): boolean => actor.roles.some((r) => OVERSIGHT_ROLES.includes(r));

/** The rule machines' department code (e.g. `scjgj`) of the caller's department, matched by name. */
export function departmentOf(actor: AuthenticatedActor): string | undefined {
  if (!actor.department) return undefined;
  return Object.values(DEPARTMENTS).find((d) => d.name === actor.department)?.code;
}

/**
 * A department officer: staff of one department (a `dept-*` task group), as opposed to the central
 * window and approval staff who run the 办不成事 window and 12345 dispatch, and the supervisors.
 * Department officers see only what is addressed to their department.
 */
export const isDepartmentOfficer = (actor: AuthenticatedActor): boolean =>
  !oversees(actor) && actor.groups.some((g) => g.startsWith('dept-'));

const nameOf = (code: string | undefined) => (code ? (DEPARTMENTS[code]?.name ?? code) : '指定部门');

export function notYourDepartment(actor: AuthenticatedActor, department: string | undefined, step: string): AppError {
  return new AppError(
    403,
    'NOT_YOUR_DEPARTMENT',
    `“${step}”只能由${nameOf(department)}的工作人员办理 (only staff of that department may do this)`,
    {
      department: department ?? null,
      yourDepartment: actor.department ?? null,
    },
  );
}

/** The step belongs to `department`: its staff may act; overseers too when `overseers` says the rule lets them. */
export function assertActsFor(
  actor: AuthenticatedActor,
  department: string | undefined,
  step: string,
  options: { overseers?: boolean } = {},
): void {
  if (options.overseers && oversees(actor)) return;
  if (department && departmentOf(actor) === department) return;
  throw notYourDepartment(actor, department, step);
}

/** Central steps (the 办不成事 window, 12345 dispatch) are not a department officer's to take. */
export function assertCentral(actor: AuthenticatedActor, step: string): void {
  if (!isDepartmentOfficer(actor)) return;
  throw new AppError(
    403,
    'NOT_YOUR_DEPARTMENT',
    `“${step}”由政务服务中心窗口或监督人员办理，部门工作人员只办理转给本部门的事项 (department staff act only on what is addressed to their department)`,
    {
      yourDepartment: actor.department ?? null,
    },
  );
}
