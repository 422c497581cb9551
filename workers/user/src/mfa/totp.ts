import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";

/** RFC 6238 as every authenticator app reads it: HMAC-SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: one, for clocks that drift and codes typed at a step's end. */
export const TOTP_DRIFT_STEPS = 1;
/** 160 bits, the HMAC-SHA-1 block RFC 4226 recommends. */
const SECRET_BYTES = 20;

export function newTotpSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** The secret as apps take it typed in (base32), and the `otpauth://` URL a QR code carries. */
export function enrolment(secret: Uint8Array, issuer: string, account: string): { secret: string; otpauthUrl: string } {
  const otpauthUrl = createTOTPKeyURI(issuer, account, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  // The library's own base32 of the secret, as the URL carries it.
  return { secret: new URL(otpauthUrl).searchParams.get("secret")!, otpauthUrl };
}

export const stepAt = (unixSeconds: number) => Math.floor(unixSeconds / TOTP_PERIOD_SECONDS);

/**
 * The time step `code` belongs to, within the drift window around `now` and after
 * `lastStep` (a step once accepted never is again: a replayed code is refused), or null.
 * The library compares in constant time.
 */
export function matchingStep(secret: Uint8Array, code: string, now: number, lastStep: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = stepAt(now);
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    if (step > lastStep && verifyHOTP(secret, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}
