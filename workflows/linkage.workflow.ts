import { hostMachine, type HostedMachineArgs, type MachineView } from './host/xstate-host';
import { adjustmentMachine } from './machines/linkage/adjustment.machine';
import { cityMachine } from './machines/linkage/city.machine';
import { findingMachine } from './machines/linkage/finding.machine';
import { meetingMachine } from './machines/linkage/meeting.machine';
import { noticeMachine } from './machines/linkage/notice.machine';

/** 审管联动: one workflow type per rule machine. */
export async function linkageNoticeWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(noticeMachine, args);
}
export async function linkageFindingWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(findingMachine, args);
}
export async function linkageMeetingWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(meetingMachine, args);
}
export async function linkageCityWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(cityMachine, args);
}
export async function linkageAdjustmentWorkflow(args: HostedMachineArgs): Promise<MachineView> {
  return hostMachine(adjustmentMachine, args);
}
