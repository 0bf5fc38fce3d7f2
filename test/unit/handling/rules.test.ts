import { HANDLING_DEFAULTS, handlingConfig, overrideHandlingConfig } from '../../../activities/handling/config';
import { addNaturalDays, addWorkingDays, workingDaysBetween } from '../../../activities/handling/deadlines';
import { nonDeferrableReason } from '../../../activities/handling/materials';
import { sevenElementNotice } from '../../../activities/handling/commitment';
import { scopeOf } from '../../../server/services/ratings.service';

describe('handling rules', () => {
  it('when the defaults are read, then every number carries the rule it comes from', () => {
    for (const [key, param] of Object.entries(HANDLING_DEFAULTS)) {
      expect({ key, source: param.source.length > 5 }).toEqual({ key, source: true });
    }
    expect(handlingConfig().extensionWorkingDays).toBe(10);
    expect(handlingConfig().licenceIssueDays).toBe(10);
  });

  it('when a value is overridden, then it applies until restored', () => {
    const restore = overrideHandlingConfig({ ratingInvitationDays: 0 });
    expect(handlingConfig().ratingInvitationDays).toBe(0);
    restore();
    expect(handlingConfig().ratingInvitationDays).toBe(3);
  });

  it('when 10 working days are added across the National Day holiday, then holidays are skipped and the 调休 Saturday counts', () => {
    // Accepted 2026-09-30 (Beijing); 10-01..10-07 off; 10-08, 10-09 and the make-up Saturday 10-10 count.
    const due = addWorkingDays(new Date('2026-09-30T02:00:00Z'), 3);
    expect(due.toISOString()).toBe('2026-10-10T16:00:00.000Z'); // 24:00 of 10-10 Beijing
    expect(workingDaysBetween(new Date('2026-09-30T02:00:00Z'), new Date('2026-10-10T02:00:00Z'))).toBe(3);
  });

  it('when art. 44 counts 10 days from a decision, then the deadline is 24:00 Beijing time of the tenth day', () => {
    expect(addNaturalDays(new Date('2026-11-28T03:00:00Z'), 10).toISOString()).toBe('2026-12-08T16:00:00.000Z');
  });

  it('when a material is core, safety or environmental, then it may never be deferred (容缺)', () => {
    expect(nonDeferrableReason({ code: 'ID', name: '身份证明', core: true })).toContain('核心要件');
    expect(nonDeferrableReason({ code: 'FIRE', name: '消防安全检查', safety: true })).toContain('安全');
    expect(nonDeferrableReason({ code: 'EIA', name: '环评批复', environmental: true })).toContain('环保');
    expect(nonDeferrableReason({ code: 'PLAN', name: '卫生管理制度', sources: ['upload', 'deferrable'] })).toBeUndefined();
    expect(nonDeferrableReason({ code: 'PLAN', name: '卫生管理制度', sources: ['upload'] })).toContain('未列为可容缺');
  });

  it('when the 告知承诺 notice is built, then it has the seven elements', () => {
    expect(Object.keys(sevenElementNotice({ name: '食品经营许可' }))).toHaveLength(7);
  });

  it('when a rating comes from the evaluator device or a QR code, then it is 一次一评; online or SMS, 一事一评', () => {
    expect([scopeOf('device'), scopeOf('qr'), scopeOf('online'), scopeOf('sms')]).toEqual(['on-site', 'on-site', 'online', 'online']);
  });
});
