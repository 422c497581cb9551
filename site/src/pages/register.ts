import { api, client } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { enablePasswordToggles } from "../lib/password-toggle";
import { rememberPendingEmail } from "../lib/session";
import { checkEmail, checkNewPassword } from "../lib/validate";

enablePasswordToggles();
handleForm(byId("register-form", HTMLFormElement), {
  validate: (v) => [...checkEmail(v["email"]), ...checkNewPassword(v["password"], "password")],
  send: (v) => {
    const body = { email: v["email"] ?? "", password: v["password"] ?? "", ...(v["name"] ? { name: v["name"] } : {}) };
    return api(client.POST("/api/auth/register", { body }));
  },
  onSuccess: (_data, v) => {
    rememberPendingEmail(v["email"] ?? "");
    location.assign("/check-email");
  },
});
