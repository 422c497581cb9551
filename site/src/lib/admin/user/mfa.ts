import { byId, setStatus } from "../../dom";
import { confirmAction } from "../../confirm";
import { resetUserMfa } from "../../mfa/calls";
import { actionFailed } from "../page";
import type { AdminUser, AdminUserActions } from "../types";
import type { UserStore } from "./store";

const passkeys = (n: number) => (n === 1 ? "1 passkey" : `${n} passkeys`);

function describe(user: AdminUser): string {
  const { totp, recoveryCodesLeft, passkeys: count } = user.mfa;
  if (totp) return `On: an authenticator app, and ${recoveryCodesLeft} of 10 recovery codes left${count > 0 ? `; ${passkeys(count)}` : ""}.`;
  if (count > 0) return `On: ${passkeys(count)}, asked for after the password or a provider.`;
  return "Off: this user signs in with a password or a provider only.";
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
    question: "Reset two-step verification?",
    consequence: `${user.email} will sign in with their password alone until they set it up again. Their app's codes, recovery codes and passkeys stop working, and they are told by email.`,
    confirm: "Reset two-step verification",
  });
  if (!confirmed) return;
  button.disabled = true;
  const result = await resetUserMfa(user.id);
  button.disabled = false;
  if (!result.ok) return actionFailed(result, status);
  store.set({ ...user, mfa: { totp: false, recoveryCodesLeft: 0, passkeys: 0 } });
  setStatus(status, "Two-step verification was reset. The user has been told by email.", "success");
}
