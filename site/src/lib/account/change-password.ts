import { api, client } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { checkNewPassword, checkPresent } from "../validate";
import { wrongPasswordBesideField } from "./password-check";

/** The server rotates this session's cookie and revokes the others; `onChanged` refreshes the list. */
export function wireChangePassword(onChanged: () => Promise<void>): void {
  const form = byId("password-form", HTMLFormElement);
  handleForm(form, {
    validate: (v) => [
      ...checkPresent(v["currentPassword"], "currentPassword", "Enter your current password."),
      ...checkNewPassword(v["newPassword"], "newPassword"),
      ...(v["newPassword"] && v["newPassword"] === v["currentPassword"]
        ? [{ path: "newPassword", message: "Choose a password different from your current one." }]
        : []),
    ],
    send: (v) => api(client.POST("/api/auth/change-password", { body: {
      currentPassword: v["currentPassword"] ?? "",
      newPassword: v["newPassword"] ?? "",
    } })),
    onSuccess: async () => {
      form.reset();
      await onChanged();
      setStatus(statusOf(form), "Password changed. Your other devices have been signed out.", "success");
    },
    onProblem: wrongPasswordBesideField(form, "currentPassword", "The password was not changed."),
  });
}
