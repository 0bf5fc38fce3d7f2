import { hostMachine, type HostedMachineArgs, type MachineView } from './host/xstate-host';
import { hotlineOrderMachine } from './machines/hotline-order.machine';

/** One 12345 work order from 受理 to 办结 (or 并单 into a fallback record). */
export async function hotlineOrderWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(hotlineOrderMachine, args);
}
