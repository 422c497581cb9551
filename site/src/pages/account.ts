import { problemMessage } from "../lib/api";
import { byId, offerRetry, setStatus } from "../lib/dom";
import { wireChangeEmail } from "../lib/account/change-email";
import { wireChangePassword } from "../lib/account/change-password";
import { wireDeleteAccount } from "../lib/account/delete-account";
import { showProfile, wireProfileForm } from "../lib/account/profile";
import { loadSessionData, wireSessionData } from "../lib/account/session-data";
import { loadSessions } from "../lib/account/sessions";
import { loadIdentities, showLinkOutcome } from "../lib/account/identities";
import { loadPasskeys, wireAddPasskey } from "../lib/account/passkeys";
import { wireSignOut } from "../lib/account/sign-out";
import { loadMfa, wireMfa } from "../lib/mfa/account-section";
import { enablePasswordToggles } from "../lib/password-toggle";
import { getSession, goToLogin } from "../lib/session";
import { hasAdminAccess, permissionsOf } from "../lib/admin/access";

const status = byId("page-status", HTMLElement);
const current = await getSession();

if (!current.ok) {
  if (current.status === 401) goToLogin();
  else {
    setStatus(status, problemMessage(current), "error");
    offerRetry(status, current.status);
  }
} else {
  showProfile(current.data);
  byId("admin-entry", HTMLElement).hidden = !hasAdminAccess(permissionsOf(current.data.user.permissions));
  setStatus(status, "");
  byId("account", HTMLElement).hidden = false;
  enablePasswordToggles();
  wireProfileForm();
  wireChangeEmail();
  wireChangePassword(loadSessions);
  wireSignOut();
  wireSessionData();
  wireDeleteAccount();
  wireAddPasskey();
  wireMfa();
  showLinkOutcome();
  await Promise.all([loadSessions(), loadSessionData(), loadIdentities(), loadPasskeys(), loadMfa()]);
}
