import { api, type ApiResult, client, problemMessage } from "../api";
import { confirmAction } from "../confirm";
import { byId, setStatus } from "../dom";
import { goToLogin, type Leaving } from "../session";
import { t } from "../../i18n";

export function wireSignOut(): void {
  const calls = { logout: () => api(client.POST("/api/auth/logout")), "logout-all": () => api(client.POST("/api/auth/logout-all")) };
  for (const [id, call] of Object.entries(calls) as Array<[Leaving, () => Promise<ApiResult<unknown>>]>) {
    const button = byId(id, HTMLButtonElement);
    button.addEventListener("click", () => void signOut(button, call, id));
  }
}

const everywhere = () => ({
  question: t("account.logoutAll.question"),
  consequence: t("account.logoutAll.consequence"),
  confirm: t("account.logoutAll"),
});

async function signOut(button: HTMLButtonElement, call: () => Promise<ApiResult<unknown>>, leaving: Leaving): Promise<void> {
  if (leaving === "logout-all" && !(await confirmAction(everywhere()))) return;
  button.disabled = true;
  const result = await call();
  // Already signed out counts as done.
  if (result.ok || result.problem.code === "UNAUTHENTICATED") {
    goToLogin(leaving);
    return;
  }
  setStatus(byId("sessions-status", HTMLElement), problemMessage(result), "error");
  button.disabled = false;
}
