/**
 * The current time in unix seconds, the unit of every stored timestamp and
 * expiry in this project.
 *
 * @example
 * const expiresAt = nowSeconds() + 30 * 60;
 */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
