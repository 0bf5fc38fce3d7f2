import type { NotificationMessage } from '../compose';

export const CHANNELS = ['in-app', 'sms', 'wechat', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Delivery {
  channel: Channel;
  applicantId: string;
  address: string | null;
  message: NotificationMessage;
  idempotencyKey: string;
}

/** A channel adapter: resolves when delivered, throws when it should be retried. */
export type ChannelAdapter = (delivery: Delivery) => Promise<{ receipt: string }>;

/** Channels that push to a device and so respect quiet hours; in-app is read when the applicant looks. */
export const PUSH_CHANNELS: Channel[] = ['sms', 'wechat', 'webhook'];
