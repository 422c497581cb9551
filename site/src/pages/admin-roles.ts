import { api, client } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { handleForm, statusOf } from "../lib/form";
import type { Can } from "../lib/admin/access";
import { loadFailed, startAdminPage } from "../lib/admin/page";
import { type Catalogue, roleCard } from "../lib/admin/roles/role-card";
import { checkRoleName } from "../lib/admin/role-name";
import type { AdminRole, RolesReply } from "../lib/admin/types";
import { leaveIfSignedOut } from "../lib/session";
import { t } from "../i18n";

const list = byId("roles", HTMLElement);

function wireCreate(catalogue: Catalogue, can: Can, held: readonly string[]): void {
  const form = byId("create-form", HTMLFormElement);
  byId("create-card", HTMLElement).hidden = false;
  handleForm(form, {
    validate: (v) => checkRoleName(v["name"], "name"),
    send: (v) => api(client.POST("/api/admin/roles", { body: { name: v["name"] ?? "", description: v["description"] ?? "" } })),
    onSuccess: ({ role }) => {
      form.reset();
      const card = roleCard(role, catalogue, can, held);
      list.append(card);
      setStatus(statusOf(form), t("roles.created", { name: role.name }), "success");
      card.querySelector("details")?.setAttribute("open", "");
    },
    onProblem: leaveIfSignedOut,
  });
}

const admin = await startAdminPage("roles:read");
if (admin) {
  const result = await api(client.GET("/api/admin/roles"));
  if (!result.ok) loadFailed(result, byId("roles-status", HTMLElement));
  else {
    const { roles } = result.data;
    const catalogue = { permissions: result.data.catalogue, descriptions: result.data.descriptions ?? {} };
    const held = admin.user.permissions;
    list.replaceChildren(...roles.map((role) => roleCard(role, catalogue, admin.can, held)));
    if (admin.can("roles:write")) wireCreate(catalogue, admin.can, held);
  }
}
