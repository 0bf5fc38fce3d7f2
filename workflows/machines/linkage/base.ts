import type { MachineBaseInput } from '../common';
import type { ActiveDeadline } from '../supervision';

/** What every linkage machine keeps: the department it concerns (for the area's commissioner) and its deadline. */
export interface LinkageBase extends MachineBaseInput {
  title: string;
  department: string;
}

export interface LinkageContextBase extends LinkageBase {
  deadline?: ActiveDeadline;
}
