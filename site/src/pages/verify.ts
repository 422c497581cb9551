import type { SessionUser } from "@workers-users/shared";
import { api, client } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { handleForm, statusOf } from "../lib/form";
import { enablePasswordToggles } from "../lib/password-toggle";
import { takeTokenFromUrl } from "../lib/token";
import { checkPresent } from "../lib/validate";
import { t } from "../i18n";

const token = takeTokenFromUrl();
const form = byId("verify-form", HTMLFormElement);

if (token === null) {
  byId("no-link", HTMLElement).hidden = false;
  byId("retry", HTMLElement).hidden = false;
} else {
  // Nothing is sent until the password is typed: opening the link alone verifies nothing.
  form.hidden = false;
  enablePasswordToggles();
  handleForm(form, {
    validate: (v) => checkPresent(v["password"], "password", t("validate.enterPassword")),
    send: (v) => api(client.POST("/api/auth/verify-email", { body: { token, password: v["password"] ?? "" } })),
    onSuccess: (data) => {
      if (data.user) return location.assign("/account");
      // Verified, but the password changed meanwhile: no session, so sign in anew.
      form.hidden = true;
      byId("done", HTMLElement).hidden = false;
    },
    onProblem: (failure) => {
      if (failure.problem.code === "INVALID_CREDENTIALS") {
        setStatus(
          statusOf(form),
          t("verify.wrongPassword"),
          "error",
        );
        return true;
      }
      if (failure.problem.code === "INVALID_TOKEN") byId("retry", HTMLElement).hidden = false;
      return false;
    },
  });
}
