import type { FieldError } from "@workers-users/shared";

// The server's rule for role names; it checks again and its answer is the one shown.
const ROLE_NAME = /^[a-z][a-z0-9_-]{1,31}$/;

export function checkRoleName(value: string | undefined, path: string): FieldError[] {
  const name = value ?? "";
  if (name === "") return [{ path, message: "Enter a role name." }];
  if (!ROLE_NAME.test(name)) {
    return [{ path, message: "Use 2 to 32 lower-case letters, digits, - or _, starting with a letter." }];
  }
  return [];
}
