import { linkMail, noticeEmail } from "../email/templates";
import type { EmailMessage } from "../email/types";
import { translator, type Translate } from "../i18n";

type Template = Omit<EmailMessage, "to">;

/** To the new address: the link that makes it the account's address. */
export function emailChangeEmail(link: string, ttl: number, t: Translate = translator("en")): Template {
  return linkMail(t, "emailChange", link, ttl);
}

/** To the old address, when the change is asked for: the owner hears of it before it happens. */
export function emailChangeNoticeEmail(newEmail: string, forgotLink: string, t: Translate = translator("en")): Template {
  const lines = [
    t("emailChangeNotice.intro", { newEmail }),
    t("emailChangeNotice.pending"),
    t("emailChangeNotice.notYou", { forgotLink }),
  ];
  return noticeEmail(t("emailChangeNotice.subject"), lines, { label: t("emailChangeNotice.action"), href: forgotLink }, t("layout.pasteLink"));
}
