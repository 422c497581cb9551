export interface PasswordLengthLimits { min: number; max: number }

/** DESIGN.md defaults: 12 to 128 code points. */
export const DEFAULT_PASSWORD_LIMITS: PasswordLengthLimits = { min: 12, max: 128 };

/**
 * Extra checks that need more than the password itself (a common-password list, equality
 * with the email). Each returns a human message or `undefined`; none exist yet.
 */
export type PasswordCheck = (normalized: string) => string | undefined;

/**
 * Human-readable reasons why `password` cannot be used; empty when it is fine. Length is
 * counted in Unicode code points after NFKC, the form the hasher hashes. No composition
 * rules, and a long password is refused, never truncated.
 */
export function passwordProblems(
  password: string,
  limits: PasswordLengthLimits = DEFAULT_PASSWORD_LIMITS,
  checks: readonly PasswordCheck[] = [],
): string[] {
  const normalized = password.normalize("NFKC");
  const length = [...normalized].length;
  const problems: string[] = [];
  if (length < limits.min) problems.push(`Password must be at least ${limits.min} characters long.`);
  if (length > limits.max) problems.push(`Password must be at most ${limits.max} characters long.`);
  for (const check of checks) {
    const problem = check(normalized);
    if (problem) problems.push(problem);
  }
  return problems;
}
