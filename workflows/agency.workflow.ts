import { hostMachine, type HostedMachineArgs, type MachineView } from './host/xstate-host';
import { agencyMachine } from './machines/agency.machine';

/** One 帮办代办 project or community request, from 申请 to 评价. */
export async function agencyWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(agencyMachine, args);
}
