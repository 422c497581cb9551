import type { SessionUser } from "@workers-users/shared";
import { api } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { enablePasswordToggles } from "../lib/password-toggle";
import { getSession } from "../lib/session";
import { showSocialSignIn } from "../lib/social/login-buttons";
import { checkEmail, checkPresent } from "../lib/validate";

enablePasswordToggles();
handleForm(byId("login-form", HTMLFormElement), {
  validate: (v) => [...checkEmail(v["email"]), ...checkPresent(v["password"], "password", "Enter your password.")],
  send: (v) => api<{ user: SessionUser }>("POST", "/api/auth/login", { email: v["email"], password: v["password"] }),
  onSuccess: () => location.assign("/account"),
});

void showSocialSignIn();

// Someone already signed in has nothing to do here.
const current = await getSession();
if (current.ok) location.replace("/account");
