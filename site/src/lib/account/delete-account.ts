import { api, client } from "../api";
import { byId } from "../dom";
import { handleForm } from "../form";
import { goToLogin } from "../session";
import { checkPresent } from "../validate";
import { wrongPasswordBesideField } from "./password-check";
import { t } from "../../i18n";

export function wireDeleteAccount(): void {
  const form = byId("delete-form", HTMLFormElement);
  handleForm(form, {
    validate: (v) => checkPresent(v["password"], "password", t("account.confirmWithPassword")),
    send: (v) => api(client.DELETE("/api/account", { body: { password: v["password"] ?? "" } })),
    onSuccess: () => goToLogin("deleted"),
    onProblem: wrongPasswordBesideField(form, "password", t("account.delete.notDeleted")),
  });
}
