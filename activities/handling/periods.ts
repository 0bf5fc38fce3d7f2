import { handlingConfig } from './config';

/**
 * Every statutory period of handling in one table: its length (from the handling config, so a
 * deployment can tune it), its unit and the article it comes from. 《行政许可法》第八十二条: the law's
 * periods for the agency are counted in working days (工作日), not counting statutory holidays.
 */
export type PeriodUnit = 'working' | 'natural';

export interface StatutoryPeriod {
  days: number;
  unit: PeriodUnit;
  article: string;
}

export type PeriodKey = 'correctionNotice' | 'decision' | 'extension' | 'delivery' | 'verification';

const ART_82 = '按《行政许可法》第八十二条以工作日计算';

export function statutoryPeriods(): Record<PeriodKey, StatutoryPeriod> {
  const cfg = handlingConfig();
  return {
    correctionNotice: { days: cfg.incompleteNoticeDays, unit: 'working', article: `《行政许可法》第三十二条 一次告知补正（${ART_82}）` },
    decision: { days: cfg.statutoryLimitWorkingDays, unit: 'working', article: `《行政许可法》第四十二条 作出决定（${ART_82}）` },
    extension: { days: cfg.extensionWorkingDays, unit: 'working', article: `《行政许可法》第四十二条 延长期限（${ART_82}）` },
    delivery: { days: cfg.licenceIssueDays, unit: 'working', article: `《行政许可法》第四十四条 颁发、送达许可证件（${ART_82}）` },
    // A local verification window ("within one month"), not a period of the law: natural days.
    verification: { days: cfg.verificationDueDays, unit: 'natural', article: '告知承诺核查期限（地方规定，按自然日计算）' },
  };
}
