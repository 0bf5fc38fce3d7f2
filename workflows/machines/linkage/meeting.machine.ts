import { assign, setup } from 'xstate';
import { addWorkingDays } from '../clock';
import { hostedActions } from '../common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type DeadlineSpec } from '../supervision';
import type { LinkageBase, LinkageContextBase } from './base';

/**
 * 部门联席会议 (docs/rules.md#linkage; after 武政办〔2023〕75号 and Shangqiu's practice): a disputed responsibility or a case stuck between departments
 * is referred with an agenda; the meeting is convened, decides, and names owners; each decision becomes a
 * task with a deadline, tracked until all are done.
 */
export interface MeetingTask {
  owner: string;
  description: string;
  workingDays?: number;
  dueAt?: number;
  doneAt?: number;
}
export interface MeetingInput extends LinkageBase {
  agenda: string[];
  departments: string[];
  caseId?: string;
  referredBy: string;
}
export interface MeetingContext extends MeetingInput, LinkageContextBase {
  convenedAt?: string;
  decision?: string;
  tasks: MeetingTask[];
}
export type MeetingEvent = { at?: number; actor?: string } & (
  | { type: 'meeting.convene'; heldAt: string }
  | { type: 'meeting.decide'; decision: string; tasks: { owner: string; description: string; workingDays?: number }[] }
  | { type: 'meeting.taskDone'; index: number; note?: string }
);

export const meetingMachine = setup({
  types: { context: {} as MeetingContext, events: {} as MeetingEvent, input: {} as MeetingInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
    /** Opens one tracked step per decision task (its owner, due date) — the host records them. */
    notifyDepartments: (_: unknown, _params: { departments: string[]; message: string }) => {},
    openTasks: (_: unknown, _params: { tasks: MeetingTask[] }) => {},
    closeTask: (_: unknown, _params: { index: number; task: MeetingTask }) => {},
  },
  delays: supervisionDelays,
  guards: {
    openTask: ({ context, event }) =>
      event.type === 'meeting.taskDone' && !!context.tasks[event.index] && context.tasks[event.index].doneAt === undefined,
    allDone: ({ context }) => context.tasks.length > 0 && context.tasks.every((t) => t.doneAt !== undefined),
  },
}).createMachine({
  id: 'linkageMeeting',
  context: ({ input }) => ({ ...input, tasks: [] }),
  initial: 'referred',
  states: {
    referred: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'referred',
            key: 'meetingSchedule',
            holder: context.referredBy,
            department: context.department,
          }),
        },
        {
          type: 'notifyDepartments',
          params: ({ context }) => ({
            departments: context.departments,
            message: `部门联席会议提请：${context.title}；议题：${context.agenda.join('；')}`,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'meeting.convene': { target: 'convened', actions: assign(({ event }) => ({ convenedAt: event.heldAt })) } },
    },
    convened: {
      on: {
        'meeting.decide': {
          target: 'executing',
          actions: [
            assign(({ context, event }) => ({
              decision: event.decision,
              tasks: event.tasks.map((t) => {
                const wd = t.workingDays ?? context.deadlines.meetingTask.workingDays;
                return { ...t, workingDays: wd, dueAt: addWorkingDays(context.clock, atOf(event), wd) };
              }),
            })),
            { type: 'openTasks', params: ({ context }) => ({ tasks: context.tasks }) },
          ],
        },
      },
    },
    // Supervised on the latest task deadline; each task is also tracked on its own for the assessment.
    executing: {
      entry: {
        type: 'setDeadline',
        params: ({ context }) => ({
          step: 'executing',
          key: 'meetingTask',
          holder: context.referredBy,
          department: context.department,
          workingDays: Math.max(...context.tasks.map((t) => t.workingDays ?? 0)),
        }),
      },
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'meeting.taskDone': {
          guard: 'openTask',
          actions: [
            assign(({ context, event }) => ({
              tasks: context.tasks.map((t, i) => (i === event.index ? { ...t, doneAt: atOf(event) } : t)),
            })),
            { type: 'closeTask', params: ({ context, event }) => ({ index: event.index, task: context.tasks[event.index] }) },
          ],
        },
      },
      always: { guard: 'allDone', target: 'closed' },
    },
    closed: { type: 'final' },
  },
});
