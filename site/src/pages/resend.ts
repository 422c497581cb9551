import { api, client } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { pendingEmail, rememberPendingEmail } from "../lib/session";
import { checkEmail } from "../lib/validate";

// The address typed on the sign-in page, when that is where the visitor came from.
byId("email", HTMLInputElement).value = pendingEmail() ?? "";
handleForm(byId("resend-form", HTMLFormElement), {
  validate: (v) => checkEmail(v["email"]),
  send: (v) => api(client.POST("/api/auth/resend-verification", { body: { email: v["email"] ?? "" } })),
  onSuccess: (_data, v) => {
    rememberPendingEmail(v["email"] ?? "");
    location.assign("/check-email");
  },
});
