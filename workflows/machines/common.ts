import type { MachineClock } from './clock';
import type { DeadlineParam } from './deadlines';
import type { SupervisionParams } from './supervision';

/** A message to a person, department or the applicant; the host's activity delivers it (站内通知). */
export interface NotifyParams {
  /** A user id, `dept:<code>`, or `applicant`. */
  to: string;
  message: string;
}

/** What every hosted machine receives at start. */
export interface MachineBaseInput {
  instanceId: string;
  clock: MachineClock;
  deadlines: Record<string, DeadlineParam>;
  /** Workflow time at start (epoch ms). */
  at: number;
}

/** Named actions shared by the rule machines (each machine adds its own `setDeadline`/`clearDeadline` assigns). The implementations are empty on purpose: the host runs them as activities. */
export const hostedActions = {
  notify: (_: unknown, _params: NotifyParams) => {},
  supervision: (_: unknown, _params: SupervisionParams) => {},
};
