import { hostMachine, type HostedMachineArgs, type MachineView } from './host/xstate-host';
import { fallbackMachine } from './machines/fallback.machine';

/** One "办不成事" record (记录单) from 登记 to 备案, with its 督办 timers. */
export async function fallbackWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(fallbackMachine, args);
}
