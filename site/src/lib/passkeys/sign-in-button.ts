import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { problemMessage } from "../api";
import { byId, setStatus } from "../dom";
import { afterSignIn } from "../return-to";
import { signInWithPasskey } from "./api";
import { t } from "../../i18n";

/** The sign-in page's "Sign in with a passkey": shown where the browser has WebAuthn. */
export function wirePasskeySignIn(): void {
  const section = byId("passkey-sign-in", HTMLElement);
  if (!browserSupportsWebAuthn()) return;
  section.hidden = false;
  const button = byId("passkey-button", HTMLButtonElement);
  const status = byId("passkey-status", HTMLElement);
  button.addEventListener("click", async () => {
    button.disabled = true;
    setStatus(status, t("passkey.waiting"));
    const result = await signInWithPasskey();
    if (result.ok) return location.assign(afterSignIn());
    button.disabled = false;
    setStatus(status, problemMessage(result), "error");
  });
}
