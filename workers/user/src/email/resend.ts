import type { EmailProvider, SendResult } from "./types";

export interface ResendOptions {
  apiKey: string;
  from: string;
  /** Resend's origin, e.g. https://api.resend.com. */
  apiUrl: string;
  /** A send without an answer by then is transient: it may have been taken, so the retry reuses the key. */
  timeoutMs: number;
}

/** Resend's HTTP API, with its `Idempotency-Key` (kept 24 hours) on every send. */
export function resendProvider(options: ResendOptions, fetcher: typeof fetch = fetch): EmailProvider {
  if (!options.apiKey) throw new Error("RESEND_API_KEY is not set");
  return {
    async send(message, idempotencyKey) {
      let res: Response;
      try {
        res = await fetcher(`${options.apiUrl}/emails`, {
          method: "POST",
          headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
          body: JSON.stringify({ from: options.from, to: [message.to], subject: message.subject, text: message.text, html: message.html }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch {
        return { type: "transient", reason: "no answer" };
      }
      // Status only: the answer is not needed, and nothing of the message is ever logged.
      await res.body?.cancel();
      return resultOf(res);
    },
  };
}

function resultOf(res: Response): SendResult {
  if (res.ok) return { type: "sent" };
  // 409: Resend is still working on a request with the same key; the retry gets its answer.
  if (res.status === 429 || res.status === 409 || res.status >= 500) {
    const retryAfter = retryAfterSeconds(res.headers.get("retry-after"));
    return { type: "transient", reason: `status ${res.status}`, ...(retryAfter === undefined ? {} : { retryAfter }) };
  }
  return { type: "refused", status: res.status };
}

/** `Retry-After` in seconds (RFC 9110: a number of seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
