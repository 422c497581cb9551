import { env } from "cloudflare:workers";
import type { SessionUser } from "@workers-users/shared";

/** Inserts a user row (the session index refers to users) and returns its snapshot. */
export async function seedUser(name = "Ada"): Promise<SessionUser> {
  const id = crypto.randomUUID();
  const email = `${id}@example.test`;
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, password_hash, email_verified_at, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, 'x', 1, 1, 1, 1)",
  )
    .bind(id, email, name)
    .run();
  return { id, email, name, emailVerified: true, roles: [], permissions: [] };
}

export const meta = { userAgent: "vitest", ip: "127.0.0.1" };
