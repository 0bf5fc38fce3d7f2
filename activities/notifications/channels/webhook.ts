import type { ChannelAdapter } from './types';

const TIMEOUT_MS = 10_000;

/** Webhook: POSTs the message as JSON; any non-2xx answer or network error is retried by the dispatcher. */
export const webhookAdapter: ChannelAdapter = async (delivery) => {
  if (!delivery.address) throw new Error('未登记回调地址 (no webhook URL registered)');
  const res = await fetch(delivery.address, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': delivery.idempotencyKey },
    body: JSON.stringify({ applicantId: delivery.applicantId, idempotencyKey: delivery.idempotencyKey, ...delivery.message }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`回调返回 HTTP ${res.status} (webhook answered ${res.status})`);
  return { receipt: `webhook:${res.status}` };
};
