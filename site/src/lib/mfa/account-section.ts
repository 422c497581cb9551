import { problemMessage } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { checkPresent } from "../validate";
import { wrongPasswordBesideField } from "../account/password-check";
import { confirmTotp, mfaStatus, newRecoveryCodes, removeTotp, startTotp, type MfaStatus } from "./calls";
import { qrSvg } from "./qr";
import { showRecoveryCodes } from "./recovery-codes";

const status = () => byId("mfa-status", HTMLElement);

function show(state: MfaStatus): void {
  byId("mfa-state", HTMLElement).textContent = state.totp
    ? `On: signing in asks for a code from your authenticator app${state.passkeys > 0 ? " or a passkey" : ""}. ${state.recoveryCodesLeft} of 10 recovery codes left.`
    : state.passkeys > 0
      ? "On: signing in with your password asks for one of your passkeys too."
      : "Off: signing in asks for your password only.";
  byId("mfa-off", HTMLElement).hidden = state.totp;
  byId("mfa-on", HTMLElement).hidden = !state.totp;
}

/** The "Two-step verification" card: status, set-up with a QR code, recovery codes, removal. */
export async function loadMfa(): Promise<void> {
  const result = await mfaStatus();
  if (result.ok) show(result.data);
  else setStatus(status(), problemMessage(result), "error");
}

export function wireMfa(): void {
  const enrol = byId("mfa-enrol-form", HTMLFormElement);
  const codes = byId("mfa-codes", HTMLElement);
  byId("mfa-start", HTMLButtonElement).addEventListener("click", async () => {
    codes.hidden = true;
    const started = await startTotp();
    if (!started.ok) return setStatus(status(), problemMessage(started), "error");
    const { secret, otpauthUrl } = started.data;
    byId("mfa-qr", HTMLElement).replaceChildren(qrSvg(otpauthUrl, "QR code of the key for your authenticator app"));
    byId("mfa-secret", HTMLElement).textContent = secret.replace(/(.{4})(?!$)/g, "$1 ");
    byId("mfa-off", HTMLElement).hidden = true;
    enrol.hidden = false;
    byId("mfa-code", HTMLInputElement).focus();
  });
  handleForm(enrol, {
    validate: (v) => checkPresent(v["code"], "code", "Enter the 6-digit code your app shows."),
    send: (v) => confirmTotp(v["code"]!.replace(/\s/g, "")),
    onSuccess: async (data) => {
      enrol.reset();
      enrol.hidden = true;
      showRecoveryCodes(codes, data.recoveryCodes);
      setStatus(status(), "Two-step verification is on.", "success");
      await loadMfa();
    },
  });
  byId("mfa-regenerate", HTMLButtonElement).addEventListener("click", async () => {
    const result = await newRecoveryCodes();
    if (!result.ok) return setStatus(status(), problemMessage(result), "error");
    showRecoveryCodes(codes, result.data.recoveryCodes);
    setStatus(status(), "New recovery codes: the old ones no longer work.", "success");
    await loadMfa();
  });
  const remove = byId("mfa-remove-form", HTMLFormElement);
  handleForm(remove, {
    validate: (v) => checkPresent(v["password"], "password", "Enter your password to turn it off."),
    confirm: () => ({ question: "Turn off two-step verification?", consequence: "Signing in will ask for your password only, and your recovery codes stop working.", confirm: "Turn off" }),
    send: (v) => removeTotp(v["password"]!),
    onSuccess: async () => {
      remove.reset();
      codes.hidden = true;
      setStatus(statusOf(remove), "");
      setStatus(status(), "Two-step verification is off.", "success");
      await loadMfa();
    },
    onProblem: wrongPasswordBesideField(remove, "password", "Two-step verification is still on."),
  });
}
