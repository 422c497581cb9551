import { bodyLimit } from "hono/body-limit";
import { HttpProblem } from "@workers-users/shared";
import { notFound, onError } from "./http/errors";
import { jsonBody } from "./http/json-body";
import { sameOrigin } from "./http/same-origin";
import { securityHeaders } from "./http/security-headers";
import { createRouter } from "./router";
import { account } from "./routes/account";
import { emailChange } from "./email-change/routes";
import { login } from "./routes/auth/login";
import { logout } from "./routes/auth/logout";
import { password } from "./routes/auth/password";
import { register } from "./routes/auth/register";
import { resendVerification } from "./routes/auth/resend-verification";
import { session } from "./routes/auth/session";
import { verifyEmail } from "./routes/auth/verify-email";
import { devOutbox } from "./routes/dev-outbox";
import { devUpkeep } from "./routes/dev-upkeep";
import { health } from "./routes/health";
import { sessionData } from "./routes/session-data";
import { adminAudit } from "./routes/admin/audit";
import { adminRoles } from "./routes/admin/roles";
import { adminUserAccess } from "./routes/admin/user-access";
import { adminUsers } from "./routes/admin/users";
import { adminUserMail } from "./routes/admin/user-mail";
import { tokens, wellKnown } from "./tokens/routes";
import { identities } from "./oauth/identities-routes";
import { oauthRoutes } from "./oauth/routes";
import { passkeys } from "./passkeys/routes";
import { mfaAccount } from "./mfa/account-routes";
import { mfaAuth } from "./mfa/auth-routes";
import { mfaPasskeyOptions } from "./mfa/passkey-routes";
import { adminUserMfa } from "./routes/admin/user-mfa";

const BODY_LIMIT_BYTES = 64 * 1024;

export const app = createRouter();

app.use("*", securityHeaders());
app.use("*", async function noStore(c, next) {
  await next();
  // Only the public keys say otherwise; everything else is personal or changes at once.
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});
app.use("*", sameOrigin());
app.use("*", bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: () => { throw new HttpProblem("PAYLOAD_TOO_LARGE"); } }));
app.use("*", jsonBody());

app.route("/api", health);
app.route("/api/auth", register);
app.route("/api/auth", verifyEmail);
app.route("/api/auth", resendVerification);
app.route("/api/auth", login);
app.route("/api/auth", logout);
app.route("/api/auth", session);
app.route("/api/auth", password);
app.route("/api/auth", tokens);
app.route("/api/auth", oauthRoutes);
app.route("/api/auth", mfaAuth);
app.route("/api/auth", mfaPasskeyOptions);
app.route("/api/session", sessionData);
app.route("/api/account", account);
app.route("/api/account", identities);
app.route("/api/account", emailChange);
app.route("/api", passkeys);
app.route("/api/account", mfaAccount);
app.route("/api/dev", devOutbox);
app.route("/api/dev", devUpkeep);
app.route("/api/admin", adminUsers);
app.route("/api/admin", adminUserAccess);
app.route("/api/admin", adminUserMail);
app.route("/api/admin", adminUserMfa);
app.route("/api/admin", adminRoles);
app.route("/api/admin", adminAudit);
app.route("/.well-known", wellKnown);

app.onError(onError);
app.notFound(notFound);
