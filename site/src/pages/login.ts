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
import { showSecondStep, wireSecondStep } from "../lib/mfa/second-step";
import { t } from "../i18n";

const unverified = byId("unverified", HTMLParagraphElement);
enablePasswordToggles();
const form = byId("login-form", HTMLFormElement);
handleForm(form, {
  validate: (v) => [...checkEmail(v["email"]), ...checkPresent(v["password"], "password", t("login.enterPassword"))],
  send: (v) => {
    unverified.hidden = true;
    return api(client.POST("/api/auth/login", { body: { email: v["email"] ?? "", password: v["password"] ?? "" } }));
  },
  // An account with two-step verification: the password was right, the second step follows.
  onSuccess: (data) => ("mfaRequired" in data ? showSecondStep(form, data.methods) : location.assign(afterSignIn())),
  onProblem: (failure) => {
    // Not a dead end: the way to a new link, with the address already filled in there.
    if (failure.problem.code === "EMAIL_NOT_VERIFIED") {
      rememberPendingEmail(byId("email", HTMLInputElement).value.trim());
      unverified.hidden = false;
    }
    return false;
  },
});

wireSecondStep(form);
// A social sign-in into such an account lands here for its second step, told which factors to offer.
const query = new URLSearchParams(location.search);
if (query.get("step") === "mfa") showSecondStep(form, (query.get("methods") ?? "totp,recovery_code").split(","));

void showSocialSignIn();
wirePasskeySignIn();
// How the visitor got here (signed out, account deleted, session ended), said once.
const notice = takeSignInNotice();
if (notice !== null) setStatus(statusOf(form), notice.text, notice.kind);

// Someone already signed in has nothing to do here.
const current = await getSession();
if (current.ok) location.replace(afterSignIn());
