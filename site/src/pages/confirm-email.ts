import { api, client, problemMessage } from "../lib/api";
import { byId } from "../lib/dom";
import { handleForm } from "../lib/form";
import { takeTokenFromUrl } from "../lib/token";
import { t } from "../i18n";

const token = takeTokenFromUrl();
const form = byId("confirm-form", HTMLFormElement);

function missing(reason?: string): void {
  form.hidden = true;
  if (reason) byId("missing-reason", HTMLElement).textContent = reason;
  byId("missing", HTMLElement).hidden = false;
}

// A button, not an automatic request: a mail scanner opening the link changes nothing.
if (token === null) missing();
else {
  form.hidden = false;
  handleForm(form, {
    send: () => api(client.POST("/api/account/email/confirm", { body: { token } })),
    onSuccess: ({ email }) => {
      form.hidden = true;
      byId("done-status", HTMLElement).textContent = t("confirmEmail.done", { email });
      byId("done", HTMLElement).hidden = false;
    },
    onProblem: (failure) => {
      if (failure.problem.code !== "INVALID_TOKEN" && failure.problem.code !== "CONFLICT") return false;
      missing(problemMessage(failure));
      return true;
    },
  });
}
