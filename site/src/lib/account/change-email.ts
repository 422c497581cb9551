import { api, client } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { checkEmail, checkPresent } from "../validate";
import { wrongPasswordBesideField } from "./password-check";
import { t } from "../../i18n";

/** Asks for a change of address: the link goes to the new one, which becomes the address once opened. */
export function wireChangeEmail(): void {
  const form = byId("email-form", HTMLFormElement);
  handleForm(form, {
    validate: (v) => [...checkEmail(v["newEmail"], "newEmail"), ...checkPresent(v["password"], "password", t("account.confirmWithPassword"))],
    send: (v) => api(client.POST("/api/account/email", { body: { newEmail: v["newEmail"] ?? "", password: v["password"] ?? "" } })),
    onSuccess: (_data, v) => {
      form.reset();
      setStatus(statusOf(form), t("account.emailSent", { email: v["newEmail"] ?? "" }), "success");
    },
    onProblem: wrongPasswordBesideField(form, "password", t("account.emailNotChanged")),
  });
}
