import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { element } from "../dom";
import { problemMessage, type ApiResult } from "../api";
import { reauthenticateWithPasskey } from "../passkeys/api";
import { loginReturningHere } from "../return-to";
import { mfaStatus, reauthenticate } from "./calls";
import { t } from "../../i18n";

let open: Promise<boolean> | null = null;

/**
 * Asks the user to prove it is them again (password, a code from their app, or a passkey
 * when the account has one) in a modal dialog, for an action that needs a recent sign-in.
 * Resolves true once the server took the proof. An account without a password signs in
 * again with its provider (the link).
 */
export function askToReauthenticate(): Promise<boolean> {
  open ??= ask().finally(() => (open = null));
  return open;
}

function ask(): Promise<boolean> {
  const dialog = element("dialog", undefined, "confirm card");
  dialog.id = "reauth-dialog";
  const title = element("h2", t("mfa.reauth.title"));
  title.id = "reauth-title";
  dialog.setAttribute("aria-labelledby", title.id);
  const form = element("form");
  const status = element("p", undefined, "status");
  status.setAttribute("role", "status");
  const text = element("p", t("mfa.reauth.lead"), "muted");
  const field = element("div", undefined, "field");
  const label = element("label", t("mfa.reauth.secret"));
  const input = element("input");
  input.id = label.htmlFor = "reauth-secret";
  input.type = "password";
  input.autocomplete = "current-password";
  input.required = true;
  field.append(label, input);
  const again = element("a", t("mfa.reauth.provider"));
  again.href = loginReturningHere();
  const yes = element("button", t("mfa.reauth.confirm"));
  const no = element("button", t("common.cancel"), "secondary");
  no.type = "button";
  const buttons = element("p", undefined, "confirm-buttons");
  buttons.append(no, yes);
  const passkey = element("button", t("mfa.reauth.passkey"), "secondary");
  passkey.type = "button";
  passkey.id = "reauth-passkey";
  const passkeyRow = element("p");
  passkeyRow.hidden = true;
  passkeyRow.append(passkey);
  form.append(status, text, field, element("p", undefined, "hint"), passkeyRow, buttons);
  form.querySelector(".hint")!.append(again);
  dialog.append(title, form);
  document.body.append(dialog);
  // Offered only to an account with a passkey, in a browser that can use one.
  if (browserSupportsWebAuthn()) void mfaStatus().then((r) => (passkeyRow.hidden = !(r.ok && r.data.passkeys > 0)));
  const settle = (result: ApiResult<unknown>) => {
    if (result.ok) return dialog.close("confirmed");
    status.textContent = problemMessage(result);
    status.classList.add("is-error");
    input.select();
  };
  return new Promise((resolve) => {
    no.addEventListener("click", () => dialog.close("cancelled"));
    passkey.addEventListener("click", async () => {
      passkey.disabled = true;
      settle(await reauthenticateWithPasskey());
      passkey.disabled = false;
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const secret = input.value;
      yes.disabled = true;
      // Six digits are a code from the app; anything else is a password.
      const result = await reauthenticate(/^\d{6}$/.test(secret.trim()) ? { code: secret.trim() } : { password: secret });
      yes.disabled = false;
      settle(result);
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "confirmed");
    });
    dialog.showModal();
    input.focus();
  });
}
