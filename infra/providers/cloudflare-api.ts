// Runs inside the Pulumi dynamic provider host as well as in the program: Pulumi
// serializes these functions by capturing their closures, so this file imports
// nothing at run time (types only) and uses globals (fetch, setTimeout) alone.

export interface ApiTarget {
  baseUrl: string;
  /** Cloudflare API token, or a Pages upload JWT. Never logged, never in an error. */
  token: string;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Five tries, 1 s, 2 s, 4 s, 8 s apart (or the server's Retry-After), 30 s at most. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
/** One request may take this long before it counts as a transient failure. */
export const REQUEST_TIMEOUT_MS = 120_000;

export interface ApiErrorDetails {
  status: number;
  errors: { code: number; message: string }[];
  retryable: boolean;
}

export type ApiError = Error & ApiErrorDetails;

/**
 * Calls the Cloudflare API and unwraps its `{success, errors, messages, result}`
 * envelope. 429, 5xx and network failures are retried per `retry`; any other
 * failure throws at once with the API's own error codes and messages.
 */
export async function cfRequest<T>(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await requestOnce<T>(target, method, path, body);
    } catch (error) {
      const retryable = (error as Partial<ApiError>).retryable === true;
      if (!retryable || attempt >= retry.attempts) throw error;
      const hinted = (error as { retryAfterMs?: number }).retryAfterMs;
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.min(retry.maxDelayMs, hinted ?? backoff)));
    }
  }
}

async function requestOnce<T>(target: ApiTarget, method: string, path: string, body: unknown): Promise<T> {
  const label = `${method} ${path}`;
  const isForm = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(body !== undefined && !isForm ? { "content-type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw apiError(`${label}: network error: ${(error as Error).message}`, { status: 0, errors: [], retryable: true });
  }
  const retryable = response.status === 429 || response.status >= 500;
  const text = await response.text();
  let envelope: { success?: boolean; errors?: { code: number; message: string }[]; result?: T } | undefined;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = undefined;
  }
  if (response.ok && envelope?.success === true) return envelope.result as T;
  const errors = Array.isArray(envelope?.errors) ? envelope.errors : [];
  const detail = errors.length > 0 ? errors.map((e) => `[${e.code}] ${e.message}`).join("; ") : text.slice(0, 200);
  const error = apiError(`${label}: ${response.status} ${detail}`, { status: response.status, errors, retryable });
  const retryAfter = Number(response.headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has("retry-after")) {
    Object.assign(error, { retryAfterMs: retryAfter * 1000 });
  }
  throw error;
}

// A plain Error with fields, not a subclass: the serialized provider code turns
// classes into functions, and a function-built Error subclass loses its message.
export function apiError(message: string, details: ApiErrorDetails): ApiError {
  return Object.assign(new Error(message), details);
}
