import type { SessionUser } from "@workers-users/shared";
import { api, client } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { type CurrentSession, leaveIfSignedOut } from "../session";
import { formatTime } from "../time";
import { t } from "../../i18n";

export function showProfile({ user, session }: CurrentSession): void {
  byId("signed-in-as", HTMLElement).textContent = t("admin.signedInAs", { email: user.email });
  byId("fact-email", HTMLElement).textContent = user.email;
  byId("fact-verified", HTMLElement).textContent = user.emailVerified ? t("account.yes") : t("account.notYet");
  byId("fact-roles", HTMLElement).textContent = user.roles.length > 0 ? user.roles.join(", ") : t("admin.none");
  byId("fact-since", HTMLElement).textContent = formatTime(session.createdAt);
  byId("name", HTMLInputElement).value = user.name ?? "";
  // Hidden username fields let password managers file the password under the right account.
  for (const id of ["password-username", "delete-username", "mfa-username"]) byId(id, HTMLInputElement).defaultValue = user.email;
}

export function wireProfileForm(): void {
  const form = byId("profile-form", HTMLFormElement);
  const name = byId("name", HTMLInputElement);
  handleForm(form, {
    send: (v) => api(client.PATCH("/api/account", { body: { name: v["name"] ?? "" } })),
    onSuccess: ({ user }) => {
      name.value = user.name ?? "";
      setStatus(statusOf(form), t("common.nameSaved"), "success");
    },
    onProblem: leaveIfSignedOut,
  });
}
