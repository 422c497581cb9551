import { api, client } from "../../api";
import { confirmAction } from "../../confirm";
import { byId, setStatus } from "../../dom";
import { actionFailed } from "../page";
import type { AdminUser, AdminUserActions } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";


/** Disable or enable the user, when the server allows it; disabling ends their sessions at once. */
export function wireDisable(store: UserStore, actions: AdminUserActions, onSessionsEnded: () => Promise<void>): void {
  if (!actions.disable) return;
  byId("state-card", HTMLElement).hidden = false;
  const button = byId("toggle-disabled", HTMLButtonElement);
  store.onChange((user) => {
    byId("state-note", HTMLElement).textContent = t(user.disabled ? "adminUser.state.disabledNote" : "adminUser.state.enabledNote");
    button.textContent = t(user.disabled ? "adminUser.state.enable" : "adminUser.state.disable");
    button.className = user.disabled ? "secondary" : "danger";
  });
  button.addEventListener("click", () => void toggle(store, button, onSessionsEnded));
}

async function toggle(store: UserStore, button: HTMLButtonElement, onSessionsEnded: () => Promise<void>): Promise<void> {
  const status = byId("state-status", HTMLElement);
  const disabled = !store.get().disabled;
  const { email } = store.get();
  const asked = { question: t("adminUser.state.question", { email }), consequence: t("adminUser.state.enabledNote"), confirm: t("adminUser.state.disable") };
  if (disabled && !(await confirmAction(asked))) return;
  button.disabled = true;
  const result = await api(client.PATCH("/api/admin/users/{id}", { params: { path: { id: store.get().id } }, body: { disabled } }));
  button.disabled = false;
  if (!result.ok) {
    actionFailed(result, status);
    return;
  }
  store.set(result.data.user);
  if (disabled) await onSessionsEnded();
  setStatus(status, t(disabled ? "adminUser.state.disabled" : "adminUser.state.enabled"), "success");
}
