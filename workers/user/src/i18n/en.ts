/** The mail every message is written from: English, the reference each translation must match key for key. */
export const en = {
  "layout.pasteLink": "Or paste this address into your browser:",
  "duration.hours": "{count} hours",
  "duration.minutes": "{count} minutes",

  "verification.subject": "Confirm your email address",
  "verification.intro": "Confirm your email address to finish creating your account.",
  "verification.expiry": "The link works once and expires in {duration}.",
  "verification.ignore": "If you did not just create an account, ignore this email: nothing happens without the link.",
  "verification.action": "Confirm email address",

  "reset.subject": "Reset your password",
  "reset.intro": "Someone asked to reset the password of your account.",
  "reset.expiry": "The link works once and expires in {duration}. Resetting signs out every device.",
  "reset.ignore": "If it was not you, ignore this email: your password stays as it is.",
  "reset.action": "Choose a new password",

  "alreadyRegistered.subject": "You already have an account",
  "alreadyRegistered.intro": "Someone tried to create an account with this email address, but you already have one.",
  "alreadyRegistered.links": "If it was you, sign in at {loginLink} or reset your password at {forgotLink}.",
  "alreadyRegistered.ignore": "If it was not you, you can ignore this email: your account is unchanged.",
  "alreadyRegistered.action": "Sign in",

  "passwordChanged.subject": "Your password was changed",
  "passwordChanged.intro": "The password of your account was just changed, and every other device was signed out.",
  "passwordChanged.notYou": "If it was not you, reset your password at {forgotLink} at once.",
  "passwordChanged.action": "Reset password",

  "emailChange.subject": "Confirm your new email address",
  "emailChange.intro": "Confirm this address to make it the one you sign in with.",
  "emailChange.expiry": "The link works once and expires in {duration}. Your account keeps its old address until then.",
  "emailChange.ignore": "If you did not ask for this, ignore this email: nothing changes without the link.",
  "emailChange.action": "Confirm the new address",

  "emailChangeNotice.subject": "A change of your email address was asked for",
  "emailChangeNotice.intro": "Someone signed in to your account asked to change its email address to {newEmail}.",
  "emailChangeNotice.pending": "Nothing changes until the link sent to that address is opened.",
  "emailChangeNotice.notYou": "If it was not you, reset your password at {forgotLink} at once: that signs every device out and stops the change.",
  "emailChangeNotice.action": "Reset password",

  "mfaChanged.enabled.subject": "Two-step verification is on",
  "mfaChanged.enabled.intro": "Two-step verification was just turned on for your account: signing in now also asks for a code from your app.",
  "mfaChanged.removed.subject": "Two-step verification is off",
  "mfaChanged.removed.intro": "Two-step verification was just turned off for your account: signing in asks for your password only.",
  "mfaChanged.reset.subject": "Two-step verification was reset",
  "mfaChanged.reset.intro": "An administrator reset two-step verification for your account: your app's codes, your recovery codes and your passkeys no longer work, and signing in asks for your password only.",
  "mfaChanged.again": "You can set it up again on your account page: {accountLink}",
  "mfaChanged.notYou": "If it was not you, reset your password at {forgotLink} at once.",
  "mfaChanged.action": "Open your account",
} as const;

export type MailKey = keyof typeof en;
