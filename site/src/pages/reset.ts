import { takeTokenFromUrl } from "../lib/token";
import { api, client, problemMessage } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { enablePasswordToggles } from "../lib/password-toggle";
import { pendingEmail } from "../lib/session";
import { checkNewPassword } from "../lib/validate";

const token = takeTokenFromUrl();
const form = byId("reset-form", HTMLFormElement);

if (token === null) {
  form.hidden = true;
  byId("missing", HTMLElement).hidden = false;
} else {
  // The address typed on "forgot password" in this tab, for the password manager to save against.
  byId("username", HTMLInputElement).value = pendingEmail() ?? "";
  enablePasswordToggles();
  handleForm(form, {
    validate: (v) => checkNewPassword(v["password"], "password"),
    send: (v) => api(client.POST("/api/auth/reset-password", { body: { token, password: v["password"] ?? "" } })),
    onSuccess: () => {
      form.hidden = true;
      byId("done", HTMLElement).hidden = false;
    },
    onProblem: (failure) => {
      if (failure.problem.code !== "INVALID_TOKEN") return false;
      form.hidden = true;
      byId("missing-reason", HTMLElement).textContent = problemMessage(failure);
      byId("missing", HTMLElement).hidden = false;
      return true;
    },
  });
}
