import type { ChannelAdapter, Channel } from './types';

/**
 * SMS, WeChat template message and in-app inbox: no gateway is contracted yet, so these adapters
 * record exactly what they would send (the outbox row keeps the text and the receipt).
 */
export function recordingAdapter(channel: Channel): ChannelAdapter {
  return async (delivery) => ({ receipt: `${channel}:${delivery.address ?? delivery.applicantId}:${delivery.idempotencyKey}` });
}
