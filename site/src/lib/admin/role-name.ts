import type { FieldError } from "@workers-users/shared";
import { t } from "../../i18n";

// The server's rule for role names; it checks again and its answer is the one shown.
const ROLE_NAME = /^[a-z][a-z0-9_-]{1,31}$/;

export function checkRoleName(value: string | undefined, path: string): FieldError[] {
  const name = value ?? "";
  if (name === "") return [{ path, message: t("admin.roleName.enter") }];
  if (!ROLE_NAME.test(name)) {
    return [{ path, message: t("admin.roleName.shape") }];
  }
  return [];
}
