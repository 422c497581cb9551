import { api, client } from "../api";
import { element } from "../dom";
import { afterSignIn } from "../return-to";

export interface ProviderInfo {
  id: string;
  name: string;
}

export async function listProviders(): Promise<ProviderInfo[]> {
  const result = await api(client.GET("/api/auth/oauth/providers"));
  return result.ok ? result.data.providers : [];
}

/**
 * A link that starts a sign-in (or a link, for the account page) at a provider: a plain
 * navigation, since the provider's page replaces this one.
 */
export function providerLink(provider: ProviderInfo, intent: "sign-in" | "link", label: string): HTMLAnchorElement {
  const link = element("a", label, "button secondary");
  // A sign-in returns to the page the visitor asked for (a same-origin path; the server checks again).
  const returnTo = intent === "sign-in" ? afterSignIn() : "/account";
  const query = new URLSearchParams({ returnTo, ...(intent === "link" ? { intent } : {}) });
  link.href = `/api/auth/oauth/${encodeURIComponent(provider.id)}/start?${query}`;
  return link;
}
