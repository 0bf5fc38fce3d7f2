import type { FlowNode } from '../../../workflows/engine/model';
import { scheduleIdOf, TIMER_START_SCHEDULES, timerStartSchedule } from '../../../server/services/definitions.schedules';

const start = (kind: 'date' | 'cycle' | 'duration', value: string): FlowNode => ({
  id: 'tick',
  type: 'startEvent',
  incoming: [],
  outgoing: ['f1'],
  event: { kind: 'timer', timer: { kind, value } },
});

describe('timer start events as Temporal Schedule specs', () => {
  test('when the cycle is R3/PT2S, then the schedule fires every 2 seconds, three times', () => {
    expect(timerStartSchedule(start('cycle', 'R3/PT2S'))).toEqual({
      spec: { intervals: [{ every: 2000, offset: 0 }] },
      remainingActions: 3,
    });
  });

  test('when the cycle is unbounded with a start, then it starts there and has no limit', () => {
    const planned = timerStartSchedule(start('cycle', 'R/2026-12-01T01:00:00Z/P1D'));
    expect(planned.remainingActions).toBeUndefined();
    expect(planned.spec.startAt).toEqual(new Date('2026-12-01T01:00:00Z'));
    expect(planned.spec.intervals).toEqual([{ every: 86_400_000, offset: Date.parse('2026-12-01T01:00:00Z') % 86_400_000 }]);
  });

  test('when the cycle is a Camunda 6-field cron, then Temporal gets it with the year added, in the configured time zone', () => {
    expect(timerStartSchedule(start('cycle', '0 0 9 * * MON-FRI'))).toEqual({
      spec: { cronExpressions: ['0 0 9 * * MON-FRI *'], timezone: TIMER_START_SCHEDULES.cronTimeZone },
    });
    expect(timerStartSchedule(start('cycle', '30 8 * * 1-5')).spec.cronExpressions).toEqual(['30 8 * * 1-5']);
  });

  test('when the timer is a date (or FEEL giving one), then the schedule fires once at that instant', () => {
    const planned = timerStartSchedule(start('date', '="2026-12-24T09:30:00+08:00"'));
    expect(planned.remainingActions).toBe(1);
    expect(planned.spec.startAt).toEqual(new Date('2026-12-24T01:30:00Z'));
  });

  test('when the value is not a date, then the error names the start event', () => {
    expect(() => timerStartSchedule(start('date', 'soon'))).toThrow(
      expect.objectContaining({ elementId: 'tick', message: expect.stringContaining('ISO-8601') }),
    );
  });

  test('when schedule ids are derived, then key and element cannot collide (BPMN ids have no colon)', () => {
    expect(scheduleIdOf('a-b', 'c')).not.toBe(scheduleIdOf('a', 'b-c'));
  });
});
