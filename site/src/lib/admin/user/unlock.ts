import { api, client } from "../../api";
import { byId, setStatus } from "../../dom";
import { formatTime } from "../../time";
import { actionFailed } from "../page";
import type { AdminUser, AdminUserActions } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";

const isLocked = (user: AdminUser) => user.lockedUntil !== null && user.lockedUntil * 1000 > Date.now();

/** The sign-in lock that failed logins put on the account, and lifting it when the server allows it. */
export function wireUnlock(store: UserStore, actions: AdminUserActions): void {
  const card = byId("lock-card", HTMLElement);
  const button = byId("unlock", HTMLButtonElement);
  // Shown while the account is locked; once shown, it stays to tell the outcome.
  let shown = false;
  store.onChange((user) => {
    shown ||= isLocked(user);
    card.hidden = !shown;
    byId("lock-note", HTMLElement).textContent = isLocked(user)
      ? t("adminUser.lock.locked", { time: formatTime(user.lockedUntil!) })
      : t("adminUser.lock.notLocked");
    button.hidden = !actions.unlock || !isLocked(user);
  });
  button.addEventListener("click", () => void unlock(store, button));
}

async function unlock(store: UserStore, button: HTMLButtonElement): Promise<void> {
  const status = byId("lock-status", HTMLElement);
  button.disabled = true;
  const result = await api(client.POST("/api/admin/users/{id}/unlock", { params: { path: { id: store.get().id } } }));
  button.disabled = false;
  if (!result.ok) return actionFailed(result, status);
  store.set(result.data.user);
  setStatus(status, t("adminUser.lock.done"), "success");
}
