import * as z from "zod";
import { isValidEmail, normalizeEmail } from "./users/email-address";

/** Input strings are bounded before any work is done on them. */
export const Email = z
  .string()
  .max(320)
  .transform(normalizeEmail)
  .refine(isValidEmail, "Enter a valid email address")
  .meta({ example: "ada@example.com" });

/** Length rules (12..128 code points) are checked by the password policy, not here. */
export const Password = z.string().min(1, "Enter a password").max(1024).meta({ format: "password" });

export const Token = z.string().min(1).max(256);

// Control characters and bidirectional overrides would let a name pass for another in lists.
const UNSAFE_IN_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export const Name = z
  .string()
  .max(100, "Use at most 100 characters")
  .refine((name) => !UNSAFE_IN_NAME.test(name), "Remove control and text-direction characters")
  .transform((name) => name.trim().normalize("NFC"))
  .transform((name) => (name === "" ? null : name));

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    emailVerified: z.boolean(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
  })
  .meta({ id: "User" });

export const SessionData = z.record(z.string(), z.unknown()).meta({ id: "SessionData" });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

/** A problem+json response entry for route definitions. */
export function problem(description: string) {
  return { description, content: { "application/problem+json": { schema: Problem } } };
}

/** A JSON response entry for route definitions. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body for route definitions. */
export function body<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}
