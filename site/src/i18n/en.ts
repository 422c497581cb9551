import type { ErrorCode } from "@workers-users/shared";

/**
 * Every string the site shows, in English: the reference every other language translates
 * key for key (fr.ts). `{name}` placeholders are filled by `t()`; in a page's HTML,
 * `{app}`, `{min}` and `{max}` are the product's name and password limits, and other names
 * are the element's children marked `data-slot="name"` (a link inside a sentence).
 */
export const en = {
  "language.label": "Language",

  "common.email": "Email",
  "common.password": "Password",
  "common.showPassword": "Show password",
  "common.signIn": "Sign in",
  "common.backToSignIn": "Back to sign in",
  "common.cancel": "Cancel",
  "common.tryAgain": "Try again",

  "index.title": "{app}",
  "index.heading": "Welcome",
  "index.checking": "Checking whether you are signed in…",
  "index.signInOr": "{signIn} or {register}.",
  "index.createAccount": "create an account",

  "notFound.title": "Page not found · {app}",
  "notFound.heading": "Page not found",
  "notFound.lead": "There is nothing at this address.",
  "notFound.home": "Go to the start page",

  "register.title": "Create an account · {app}",
  "register.heading": "Create an account",
  "register.lead": "We will send a link to confirm your email address.",
  "register.name": "Name",
  "register.optional": "(optional)",
  "register.passwordHint": "{min} to {max} characters. No rules about digits or symbols: a few unrelated words make a strong password.",
  "register.submit": "Create account",
  "register.already": "Already registered? {signIn}",

  "forgot.title": "Reset your password · {app}",
  "forgot.heading": "Forgot your password?",
  "forgot.lead": "Enter your email address and we will send a link to choose a new password.",
  "forgot.submit": "Send the link",

  "resend.title": "Get a new confirmation link · {app}",
  "resend.heading": "Get a new confirmation link",
  "resend.lead": "Enter the address you registered with. If it is not confirmed yet, we send a new link to confirm it.",
  "resend.submit": "Send a new link",

  "checkEmail.title": "Check your inbox · {app}",
  "checkEmail.heading": "Check your inbox",
  "checkEmail.sentToAny": "If the address can receive mail, a message with a link is on its way.",
  "checkEmail.sentTo": "If {email} can receive mail, a message with a link is on its way.",
  "checkEmail.spam": "The link works once and expires. Nothing arrived? Look in your spam folder, or try again in a few minutes.",
  "checkEmail.local": "This is the local environment: no email leaves this machine. {mailbox}.",
  "checkEmail.openMailbox": "Open the local mailbox",

  "link.missing": "This page needs the link from the email.",

  "reset.title": "Choose a new password · {app}",
  "reset.heading": "Choose a new password",
  "reset.newPassword": "New password",
  "reset.passwordHint": "{min} to {max} characters. No rules about digits or symbols. Every device signed in to your account will be signed out.",
  "reset.submit": "Save the new password",
  "reset.done": "Your password has been changed. {signIn} with the new one.",
  "reset.askAgain": "Ask for a new link",

  "verify.title": "Confirm your email · {app}",
  "verify.heading": "Confirm your email",
  "verify.explain": "Enter the password you chose when you registered. The link proves the address is yours; the password proves you registered it.",
  "verify.submit": "Confirm and sign in",
  "verify.retry": "Links work once and expire after a day. Confirmed your address already? {signIn}. If not, {resend}.",
  "verify.getNewLink": "get a new link",
  "verify.done": "Your email address is confirmed. You can sign in now.",
  "verify.wrongPassword": "That is not the password this address was registered with. If you registered more than once, use the password of your latest registration. If you never chose that password, someone else used your address: register again with your own, the latest registration counts.",

  "confirmEmail.title": "Confirm your new email address · {app}",
  "confirmEmail.heading": "Confirm your new email address",
  "confirmEmail.explain": "Your account will use this address from now on: you sign in with it, and mail goes to it.",
  "confirmEmail.submit": "Use this address",
  "confirmEmail.toAccount": "Go to your account",
  "confirmEmail.askAgain": "Ask for a new one on {account}.",
  "confirmEmail.accountPage": "your account page",
  "confirmEmail.done": "Your email address is now {email}.",

  "mailbox.title": "Local mailbox · {app}",
  "mailbox.environment": "Local environment",
  "mailbox.heading": "Local mailbox",
  "mailbox.lead": "The messages this environment would have sent, newest first. Nothing leaves this machine.",
  "mailbox.recipient": "Recipient",
  "mailbox.recipientHint": "Leave empty to see every message.",
  "mailbox.submit": "Show messages",
  "mailbox.localOnly": "The mailbox is only available in the local environment.",
  "mailbox.count.one": "{count} message.",
  "mailbox.count.other": "{count} messages.",
  "mailbox.to": "To {to} · {time}",

  "reference.title": "API reference · {app}",
  "reference.heading": "API reference",
  "reference.lead": "Every route under {api}, read from the generated contract, {document} (OpenAPI 3.1; it downloads, as every API answer does).",
  "reference.loading": "Loading the routes…",
  "reference.count.one": "{count} route.",
  "reference.count.other": "{count} routes.",

  "validate.enterEmail": "Enter your email address.",
  "validate.emailShape": "Enter an email address like name@example.com.",
  "validate.enterPassword": "Enter your password.",
  "validate.tooShort": "Use at least {min} characters ({length} so far).",
  "validate.tooLong": "Use at most {max} characters.",

  "api.offline": "The server could not be reached. Check your connection and try again.",
  "api.status": "The server answered {status}",
  "api.retryIn": "Too many attempts. Try again in {seconds} s.",

  "time.justNow": "just now",
  "device.unknown": "Unknown device",
  "device.on": "{browser} on {system}",

  "notice.logout": "You are signed out.",
  "notice.logoutAll": "You are signed out on every device.",
  "notice.deleted": "Your account is deleted. Thank you for having been with us.",
  "notice.ended": "Your session has ended: it was signed out from another device or by an administrator, or it expired. Sign in again.",

  "social.signInWith": "Sign in with {provider}",
  "social.OAUTH_STATE_MISMATCH": "That sign-in did not start in this browser, or took longer than 10 minutes. Please try again.",
  "social.OAUTH_FAILED": "The sign-in with the provider could not be completed. Please try again.",
  "social.OAUTH_EMAIL_UNVERIFIED": "The provider has not verified an email address for you, so no account was made. Verify it there, or register with a password.",
  "social.OAUTH_EMAIL_IN_USE": "An account with this email address already exists. For your safety it is not linked automatically: sign in to it with your password, then link the provider from your account page.",
  "social.IDENTITY_IN_USE": "That provider account is already linked to an account here, or yours already has one from that provider.",
  "social.ACCOUNT_DISABLED": "This account is disabled.",
  "social.RATE_LIMITED": "Too many attempts on this account. Try again later.",
  "social.UNAUTHENTICATED": "Your session ended before the link was finished. Sign in and try again.",

  // The API's problems by code (workers/shared's catalogue), for pages in another language
  // than the server's English; in English the server's own words are shown.
  "problem.VALIDATION_FAILED": "The request body is not valid.",
  "problem.INVALID_JSON": "The request body is not valid JSON.",
  "problem.INVALID_TOKEN": "The link is invalid or has expired.",
  "problem.WEAK_PASSWORD": "The password is too easy to guess.",
  "problem.INVALID_CREDENTIALS": "Email or password is incorrect.",
  "problem.UNAUTHENTICATED": "You are not signed in.",
  "problem.EMAIL_NOT_VERIFIED": "The email address is not verified yet.",
  "problem.ACCOUNT_DISABLED": "This account is disabled.",
  "problem.FORBIDDEN": "You do not have permission to do this.",
  "problem.CROSS_SITE_REQUEST": "Cross-site requests are refused.",
  "problem.OAUTH_FAILED": "The sign-in with the provider could not be completed.",
  "problem.OAUTH_STATE_MISMATCH": "This sign-in did not start in this browser, or it took too long.",
  "problem.OAUTH_EMAIL_UNVERIFIED": "The provider has not verified an email address for this account.",
  "problem.OAUTH_EMAIL_IN_USE": "An account with this email address exists: sign in to it and link the provider from your account page.",
  "problem.IDENTITY_IN_USE": "This provider account is linked to another account, or this account already has one there.",
  "problem.LAST_SIGN_IN_METHOD": "This is your only way to sign in: set a password or link another provider first.",
  "problem.NOT_FOUND": "Not found.",
  "problem.METHOD_NOT_ALLOWED": "Method not allowed.",
  "problem.CONFLICT": "The request conflicts with the current state.",
  "problem.PAYLOAD_TOO_LARGE": "The request body is too large.",
  "problem.SESSION_DATA_TOO_LARGE": "The session data is too large.",
  "problem.UNSUPPORTED_MEDIA_TYPE": "Send the body as application/json.",
  "problem.RATE_LIMITED": "Too many attempts, try again later.",
  "problem.INTERNAL_ERROR": "Something went wrong on our side.",
  "problem.SERVICE_UNAVAILABLE": "The service is unavailable, try again shortly.",
} as const;

export type MessageKey = keyof typeof en;

/** Every problem code of the API has its message: a new code without one is a type error here. */
export type ProblemKey = `problem.${ErrorCode}`;
type MissingProblem = Exclude<ProblemKey, MessageKey>;
export const EVERY_PROBLEM_HAS_A_MESSAGE: [MissingProblem] extends [never] ? true : MissingProblem = true;
