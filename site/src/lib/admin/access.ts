import { BUILT_IN_PERMISSIONS, hasPermission } from "@workers-users/shared";
import type { MessageKey } from "../../i18n";

/** What the pages show is decided here; the server checks every call again regardless. */
export type Can = (permission: string) => boolean;

export function permissionsOf(granted: readonly string[]): Can {
  return (permission) => hasPermission(granted, permission);
}

/** Every built-in permission except a member's own-account ones opens some part of the admin area. */
const ADMIN_PERMISSIONS = BUILT_IN_PERMISSIONS.filter((permission) => !permission.startsWith("account:"));

export function hasAdminAccess(can: Can): boolean {
  return ADMIN_PERMISSIONS.some(can);
}

export interface AdminSection {
  path: string;
  /** Its name in the catalogue. */
  label: MessageKey;
  /** Needed to open the page at all. */
  permission: string;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { path: "/admin/users", label: "admin.section.users", permission: "users:read" },
  { path: "/admin/roles", label: "admin.section.roles", permission: "roles:read" },
  { path: "/admin/audit", label: "admin.section.audit", permission: "audit:read" },
];

export function sectionsFor(can: Can): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => can(section.permission));
}
