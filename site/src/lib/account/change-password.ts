import { api, client } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { checkNewPassword, checkPresent } from "../validate";
import { wrongPasswordBesideField } from "./password-check";
import { t } from "../../i18n";

/** The server rotates this session's cookie and revokes the others; `onChanged` refreshes the list. */
export function wireChangePassword(onChanged: () => Promise<void>): void {
  const form = byId("password-form", HTMLFormElement);
  handleForm(form, {
    validate: (v) => [
      ...checkPresent(v["currentPassword"], "currentPassword", t("account.enterCurrent")),
      ...checkNewPassword(v["newPassword"], "newPassword"),
      ...(v["newPassword"] && v["newPassword"] === v["currentPassword"]
        ? [{ path: "newPassword", message: t("account.samePassword") }]
        : []),
    ],
    send: (v) => api(client.POST("/api/auth/change-password", { body: {
      currentPassword: v["currentPassword"] ?? "",
      newPassword: v["newPassword"] ?? "",
    } })),
    onSuccess: async () => {
      form.reset();
      await onChanged();
      setStatus(statusOf(form), t("account.passwordChanged"), "success");
    },
    onProblem: wrongPasswordBesideField(form, "currentPassword", t("account.passwordNotChanged")),
  });
}
