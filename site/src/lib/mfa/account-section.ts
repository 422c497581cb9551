import { problemMessage } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { checkPresent } from "../validate";
import { wrongPasswordBesideField } from "../account/password-check";
import { confirmTotp, mfaStatus, newRecoveryCodes, removeTotp, startTotp, type MfaStatus } from "./calls";
import { qrSvg } from "./qr";
import { showRecoveryCodes } from "./recovery-codes";
import { t } from "../../i18n";

const status = () => byId("mfa-status", HTMLElement);

function show(state: MfaStatus): void {
  byId("mfa-state", HTMLElement).textContent = state.totp
    ? t(state.passkeys > 0 ? "mfa.stateAppOrPasskey" : "mfa.stateApp", { left: state.recoveryCodesLeft })
    : t(state.passkeys > 0 ? "mfa.statePasskeys" : "mfa.stateOff");
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
    byId("mfa-qr", HTMLElement).replaceChildren(qrSvg(otpauthUrl, t("mfa.qrLabel")));
    byId("mfa-secret", HTMLElement).textContent = secret.replace(/(.{4})(?!$)/g, "$1 ");
    byId("mfa-off", HTMLElement).hidden = true;
    enrol.hidden = false;
    byId("mfa-code", HTMLInputElement).focus();
  });
  handleForm(enrol, {
    validate: (v) => checkPresent(v["code"], "code", t("mfa.enterCode")),
    send: (v) => confirmTotp(v["code"]!.replace(/\s/g, "")),
    onSuccess: async (data) => {
      enrol.reset();
      enrol.hidden = true;
      showRecoveryCodes(codes, data.recoveryCodes);
      setStatus(status(), t("mfa.on"), "success");
      await loadMfa();
    },
  });
  byId("mfa-regenerate", HTMLButtonElement).addEventListener("click", async () => {
    const result = await newRecoveryCodes();
    if (!result.ok) return setStatus(status(), problemMessage(result), "error");
    showRecoveryCodes(codes, result.data.recoveryCodes);
    setStatus(status(), t("mfa.newCodes"), "success");
    await loadMfa();
  });
  const remove = byId("mfa-remove-form", HTMLFormElement);
  handleForm(remove, {
    validate: (v) => checkPresent(v["password"], "password", t("mfa.enterPasswordOff")),
    confirm: () => ({ question: t("mfa.offQuestion"), consequence: t("mfa.offConsequence"), confirm: t("mfa.offConfirm") }),
    send: (v) => removeTotp(v["password"]!),
    onSuccess: async () => {
      remove.reset();
      codes.hidden = true;
      setStatus(statusOf(remove), "");
      setStatus(status(), t("mfa.off"), "success");
      await loadMfa();
    },
    onProblem: wrongPasswordBesideField(remove, "password", t("mfa.stillOn")),
  });
}
