/**
 * Every number of in- and post-handling (办中 / 办后) as a parameter with the rule it comes from
 * (official source and the docs/rules.md section that explains it). Deployments override values through HANDLING_CONFIG (JSON);
 * tests override them with `overrideHandlingConfig` to use seconds instead of days.
 */

import { sourcedConfig, type Param } from '../config/sourced-config';

export type { Param } from '../config/sourced-config';

export interface HandlingConfig {
  /** 行政许可法 art. 42: statutory decision limit (working days). */
  statutoryLimitWorkingDays: Param<number>;
  /** art. 42: one extension with the agency head's approval (working days). */
  extensionWorkingDays: Param<number>;
  /** art. 42: how many extensions a case may have. */
  maxExtensions: Param<number>;
  /** art. 32: incomplete materials → one notice within this many days, else accepted on receipt. */
  incompleteNoticeDays: Param<number>;
  /** art. 44: licence issued / served within this many days of the decision. */
  licenceIssueDays: Param<number>;
  /** 容缺: remind the applicant this many working days before the supplement deadline. */
  supplementReminderWorkingDays: Param<number>;
  /** 告知承诺: verification (核查) due this many days after the decision. */
  verificationDueDays: Param<number>;
  /** 差评: 回访核实 within this many working days. */
  ratingCallbackWorkingDays: Param<number>;
  /** 差评: 限期整改 at most this many working days. */
  rectificationMaxWorkingDays: Param<number>;
  /** 好差评: unrated this many days after 办结 → SMS invitation. */
  ratingInvitationDays: Param<number>;
  /** 好差评: levels 1..badRatingMaxLevel count as 差评 (of 5). */
  badRatingMaxLevel: Param<number>;
  /** 集成快办: the district's target share of approvals done within this many minutes. */
  fastApprovalMinutes: Param<number>;
  fastApprovalTargetShare: Param<number>;
  /** 免打扰: no message between these local times (HH:MM) in this time zone; deferred, not dropped. */
  quietHours: Param<{ start: string; end: string; timeZone: string; enabled: boolean }>;
  /** Webhook delivery: attempts and exponential backoff. */
  webhookMaxAttempts: Param<number>;
  webhookBackoffSeconds: Param<{ initial: number; factor: number; max: number }>;
  /** Dispatcher: how often the outbox is polled when nothing is due sooner (seconds). */
  dispatcherPollSeconds: Param<number>;
}

export const HANDLING_DEFAULTS: HandlingConfig = {
  statutoryLimitWorkingDays: { value: 20, source: '《中华人民共和国行政许可法》第四十二条 (docs/rules.md#licensing-time-limits)' },
  extensionWorkingDays: { value: 10, source: '《中华人民共和国行政许可法》第四十二条 (docs/rules.md#licensing-time-limits)' },
  maxExtensions: {
    value: 1,
    source: "《中华人民共和国行政许可法》第四十二条: once, with the agency head's approval (docs/rules.md#licensing-time-limits)",
  },
  incompleteNoticeDays: { value: 5, source: '《中华人民共和国行政许可法》第三十二条 (docs/rules.md#licensing-time-limits)' },
  licenceIssueDays: { value: 10, source: '《中华人民共和国行政许可法》第四十四条 (docs/rules.md#licensing-time-limits)' },
  supplementReminderWorkingDays: {
    value: 2,
    source:
      '容缺受理: remind before the deadline (化府办〔2025〕22号, other province); the number of days is an engine default (docs/rules.md#deferred-acceptance)',
  },
  verificationDueDays: {
    value: 30,
    source:
      '告知承诺 核查: no national day count (国办发〔2020〕42号); Shanghai 食品经营许可 checks within one month, other province (docs/rules.md#commitment)',
  },
  ratingCallbackWorkingDays: {
    value: 1,
    source: '辽宁省"好差评"办法: 回访核实 within 1 working day, other province (docs/rules.md#rating-rectification)',
  },
  rectificationMaxWorkingDays: {
    value: 15,
    source:
      '辽宁省 and 四川省 好差评 rules: complex cases fixed within 15 working days, other province (docs/rules.md#rating-rectification)',
  },
  ratingInvitationDays: {
    value: 3,
    source: 'Bozhou (亳州) practice: unrated 3 days after 办结 → SMS 邀评, local practice (docs/rules.md#ratings)',
  },
  badRatingMaxLevel: { value: 2, source: '国办发〔2019〕51号: five levels, 不满意 and 非常不满意 are 差评 (docs/rules.md#ratings)' },
  fastApprovalMinutes: {
    value: 60,
    source: '莲湖区数据和行政审批局 集成快办: 70% of approval volume done within one hour (docs/rules.md#integrated-fast-handling)',
  },
  fastApprovalTargetShare: { value: 0.7, source: '莲湖区数据和行政审批局 集成快办 target (docs/rules.md#integrated-fast-handling)' },
  quietHours: {
    value: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: true },
    source: 'Lianhu 免打扰 service (2022); no rule fixes the hours: engine default (docs/rules.md#quiet-hours)',
  },
  webhookMaxAttempts: { value: 6, source: 'engineering default (delivery reliability; no rule)' },
  webhookBackoffSeconds: { value: { initial: 1, factor: 2, max: 300 }, source: 'engineering default (delivery reliability; no rule)' },
  dispatcherPollSeconds: { value: 5, source: 'engineering default' },
};

const config = sourcedConfig(HANDLING_DEFAULTS);

/** The values in force: defaults with overrides applied. */
export const handlingConfig = config.values;

/** Sets the deployment's values (HANDLING_CONFIG, parsed in server/config.ts); called once by the entry point. */
export const configureHandling = config.configure;

/** Replaces selected values (tests); returns a function restoring the previous ones. */
export const overrideHandlingConfig = config.override;
