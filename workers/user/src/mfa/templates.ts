import { noticeEmail } from "../email/templates";
import type { EmailMessage } from "../email/types";
import { translator, type Translate } from "../i18n";

type Template = Omit<EmailMessage, "to">;

export type MfaChange = "enabled" | "removed" | "reset";

/** To the account's address whenever its second factors change, so the owner hears of a change they did not make. */
export function mfaChangedEmail(change: MfaChange, accountLink: string, forgotLink: string, t: Translate = translator("en")): Template {
  const lines = [t(`mfaChanged.${change}.intro`), t("mfaChanged.again", { accountLink }), t("mfaChanged.notYou", { forgotLink })];
  return noticeEmail(t(`mfaChanged.${change}.subject`), lines, { label: t("mfaChanged.action"), href: accountLink }, t("layout.pasteLink"));
}
