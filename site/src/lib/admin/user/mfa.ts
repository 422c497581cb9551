import { byId, setStatus } from "../../dom";
import { confirmAction } from "../../confirm";
import { resetUserMfa } from "../../mfa/calls";
import { actionFailed } from "../page";
import type { AdminUser, AdminUserActions } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";

const describe = (user: AdminUser) =>
  user.mfa.totp
    ? t("adminUser.mfa.on", { left: user.mfa.recoveryCodesLeft })
    : t("adminUser.mfa.off");

/** The user's two-step verification, and resetting it (for someone who lost their app and codes). */
export function wireMfaReset(store: UserStore, actions: AdminUserActions): void {
  const button = byId("mfa-reset", HTMLButtonElement);
  store.onChange((user) => {
    byId("mfa-note", HTMLElement).textContent = describe(user);
    button.hidden = !actions.resetMfa || !user.mfa.totp;
  });
  button.addEventListener("click", () => void reset(store, button));
}

async function reset(store: UserStore, button: HTMLButtonElement): Promise<void> {
  const status = byId("mfa-admin-status", HTMLElement);
  const user = store.get();
  const confirmed = await confirmAction({
    question: t("adminUser.mfa.question"),
    consequence: t("adminUser.mfa.consequence", { email: user.email }),
    confirm: t("adminUser.mfa.reset"),
  });
  if (!confirmed) return;
  button.disabled = true;
  const result = await resetUserMfa(user.id);
  button.disabled = false;
  if (!result.ok) return actionFailed(result, status);
  store.set({ ...user, mfa: { totp: false, recoveryCodesLeft: 0 } });
  setStatus(status, t("adminUser.mfa.done"), "success");
}
