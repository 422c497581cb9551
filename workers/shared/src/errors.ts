/**
 * The one catalogue of error codes. Every problem+json body carries one of these
 * `code`s, and a code always comes with the same status.
 *
 * @example
 * throw new HttpProblem("INVALID_CREDENTIALS");
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: "The request body is not valid" },
  INVALID_JSON: { status: 400, title: "The request body is not valid JSON" },
  INVALID_TOKEN: { status: 400, title: "The link is invalid or has expired" },
  WEAK_PASSWORD: { status: 400, title: "The password is too easy to guess" },
  INVALID_CREDENTIALS: { status: 401, title: "Email or password is incorrect" },
  UNAUTHENTICATED: { status: 401, title: "You are not signed in" },
  INVALID_MFA_CODE: { status: 401, title: "The code is not valid" },
  SIGN_IN_EXPIRED: { status: 401, title: "This sign-in has expired: sign in again" },
  REAUTH_REQUIRED: { status: 401, title: "Confirm it is you: enter your password or a code again" },
  EMAIL_NOT_VERIFIED: { status: 403, title: "The email address is not verified yet" },
  ACCOUNT_DISABLED: { status: 403, title: "This account is disabled" },
  FORBIDDEN: { status: 403, title: "You do not have permission to do this" },
  CROSS_SITE_REQUEST: { status: 403, title: "Cross-site requests are refused" },
  OAUTH_FAILED: { status: 400, title: "The sign-in with the provider could not be completed" },
  OAUTH_STATE_MISMATCH: { status: 400, title: "This sign-in did not start in this browser, or it took too long" },
  OAUTH_EMAIL_UNVERIFIED: { status: 403, title: "The provider has not verified an email address for this account" },
  OAUTH_EMAIL_IN_USE: { status: 409, title: "An account with this email address exists: sign in to it and link the provider from your account page" },
  IDENTITY_IN_USE: { status: 409, title: "This provider account is linked to another account, or this account already has one there" },
  LAST_SIGN_IN_METHOD: { status: 409, title: "This is your only way to sign in: set a password or link another provider first" },
  PASSKEY_CHALLENGE_INVALID: { status: 400, title: "This passkey request did not start in this browser, was answered already, or took too long: try again" },
  PASSKEY_REGISTRATION_FAILED: { status: 400, title: "The passkey could not be added" },
  PASSKEY_NOT_ACCEPTED: { status: 401, title: "This passkey was not accepted" },
  PASSKEY_LIMIT_REACHED: { status: 409, title: "This account has as many passkeys as it may have: remove one first" },
  NOT_FOUND: { status: 404, title: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  CONFLICT: { status: 409, title: "The request conflicts with the current state" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "The request body is too large" },
  SESSION_DATA_TOO_LARGE: { status: 413, title: "The session data is too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Send the body as application/json" },
  RATE_LIMITED: { status: 429, title: "Too many attempts, try again later" },
  INTERNAL_ERROR: { status: 500, title: "Something went wrong on our side" },
  SERVICE_UNAVAILABLE: { status: 503, title: "The service is unavailable, try again shortly" },
  MFA_UNAVAILABLE: { status: 503, title: "Two-step verification is not available on this server right now" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One field-level problem, as listed in a problem's `errors`. */
export interface FieldError {
  /** Dotted path of the field, `""` for the body itself. */
  path: string;
  message: string;
}

/** The problem+json body (RFC 9457) every error response carries. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
}
