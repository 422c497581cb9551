import { api, client, problemMessage } from "../api";
import { byId, element, setStatus } from "../dom";
import { leaveIfSignedOut } from "../session";
import { formatTime } from "../time";
import { socialErrorMessage } from "../social/messages";
import { providerLink, type ProviderInfo } from "../social/providers";
import { t } from "../../i18n";

interface Identity {
  provider: string;
  name: string;
  email: string | null;
  linkedAt: number;
}

interface SignInMethods {
  identities: Identity[];
  hasPassword: boolean;
  linkable: ProviderInfo[];
}

/** Linked providers with Unlink, whether there is a password, and a Link button per other provider. */
export async function loadIdentities(): Promise<void> {
  const status = byId("identities-status", HTMLElement);
  const result = await api(client.GET("/api/account/identities"));
  if (!result.ok) {
    if (!leaveIfSignedOut(result)) setStatus(status, problemMessage(result), "error");
    return;
  }
  const { identities, hasPassword, linkable } = result.data;
  byId("identities", HTMLUListElement).replaceChildren(...identities.map(renderRow));
  byId("identities-password", HTMLElement).textContent = t(hasPassword ? "account.identities.hasPassword" : "account.identities.noPassword");
  byId("identities-link", HTMLElement).replaceChildren(...linkable.map((p) => providerLink(p, "link", t("account.identities.link", { provider: p.name }))));
  byId("identities-card", HTMLElement).hidden = identities.length === 0 && linkable.length === 0;
}

/** A failed link comes back here with `?error=`: say what happened. */
export function showLinkOutcome(): void {
  const message = socialErrorMessage(location.search);
  if (message !== null) setStatus(byId("identities-status", HTMLElement), message, "error");
}

function renderRow(identity: Identity): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const label = element("div");
  label.id = `identity-${identity.provider}`;
  label.append(element("strong", identity.name));
  label.append(element("div", t("account.identities.linked", { email: identity.email ?? t("account.identities.noAddress"), time: formatTime(identity.linkedAt) }), "muted"));
  const button = element("button", t("account.identities.unlink"), "danger");
  button.type = "button";
  button.setAttribute("aria-describedby", label.id);
  button.addEventListener("click", () => void unlink(identity, button));
  item.append(label, button);
  return item;
}

async function unlink(identity: Identity, button: HTMLButtonElement): Promise<void> {
  const status = byId("identities-status", HTMLElement);
  button.disabled = true;
  const result = await api(client.DELETE("/api/account/identities/{provider}", { params: { path: { provider: identity.provider } } }));
  if (!result.ok && leaveIfSignedOut(result)) return;
  await loadIdentities();
  if (result.ok) setStatus(status, t("account.identities.unlinked", { provider: identity.name }), "success");
  else setStatus(status, problemMessage(result), "error");
}
