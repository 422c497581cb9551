import { byId, setStatus } from "../dom";
import { socialErrorMessage } from "./messages";
import { listProviders, providerLink } from "./providers";
import { t } from "../../i18n";

/** One button per configured provider on the login page; the section stays hidden when there is none. */
export async function showSocialSignIn(): Promise<void> {
  const section = byId("social-sign-in", HTMLElement);
  const message = socialErrorMessage(location.search);
  if (message !== null) setStatus(byId("social-status", HTMLElement), message, "error");
  const providers = await listProviders();
  byId("social-buttons", HTMLElement).replaceChildren(...providers.map((p) => providerLink(p, "sign-in", t("social.signInWith", { provider: p.name }))));
  section.hidden = providers.length === 0 && message === null;
}
