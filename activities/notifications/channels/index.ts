import { recordingAdapter } from './recording';
import type { Channel, ChannelAdapter } from './types';
import { webhookAdapter } from './webhook';

export const channelAdapters: Record<Channel, ChannelAdapter> = {
  'in-app': recordingAdapter('in-app'),
  sms: recordingAdapter('sms'),
  wechat: recordingAdapter('wechat'),
  webhook: webhookAdapter,
};
export * from './types';
