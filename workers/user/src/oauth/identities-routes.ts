import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem } from "@workers-users/shared";
import { listIdentities, unlinkIdentity } from "../db/identities";
import { findUserById } from "../db/users";
import { requirePermission } from "../middleware/permission";
import { currentSession, requireSession } from "../middleware/session";
import { createRouter } from "../router";
import { json, problem } from "../schemas";
import { audit } from "../users/audit";
import { configuredProviders } from "./providers";

const Identity = z
  .object({ provider: z.string(), name: z.string(), email: z.string().nullable(), linkedAt: z.number().int(), lastUsedAt: z.number().int() })
  .meta({ id: "Identity" });

const listRoute = createRoute({
  method: "get",
  operationId: "listIdentities",
  path: "/identities",
  tags: ["account"],
  summary: "Linked sign-in providers, whether the account has a password, and the providers it could link",
  // Strict: a revoked session still in another location's KV learns nothing of the linked providers.
  middleware: [requireSession({ strict: true }), requirePermission("account:read")] as const,
  responses: {
    200: json(z.object({ identities: z.array(Identity), hasPassword: z.boolean(), linkable: z.array(z.object({ id: z.string(), name: z.string() })) }), "Sign-in methods"),
    401: problem("UNAUTHENTICATED"),
  },
});

const unlinkRoute = createRoute({
  method: "delete",
  operationId: "unlinkIdentity",
  path: "/identities/{provider}",
  tags: ["account"],
  summary: "Unlink a provider; refused when it is the last way to sign in",
  middleware: [requireSession({ strict: true }), requirePermission("account:write")] as const,
  request: { params: z.object({ provider: z.string().regex(/^[a-z][a-z0-9]{0,31}$/) }) },
  responses: {
    204: { description: "Unlinked" },
    401: problem("UNAUTHENTICATED"),
    404: problem("NOT_FOUND: no identity at this provider"),
    409: problem("LAST_SIGN_IN_METHOD: no password and no other provider"),
  },
});

export const identities = createRouter()
  .openapi(listRoute, async (c) => {
    const { userId } = currentSession(c);
    const [rows, user] = await Promise.all([listIdentities(c.env.DB, userId), findUserById(c.env.DB, userId)]);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    const providers = configuredProviders(c.env);
    const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
    const linked = rows.map((r) => ({ provider: r.provider, name: nameOf(r.provider), email: r.email, linkedAt: r.linked_at, lastUsedAt: r.last_used_at }));
    const linkable = providers.filter((p) => !rows.some((r) => r.provider === p.id)).map(({ id, name }) => ({ id, name }));
    return c.json({ identities: linked, hasPassword: user.password_hash !== "", linkable }, 200);
  })
  .openapi(unlinkRoute, async (c) => {
    const { userId } = currentSession(c);
    const { provider } = c.req.valid("param");
    const result = await unlinkIdentity(c.env.DB, userId, provider);
    if (result === "not_found") throw new HttpProblem("NOT_FOUND");
    if (result === "last_method") throw new HttpProblem("LAST_SIGN_IN_METHOD");
    await audit(c, "identity.unlinked", { target: userId, detail: { provider } });
    return c.body(null, 204);
  });
