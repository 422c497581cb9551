import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { afterSignIn, sameOriginPath } from "../return-to";
import { verifySecondStep } from "./calls";

/**
 * The sign-in page's second step, after a password (or a provider) was accepted for an
 * account with two-step verification: a code from the app, or a recovery code.
 */
export function showSecondStep(first: HTMLFormElement, methods: readonly string[]): void {
  const form = byId("mfa-form", HTMLFormElement);
  first.hidden = true;
  form.hidden = false;
  byId("mfa-switch", HTMLButtonElement).hidden = !methods.includes("recovery_code");
  byId("mfa-code", HTMLInputElement).focus();
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
    toggle.textContent = usingRecovery() ? "Use a code from the app instead" : "Use a recovery code instead";
    byId(usingRecovery() ? "mfa-recovery" : "mfa-code", HTMLInputElement).focus();
  });
  handleForm(form, {
    validate: (v) => {
      const [path, value] = usingRecovery() ? ["recoveryCode", v["recoveryCode"]] : ["code", v["code"]];
      return value ? [] : [{ path, message: usingRecovery() ? "Enter one of your recovery codes." : "Enter the 6-digit code your app shows." }];
    },
    send: (v) => verifySecondStep(usingRecovery() ? { recoveryCode: v["recoveryCode"]! } : { code: v["code"]!.replace(/\s/g, "") }),
    onSuccess: (data) => location.assign((data.returnTo === null ? null : sameOriginPath(data.returnTo)) ?? afterSignIn()),
    onProblem: (failure) => {
      if (failure.problem.code !== "SIGN_IN_EXPIRED") return false;
      // Too slow, or too many wrong codes: the first step again, saying why.
      form.hidden = true;
      first.hidden = false;
      setStatus(statusOf(first), "This sign-in took too long or had too many wrong codes. Sign in again.", "error");
      return true;
    },
  });
}
