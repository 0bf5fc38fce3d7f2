/**
 * Every number of in- and post-handling (办中 / 办后) as a parameter with the rule it comes from
 * (RULES.md section and source tag). Deployments override values through HANDLING_CONFIG (JSON);
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
  statutoryLimitWorkingDays: { value: 20, source: 'RULES.md §9.1 art. 42 行政许可法 [国家]' },
  extensionWorkingDays: { value: 10, source: 'RULES.md §9.1 art. 42 行政许可法 [国家]' },
  maxExtensions: { value: 1, source: 'RULES.md §9.1 art. 42 ("+10 日" once, with the head\'s approval) [国家]' },
  incompleteNoticeDays: { value: 5, source: 'RULES.md §9.1 art. 32 行政许可法 [国家]' },
  licenceIssueDays: { value: 10, source: 'RULES.md §9.1 art. 44 行政许可法 [国家]' },
  supplementReminderWorkingDays: { value: 2, source: 'RULES.md §3 (remind "before" the deadline; number is a local choice) [省市-官方]' },
  verificationDueDays: { value: 30, source: 'RULES.md §2.2 Shanghai 食品经营许可: on-site check within 1 month [省市-官方]' },
  ratingCallbackWorkingDays: { value: 1, source: 'RULES.md §1.3 Liaoning 办法: 回访核实 within 1 WD [省市-官方]' },
  rectificationMaxWorkingDays: { value: 15, source: 'RULES.md §1.3 Liaoning / Sichuan: complex cases fixed within 15 WD [省市-官方]' },
  ratingInvitationDays: { value: 3, source: 'RULES.md §1.3 Bozhou: unrated >3 days after 办结 → SMS 邀评 [地方例]' },
  badRatingMaxLevel: { value: 2, source: 'RULES.md §1.1 five levels, 不满意/非常不满意 = 差评 [国家]' },
  fastApprovalMinutes: { value: 60, source: 'DOMAIN.md 办中 集成快办: "70% of approval volume done within 1 hour"' },
  fastApprovalTargetShare: { value: 0.7, source: 'DOMAIN.md 办中 集成快办 (district report)' },
  quietHours: { value: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: true }, source: 'DOMAIN.md 办后 免打扰 (product default; no rule fixes the hours)' },
  webhookMaxAttempts: { value: 6, source: 'engineering default (delivery reliability; no rule)' },
  webhookBackoffSeconds: { value: { initial: 1, factor: 2, max: 300 }, source: 'engineering default (delivery reliability; no rule)' },
  dispatcherPollSeconds: { value: 5, source: 'engineering default' },
};

const config = sourcedConfig(HANDLING_DEFAULTS, 'HANDLING_CONFIG');

/** The values in force: defaults with overrides applied. */
export const handlingConfig = config.values;

/** Replaces selected values (tests, per-deployment tuning); returns a function restoring the previous ones. */
export const overrideHandlingConfig = config.override;
