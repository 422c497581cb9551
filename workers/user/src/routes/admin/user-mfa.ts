import * as z from "zod";
import { HttpProblem } from "@workers-users/shared";
import { findUserById } from "../../db/users";
import { defer } from "../../http/deferred";
import { sendMfaChanged } from "../../users/email-links";
import { removeMfa } from "../../mfa/store";
import { createRouter } from "../../router";
import { json, problem } from "../../schemas";
import { audit } from "../../users/audit";
import { adminRoute } from "./admin-route";
import { assertMayActOn } from "./guard";
import { UserId } from "./schemas";

const resetRoute = adminRoute("users:write", {
  method: "delete",
  path: "/users/{id}/mfa",
  operationId: "resetUserMfa",
  summary: "Reset a user's two-step verification: their app's secret, recovery codes and passkeys are deleted",
  description: "For a user who lost their authenticator and their recovery codes. Needs every permission the user holds; audited, and the user is told by email.",
  request: { params: z.object({ id: UserId }) },
  responses: { 200: json(z.object({ reset: z.boolean() }), "Whether the user had a second factor (TOTP or a passkey)"), 404: problem("NOT_FOUND") },
});

export const adminUserMfa = createRouter().openapi(resetRoute, async (c) => {
  const { id } = c.req.valid("param");
  await assertMayActOn(c, id);
  const user = await findUserById(c.env.DB, id);
  if (user === null) throw new HttpProblem("NOT_FOUND");
  const removed = await removeMfa(c.env.DB, id, { passkeys: true });
  const reset = removed.totp || removed.passkeys > 0;
  await audit(c, "user.mfa_reset", { target: id, detail: { hadTotp: removed.totp, passkeysRemoved: removed.passkeys } });
  if (reset) defer(c, "mfa-changed", () => sendMfaChanged(c, user, "reset"));
  return c.json({ reset }, 200);
});
