import { hours, linkEmail, noticeEmail } from "../email/templates";
import type { EmailMessage } from "../email/types";

type Template = Omit<EmailMessage, "to">;

/** To the new address: the link that makes it the account's address. */
export function emailChangeEmail(link: string, ttl: number): Template {
  return linkEmail(
    "Confirm your new email address",
    [
      "Confirm this address to make it the one you sign in with.",
      `The link works once and expires in ${hours(ttl)}. Your account keeps its old address until then.`,
      "If you did not ask for this, ignore this email: nothing changes without the link.",
    ],
    { label: "Confirm the new address", href: link },
  );
}

/** To the old address, when the change is asked for: the owner hears of it before it happens. */
export function emailChangeNoticeEmail(newEmail: string, forgotLink: string): Template {
  const lines = [
    `Someone signed in to your account asked to change its email address to ${newEmail}.`,
    "Nothing changes until the link sent to that address is opened.",
    `If it was not you, reset your password at ${forgotLink} at once: that signs every device out and stops the change.`,
  ];
  return noticeEmail("A change of your email address was asked for", lines, { label: "Reset password", href: forgotLink });
}
