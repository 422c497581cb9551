import type { GitHubProvider } from "./providers";
import { personOf, type Person } from "./person";
import { PROVIDER_TIMEOUT_MS } from "./server";

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

async function api<T>(provider: GitHubProvider, path: string, token: string): Promise<T> {
  const res = await fetch(`${provider.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "user-agent": "workers-users" },
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`GitHub ${path}: ${res.status}`);
  return res.json<T>();
}

/**
 * GitHub's person: its numeric user id, and an address only when it is the account's
 * primary one and GitHub has verified it. The public profile address is never used: it
 * is whatever the user typed there.
 */
export async function fetchGitHubPerson(provider: GitHubProvider, token: string): Promise<Person | null> {
  const user = await api<{ id?: unknown; name?: unknown; login?: unknown }>(provider, "/user", token);
  const emails = await api<unknown>(provider, "/user/emails", token);
  const list = Array.isArray(emails) ? (emails as GitHubEmail[]) : [];
  const primary = list.find((e) => e && e.primary === true && e.verified === true && typeof e.email === "string");
  return personOf(typeof user.id === "number" ? user.id : null, primary?.email ?? null, primary !== undefined, user.name ?? user.login);
}
