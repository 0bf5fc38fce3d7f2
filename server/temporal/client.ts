import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/**
 * The API's Temporal client. Calls give up after a few quick retries (about a second) instead of the
 * SDK's default half minute, so while Temporal is down requests answer 503 + Retry-After promptly.
 */
export async function connectTemporal(address: string, namespace: string): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({
    address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4, initialIntervalMs: () => 100 }))],
  });
  return { client: new Client({ connection, namespace }), connection };
}
