import { api, client } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { checkEmail, checkPresent } from "../validate";
import { wrongPasswordBesideField } from "./password-check";

/** Asks for a change of address: the link goes to the new one, which becomes the address once opened. */
export function wireChangeEmail(): void {
  const form = byId("email-form", HTMLFormElement);
  handleForm(form, {
    validate: (v) => [...checkEmail(v["newEmail"], "newEmail"), ...checkPresent(v["password"], "password", "Enter your password to confirm.")],
    send: (v) => api(client.POST("/api/account/email", { body: { newEmail: v["newEmail"] ?? "", password: v["password"] ?? "" } })),
    onSuccess: (_data, v) => {
      form.reset();
      setStatus(statusOf(form), `If ${v["newEmail"] ?? ""} can receive mail, a link is on its way there. Your address changes when you open it.`, "success");
    },
    onProblem: wrongPasswordBesideField(form, "password", "The address was not changed."),
  });
}
