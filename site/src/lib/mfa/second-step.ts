import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { problemMessage } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { secondStepWithPasskey } from "../passkeys/api";
import { afterSignIn, sameOriginPath } from "../return-to";
import { verifySecondStep } from "./calls";
import { t } from "../../i18n";

/**
 * The sign-in page's second step, after a password (or a provider) was accepted for an
 * account with two-step verification: a passkey, a code from the app, or a recovery code,
 * as `methods` offers them.
 */
export function showSecondStep(first: HTMLFormElement, methods: readonly string[]): void {
  const form = byId("mfa-form", HTMLFormElement);
  first.hidden = true;
  form.hidden = false;
  const codes = methods.includes("totp") || methods.includes("recovery_code");
  byId("mfa-passkey-choice", HTMLElement).hidden = !methods.includes("passkey") || !browserSupportsWebAuthn();
  // An account with a passkey and no app: the passkey is the whole second step.
  byId("mfa-code-field", HTMLElement).hidden = !methods.includes("totp");
  byId("mfa-recovery-field", HTMLElement).hidden = methods.includes("totp") || !methods.includes("recovery_code");
  byId("mfa-submit", HTMLButtonElement).hidden = !codes;
  byId("mfa-switch", HTMLButtonElement).hidden = !(methods.includes("totp") && methods.includes("recovery_code"));
  (codes ? byId("mfa-code", HTMLInputElement) : byId("mfa-passkey", HTMLButtonElement)).focus();
}

const signedIn = (data: { returnTo: string | null }) => location.assign((data.returnTo === null ? null : sameOriginPath(data.returnTo)) ?? afterSignIn());

/** Too slow, or too many wrong answers: the first step again, saying why. */
function startOver(form: HTMLFormElement, first: HTMLFormElement): true {
  form.hidden = true;
  first.hidden = false;
  setStatus(statusOf(first), t("login.startOver"), "error");
  return true;
}

export function wireSecondStep(first: HTMLFormElement): void {
  const form = byId("mfa-form", HTMLFormElement);
  const codeField = byId("mfa-code-field", HTMLElement);
  const recoveryField = byId("mfa-recovery-field", HTMLElement);
  const toggle = byId("mfa-switch", HTMLButtonElement);
  const usingRecovery = () => !recoveryField.hidden;
  toggle.addEventListener("click", () => {
    codeField.hidden = !codeField.hidden;
    recoveryField.hidden = !recoveryField.hidden;
    toggle.textContent = t(usingRecovery() ? "login.useApp" : "login.useRecovery");
    byId(usingRecovery() ? "mfa-recovery" : "mfa-code", HTMLInputElement).focus();
  });
  const passkey = byId("mfa-passkey", HTMLButtonElement);
  passkey.addEventListener("click", async () => {
    passkey.disabled = true;
    setStatus(statusOf(form), t("passkey.waiting"));
    const result = await secondStepWithPasskey();
    passkey.disabled = false;
    if (result.ok) return signedIn(result.data);
    if (result.problem.code === "SIGN_IN_EXPIRED") return void startOver(form, first);
    setStatus(statusOf(form), problemMessage(result), "error");
  });
  handleForm(form, {
    validate: (v) => {
      const [path, value] = usingRecovery() ? ["recoveryCode", v["recoveryCode"]] : ["code", v["code"]];
      return value ? [] : [{ path, message: t(usingRecovery() ? "login.enterRecovery" : "mfa.enterCode") }];
    },
    send: (v) => verifySecondStep(usingRecovery() ? { recoveryCode: v["recoveryCode"]! } : { code: v["code"]!.replace(/\s/g, "") }),
    onSuccess: signedIn,
    onProblem: (failure) => failure.problem.code === "SIGN_IN_EXPIRED" && startOver(form, first),
  });
}
