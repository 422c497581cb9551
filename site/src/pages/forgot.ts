import { api, client } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { rememberPendingEmail } from "../lib/session";
import { checkEmail } from "../lib/validate";

handleForm(byId("forgot-form", HTMLFormElement), {
  validate: (v) => checkEmail(v["email"]),
  send: (v) => api(client.POST("/api/auth/forgot-password", { body: { email: v["email"] ?? "" } })),
  onSuccess: (_data, v) => {
    rememberPendingEmail(v["email"] ?? "");
    location.assign("/check-email");
  },
});
