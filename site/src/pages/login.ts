import type { SessionUser } from "@workers-users/shared";
import { api, client } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { handleForm, statusOf } from "../lib/form";
import { enablePasswordToggles } from "../lib/password-toggle";
import { afterSignIn } from "../lib/return-to";
import { getSession, rememberPendingEmail, takeSignInNotice } from "../lib/session";
import { wirePasskeySignIn } from "../lib/passkeys/sign-in-button";
import { showSocialSignIn } from "../lib/social/login-buttons";
import { checkEmail, checkPresent } from "../lib/validate";

const unverified = byId("unverified", HTMLParagraphElement);
enablePasswordToggles();
const form = byId("login-form", HTMLFormElement);
handleForm(form, {
  validate: (v) => [...checkEmail(v["email"]), ...checkPresent(v["password"], "password", "Enter your password.")],
  send: (v) => {
    unverified.hidden = true;
    return api(client.POST("/api/auth/login", { body: { email: v["email"] ?? "", password: v["password"] ?? "" } }));
  },
  onSuccess: () => location.assign(afterSignIn()),
  onProblem: (failure) => {
    // Not a dead end: the way to a new link, with the address already filled in there.
    if (failure.problem.code === "EMAIL_NOT_VERIFIED") {
      rememberPendingEmail(byId("email", HTMLInputElement).value.trim());
      unverified.hidden = false;
    }
    return false;
  },
});

void showSocialSignIn();
wirePasskeySignIn();
// How the visitor got here (signed out, account deleted, session ended), said once.
const notice = takeSignInNotice();
if (notice !== null) setStatus(statusOf(form), notice.text, notice.kind);

// Someone already signed in has nothing to do here.
const current = await getSession();
if (current.ok) location.replace(afterSignIn());
