import type { FieldError } from "@workers-users/shared";
import { t } from "../i18n";

// The user Worker's limits, put in by the build from its wrangler.jsonc; it checks again and its answer is the one shown.
export const PASSWORD_MIN_LENGTH = Number(__PASSWORD_MIN_LENGTH__);
export const PASSWORD_MAX_LENGTH = Number(__PASSWORD_MAX_LENGTH__);

export function checkEmail(value: string | undefined, path = "email"): FieldError[] {
  const email = value ?? "";
  if (email === "") return [{ path, message: t("validate.enterEmail") }];
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return [{ path, message: t("validate.emailShape") }];
  return [];
}

export function checkPresent(value: string | undefined, path: string, message: string): FieldError[] {
  return (value ?? "") === "" ? [{ path, message }] : [];
}

/** Length in code points, as the server counts it (an emoji is one character). */
export function checkNewPassword(value: string | undefined, path: string): FieldError[] {
  const length = [...(value ?? "")].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [{ path, message: t("validate.tooShort", { min: PASSWORD_MIN_LENGTH, length }) }];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ path, message: t("validate.tooLong", { max: PASSWORD_MAX_LENGTH }) }];
  }
  return [];
}
