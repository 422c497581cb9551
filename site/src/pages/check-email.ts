import { api, client } from "../lib/api";
import { byId } from "../lib/dom";
import { pendingEmail } from "../lib/session";
import { t } from "../i18n";

const email = pendingEmail();
if (email) {
  byId("sent-to", HTMLElement).textContent = t("checkEmail.sentTo", { email });
}

// The dev outbox answers only in the local environment (404 when deployed).
const query = email ? `?to=${encodeURIComponent(email)}` : "";
const probe = await api(client.GET("/api/dev/outbox", { params: { query: email ? { to: email } : {} } }));
if (probe.ok) {
  byId("mailbox-link", HTMLAnchorElement).href = `/mailbox${query}`;
  byId("mailbox-note", HTMLElement).hidden = false;
}
