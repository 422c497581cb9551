import * as z from "zod";

export const RoleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,31}$/, "Use 2 to 32 lower-case letters, digits, - or _, starting with a letter");

export const UserId = z.string().min(1).max(64);

export const AdminUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    emailVerified: z.boolean(),
    disabled: z.boolean(),
    roles: z.array(z.string()),
    createdAt: z.number().int(),
    lockedUntil: z.number().int().nullable(),
    lastSignInAt: z.number().int().nullable(),
    mfa: z.object({ totp: z.boolean(), recoveryCodesLeft: z.number().int(), passkeys: z.number().int() }),
  })
  .meta({ id: "AdminUser" });

export const AdminUserActions = z
  .object({
    rename: z.boolean(),
    disable: z.boolean(),
    delete: z.boolean(),
    unlock: z.boolean(),
    changeRoles: z.boolean(),
    revokeSessions: z.boolean(),
    sendLinks: z.boolean(),
    resetMfa: z.boolean(),
  })
  .meta({ id: "AdminUserActions" });

export const Role = z
  .object({ name: z.string(), description: z.string(), permissions: z.array(z.string()), members: z.number().int(), grantable: z.boolean() })
  .meta({ id: "Role" });

export const Description = z.string().max(200);

/** Opaque pagination cursor: base64url of JSON. */
export const Cursor = z.string().max(200);
