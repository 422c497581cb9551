/** Cloudflare Queues delays a retry by at most 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;

/**
 * Seconds before try `attempts + 1` of a message: the provider's `Retry-After` when it
 * gave one, else `base` doubling with each try, capped at `max`.
 *
 * @example retryDelay(3, undefined, { base: 30, max: 600 }) // 120
 */
export function retryDelay(attempts: number, retryAfter: number | undefined, policy: { base: number; max: number }): number {
  const delay = retryAfter ?? Math.min(policy.max, policy.base * 2 ** Math.max(0, attempts - 1));
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(delay)));
}
