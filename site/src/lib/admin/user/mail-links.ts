import { api, type ApiResult, client, problemMessage } from "../../api";
import { byId, setStatus } from "../../dom";
import { actionFailed } from "../page";
import type { AdminUserActions } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";

/**
 * Mailing the user a reset link, or a new verification link while unverified, when the
 * server allows it. A disabled user is mailed nothing: the server refuses, so no button shows.
 */
export function wireMailLinks(store: UserStore, actions: AdminUserActions): void {
  if (!actions.sendLinks) return;
  const card = byId("mail-card", HTMLElement);
  const reset = byId("send-reset", HTMLButtonElement);
  const verification = byId("send-verification", HTMLButtonElement);
  store.onChange((user) => {
    card.hidden = user.disabled;
    verification.hidden = user.emailVerified;
  });
  const user = () => ({ params: { path: { id: store.get().id } } });
  reset.addEventListener("click", () => void send(reset, () => api(client.POST("/api/admin/users/{id}/reset-link", user())), () => t("adminUser.mail.resetSent", { email: store.get().email })));
  verification.addEventListener("click", () => void send(verification, () => api(client.POST("/api/admin/users/{id}/verification", user())), () => t("adminUser.mail.verificationSent", { email: store.get().email })));
}

async function send(button: HTMLButtonElement, call: () => Promise<ApiResult<unknown>>, done: () => string): Promise<void> {
  const status = byId("mail-status", HTMLElement);
  button.disabled = true;
  const result = await call();
  button.disabled = false;
  if (result.ok) setStatus(status, done(), "success");
  else if (result.problem.code === "UNAUTHENTICATED") actionFailed(result, status);
  else setStatus(status, problemMessage(result), "error");
}
