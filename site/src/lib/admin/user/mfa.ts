import { byId, setStatus } from "../../dom";
import { confirmAction } from "../../confirm";
import { resetUserMfa } from "../../mfa/calls";
import { actionFailed } from "../page";
import type { AdminUser, AdminUserActions } from "../types";
import type { UserStore } from "./store";
import { plural, t } from "../../../i18n";

function describe(user: AdminUser): string {
  const { totp, recoveryCodesLeft, passkeys: count } = user.mfa;
  const passkeys = plural("adminUser.mfa.passkeys", count);
  if (totp) return count > 0 ? t("adminUser.mfa.onWithPasskeys", { left: recoveryCodesLeft, passkeys }) : t("adminUser.mfa.on", { left: recoveryCodesLeft });
  if (count > 0) return t("adminUser.mfa.passkeysOnly", { passkeys });
  return t("adminUser.mfa.off");
}

/** The user's two-step verification, and resetting it (for someone who lost their app and codes). */
export function wireMfaReset(store: UserStore, actions: AdminUserActions): void {
  const button = byId("mfa-reset", HTMLButtonElement);
  store.onChange((user) => {
    byId("mfa-note", HTMLElement).textContent = describe(user);
    button.hidden = !actions.resetMfa || (!user.mfa.totp && user.mfa.passkeys === 0);
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
  store.set({ ...user, mfa: { totp: false, recoveryCodesLeft: 0, passkeys: 0 } });
  setStatus(status, t("adminUser.mfa.done"), "success");
}
