import { api, client } from "../../api";
import { byId, setStatus } from "../../dom";
import { handleForm, statusOf } from "../../form";
import { leaveIfSignedOut } from "../../session";
import { formatTime } from "../../time";
import type { Can } from "../access";
import { type AdminUser, type AdminUserActions, userState } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";

function draw(user: AdminUser): void {
  document.title = t("adminUser.docTitle", { email: user.email, app: __APP_NAME__ });
  byId("user-title", HTMLElement).textContent = user.email;
  byId("fact-email", HTMLElement).textContent = user.email;
  byId("fact-name", HTMLElement).textContent = user.name ?? "—";
  byId("fact-state", HTMLElement).textContent = userState(user);
  byId("fact-created", HTMLElement).textContent = formatTime(user.createdAt);
  byId("fact-id", HTMLElement).textContent = user.id;
}

/** The facts about the user, links to the audit log about them (`audit:read`), and renaming when allowed. */
export function wireDetails(store: UserStore, can: Can, actions: AdminUserActions): void {
  store.onChange(draw);
  if (can("audit:read")) {
    const id = encodeURIComponent(store.get().id);
    byId("audit-about", HTMLAnchorElement).href = `/admin/audit?target=${id}`;
    byId("audit-by", HTMLAnchorElement).href = `/admin/audit?actor=${id}`;
    byId("audit-links", HTMLElement).hidden = false;
  }
  if (!actions.rename) return;
  const form = byId("name-form", HTMLFormElement);
  const name = byId("name", HTMLInputElement);
  name.value = store.get().name ?? "";
  form.hidden = false;
  handleForm(form, {
    send: (v) => api(client.PATCH("/api/admin/users/{id}", { params: { path: { id: store.get().id } }, body: { name: v["name"] ?? "" } })),
    onSuccess: ({ user }) => {
      store.set(user);
      name.value = user.name ?? "";
      setStatus(statusOf(form), t("common.nameSaved"), "success");
    },
    onProblem: leaveIfSignedOut,
  });
}
