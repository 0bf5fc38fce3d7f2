import { isQuiet, nextSendableAt, type QuietHours } from '../../../activities/notifications/quiet-hours';

const quiet: QuietHours = { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: true };

describe('免打扰 quiet hours (Asia/Shanghai)', () => {
  it('when a message is due at 23:30 Beijing time, then it is deferred to 08:00 the next morning, not dropped', () => {
    const at = new Date('2026-11-28T15:30:00Z'); // 23:30 +08:00
    expect(isQuiet(at, quiet)).toBe(true);
    expect(nextSendableAt(at, quiet).toISOString()).toBe('2026-11-29T00:00:00.000Z'); // 08:00 +08:00
  });

  it('when a message is due at 06:59 Beijing time, then it waits until 08:00 the same morning', () => {
    expect(nextSendableAt(new Date('2026-11-28T22:59:00Z'), quiet).toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });

  it('when a message is due in the daytime, then it goes at once', () => {
    const at = new Date('2026-11-28T02:15:00Z'); // 10:15 +08:00
    expect(isQuiet(at, quiet)).toBe(false);
    expect(nextSendableAt(at, quiet)).toBe(at);
  });

  it('when quiet hours are disabled or configured within one day, then the configuration is honoured', () => {
    expect(isQuiet(new Date('2026-11-28T15:30:00Z'), { ...quiet, enabled: false })).toBe(false);
    const lunch = { ...quiet, start: '12:00', end: '13:30' };
    expect(isQuiet(new Date('2026-11-28T04:30:00Z'), lunch)).toBe(true); // 12:30
    expect(nextSendableAt(new Date('2026-11-28T04:30:00Z'), lunch).toISOString()).toBe('2026-11-28T05:30:00.000Z');
    expect(isQuiet(new Date('2026-11-28T05:30:00Z'), lunch)).toBe(false);
  });
});
