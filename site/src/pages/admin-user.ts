import { api, client } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { loadFailed, startAdminPage } from "../lib/admin/page";
import type { AdminUser, AdminUserActions } from "../lib/admin/types";
import { wireDelete } from "../lib/admin/user/delete";
import { wireDetails } from "../lib/admin/user/details";
import { wireUserRoles } from "../lib/admin/user/roles";
import { wireUserSessions } from "../lib/admin/user/sessions";
import { wireDisable } from "../lib/admin/user/state";
import { wireMailLinks } from "../lib/admin/user/mail-links";
import { wireUnlock } from "../lib/admin/user/unlock";
import { wireMfaReset } from "../lib/admin/user/mfa";
import { userStore } from "../lib/admin/user/store";
import { t } from "../i18n";

const status = byId("page-status", HTMLElement);
const admin = await startAdminPage("users:read");
const id = new URLSearchParams(location.search).get("id") ?? "";

async function load(): Promise<{ user: AdminUser; actions: AdminUserActions } | null> {
  const result = await api(client.GET("/api/admin/users/{id}", { params: { path: { id } } }));
  if (result.ok) return result.data;
  if (result.status === 404) setStatus(status, t("adminUser.notFound"), "error");
  else loadFailed(result, status);
  return null;
}

if (admin) {
  const content = byId("content", HTMLElement);
  content.hidden = true;
  setStatus(status, t("adminUser.loading"));
  const loaded = id === "" ? null : await load();
  if (id === "") setStatus(status, t("adminUser.noId"), "error");
  if (loaded) {
    // What the server lets this admin do to this user: the page offers nothing else.
    const { user, actions } = loaded;
    const store = userStore(user);
    const reloadSessions = wireUserSessions(user.id, admin, actions);
    wireDetails(store, admin.can, actions);
    await wireUserRoles(store, admin.can, actions);
    wireUnlock(store, actions);
    wireMfaReset(store, actions);
    wireMailLinks(store, actions);
    wireDisable(store, actions, reloadSessions);
    wireDelete(store, actions);
    await reloadSessions();
    setStatus(status, "");
    content.hidden = false;
  }
}
