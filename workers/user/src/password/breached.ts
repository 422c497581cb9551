export const RANGE_API = "https://api.pwnedpasswords.com/range/";
const TIMEOUT_MS = 1500;

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
}

/**
 * Whether the password appears in known breaches, by k-anonymity: only the
 * first 5 hex characters of its SHA-1 leave the Worker, and the answer is
 * padded with fake entries so its size says nothing either. `null` when the
 * service cannot be reached in time: the caller lets the password through.
 */
export async function isBreached(password: string, fetcher: typeof fetch = fetch): Promise<boolean | null> {
  const hash = await sha1Hex(password.normalize("NFKC"));
  try {
    const res = await fetcher(`${RANGE_API}${hash.slice(0, 5)}`, {
      headers: { "Add-Padding": "true" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const suffix = hash.slice(5);
    for (const line of (await res.text()).split("\n")) {
      const [candidate, count] = line.trim().split(":");
      // Padding entries carry a count of 0.
      if (candidate === suffix && Number(count) > 0) return true;
    }
    return false;
  } catch {
    return null;
  }
}
