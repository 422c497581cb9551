import { api } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { enablePasswordToggles } from "../lib/password-toggle";
import { rememberPendingEmail } from "../lib/session";
import { checkEmail, checkNewPassword } from "../lib/validate";

enablePasswordToggles();
handleForm(byId("register-form", HTMLFormElement), {
  validate: (v) => [...checkEmail(v["email"]), ...checkNewPassword(v["password"], "password")],
  send: (v) => {
    const name = v["name"]?.trim();
    const body = { email: v["email"]?.trim(), password: v["password"], ...(name ? { name } : {}) };
    return api<{ status: string }>("POST", "/api/auth/register", body);
  },
  onSuccess: (_data, form) => {
    rememberPendingEmail(new FormData(form).get("email")?.toString().trim() ?? "");
    location.assign("/check-email");
  },
});
