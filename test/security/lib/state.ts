import { apiFor } from "./http";
import type { SignedIn } from "./users";

export interface Observed {
  admin: SignedIn;
  member: SignedIn;
  /**
   * The whole stack's users and audit log instead of the two accounts' own views:
   * only for a stack no other file writes to meanwhile.
   */
  everything?: boolean;
}

async function read(base: string, path: string, cookie: string): Promise<unknown> {
  const res = await apiFor(base)("GET", path, { cookie });
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
}

async function allUsers(base: string, cookie: string): Promise<unknown[]> {
  const users: unknown[] = [];
  let cursor: string | null = "";
  while (cursor !== null) {
    const res = await apiFor(base)("GET", `/api/admin/users${cursor ? `?cursor=${cursor}` : ""}`, { cookie });
    const page = (await res.json()) as { users: unknown[]; nextCursor: string | null };
    users.push(...page.users);
    cursor = page.nextCursor;
  }
  return users;
}

/** Roles with their grants; member counts move whenever anyone registers, so they are left out. */
async function grants(base: string, cookie: string): Promise<unknown> {
  const { body } = (await read(base, "/api/admin/roles", cookie)) as { body: { roles: Array<{ name: string; permissions: string[] }> } };
  return body.roles.map((r) => [r.name, r.permissions]);
}

/** The member as their session shows them; the expiry is left out, it slides every few minutes. */
async function whoami(base: string, cookie: string): Promise<unknown> {
  const { status, body } = (await read(base, "/api/auth/session", cookie)) as { status: number; body: { user: unknown; session: { id: string } } | null };
  return { status, user: body?.user, session: body?.session.id };
}

/**
 * What a write could change, read through the API: the member's session and
 * data, both accounts (or every account) as an admin sees them, the roles and
 * the audit log. Equal snapshots mean nothing observable changed.
 */
export async function snapshot(base: string, { admin, member, everything }: Observed): Promise<string> {
  const own = [whoami(base, member.cookie), read(base, "/api/session/data", member.cookie), grants(base, admin.cookie)];
  const wide = everything
    ? [allUsers(base, admin.cookie), read(base, "/api/admin/audit", admin.cookie)]
    : [
        read(base, `/api/admin/users/${member.id}`, admin.cookie),
        // Other files sign the shared admin in meanwhile: their last sign-in is not this file's doing.
        read(base, `/api/admin/users/${admin.id}`, admin.cookie).then((view) => {
          const user = (view as { body: { user?: { lastSignInAt?: unknown } } | null }).body?.user;
          if (user) delete user.lastSignInAt;
          return view;
        }),
        read(base, `/api/admin/audit?target=${member.id}`, admin.cookie),
        apiFor(base)("GET", "/api/account/sessions", { cookie: member.cookie }).then(async (res) =>
          ((await res.json()) as { sessions?: Array<{ id: string }> }).sessions?.map((s) => s.id),
        ),
      ];
  return JSON.stringify(await Promise.all([...own, ...wide]));
}
