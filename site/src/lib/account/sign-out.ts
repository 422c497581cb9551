import { api, problemMessage } from "../api";
import { byId, setStatus } from "../dom";
import { goToLogin } from "../session";

export function wireSignOut(): void {
  for (const [id, path] of [["logout", "/api/auth/logout"], ["logout-all", "/api/auth/logout-all"]] as const) {
    const button = byId(id, HTMLButtonElement);
    button.addEventListener("click", () => void signOut(button, path));
  }
}

async function signOut(button: HTMLButtonElement, path: string): Promise<void> {
  button.disabled = true;
  const result = await api("POST", path);
  // Already signed out counts as done.
  if (result.ok || result.problem.code === "UNAUTHENTICATED") {
    goToLogin();
    return;
  }
  setStatus(byId("sessions-status", HTMLElement), problemMessage(result), "error");
  button.disabled = false;
}
