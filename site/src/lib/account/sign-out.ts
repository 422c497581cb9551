import { api, problemMessage } from "../api";
import { confirmAction } from "../confirm";
import { byId, setStatus } from "../dom";
import { goToLogin, type Leaving } from "../session";

export function wireSignOut(): void {
  for (const [id, path] of [["logout", "/api/auth/logout"], ["logout-all", "/api/auth/logout-all"]] as const) {
    const button = byId(id, HTMLButtonElement);
    button.addEventListener("click", () => void signOut(button, path, id));
  }
}

const EVERYWHERE = {
  question: "Log out everywhere?",
  consequence: "Every device signed in to your account is signed out, this one included.",
  confirm: "Log out everywhere",
};

async function signOut(button: HTMLButtonElement, path: string, leaving: Leaving): Promise<void> {
  if (leaving === "logout-all" && !(await confirmAction(EVERYWHERE))) return;
  button.disabled = true;
  const result = await api("POST", path);
  // Already signed out counts as done.
  if (result.ok || result.problem.code === "UNAUTHENTICATED") {
    goToLogin(leaving);
    return;
  }
  setStatus(byId("sessions-status", HTMLElement), problemMessage(result), "error");
  button.disabled = false;
}
