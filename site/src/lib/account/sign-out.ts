import { api, type ApiResult, client, problemMessage } from "../api";
import { confirmAction } from "../confirm";
import { byId, setStatus } from "../dom";
import { goToLogin, type Leaving } from "../session";

export function wireSignOut(): void {
  const calls = { logout: () => api(client.POST("/api/auth/logout")), "logout-all": () => api(client.POST("/api/auth/logout-all")) };
  for (const [id, call] of Object.entries(calls) as Array<[Leaving, () => Promise<ApiResult<unknown>>]>) {
    const button = byId(id, HTMLButtonElement);
    button.addEventListener("click", () => void signOut(button, call, id));
  }
}

const EVERYWHERE = {
  question: "Log out everywhere?",
  consequence: "Every device signed in to your account is signed out, this one included.",
  confirm: "Log out everywhere",
};

async function signOut(button: HTMLButtonElement, call: () => Promise<ApiResult<unknown>>, leaving: Leaving): Promise<void> {
  if (leaving === "logout-all" && !(await confirmAction(EVERYWHERE))) return;
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
