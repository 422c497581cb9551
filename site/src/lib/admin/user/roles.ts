import { api, client } from "../../api";
import { confirmAction } from "../../confirm";
import { byId, element, setStatus } from "../../dom";
import { handleForm, statusOf } from "../../form";
import { leaveIfSignedOut } from "../../session";
import type { Can } from "../access";
import { actionFailed } from "../page";
import { checkRoleName } from "../role-name";
import type { AdminRole, AdminUser, AdminUserActions, RolesReply } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";


// The server refuses to take the admin role from its last enabled member; with roles:read the page knows when that is.
const LAST_MEMBER_PROTECTED = "admin";

/** The user's roles; adding and removing them when the server allows it. */
export async function wireUserRoles(store: UserStore, can: Can, actions: AdminUserActions): Promise<void> {
  const list = byId("roles", HTMLUListElement);
  const assign = actions.changeRoles;
  const roles = assign && can("roles:read") ? await listRoles() : [];
  const removable = (role: string) => !(role === LAST_MEMBER_PROTECTED && (roles.find((r) => r.name === role)?.members ?? 2) <= 1);
  store.onChange((user) => {
    const rows = user.roles.map((role) => roleRow(store, role, assign && removable(role)));
    list.replaceChildren(...(rows.length > 0 ? rows : [element("li", t("adminUser.noRoles"), "muted")]));
  });
  if (!assign) return;
  const form = byId("role-form", HTMLFormElement);
  form.hidden = false;
  suggest(roles);
  handleForm(form, {
    validate: (v) => checkRoleName(v["role"], "role"),
    confirm: (v) => (grantsEverything(v["role"] ?? "", roles) ? grantingEverything(store.get().email, v["role"] ?? "") : null),
    send: (v) => api(client.POST("/api/admin/users/{id}/roles", { params: { path: { id: store.get().id } }, body: { role: v["role"] ?? "" } })),
    onSuccess: ({ roles }, v) => {
      store.set({ ...store.get(), roles });
      form.reset();
      setStatus(statusOf(form), t("adminUser.roleAdded", { role: v["role"] ?? "" }), "success");
    },
    onProblem: leaveIfSignedOut,
  });
}

/** `admin`, or any role granting `*`: everything the giver holds. */
function grantsEverything(role: string, roles: AdminRole[]): boolean {
  return role === "admin" || (roles.find((r) => r.name === role)?.permissions.includes("*") ?? false);
}

function grantingEverything(email: string, role: string) {
  return {
    question: t("adminUser.grant.question", { email, role }),
    consequence: t("adminUser.grant.consequence", { role }),
    confirm: t("adminUser.grant.confirm", { role }),
  };
}

function roleRow(store: UserStore, role: string, assign: boolean): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const name = element("strong", role);
  name.id = `role-${role}`;
  item.append(name);
  if (assign) {
    const remove = element("button", t("common.remove"), "danger");
    remove.type = "button";
    remove.setAttribute("aria-describedby", name.id);
    remove.addEventListener("click", () => void removeRole(store, role, remove));
    item.append(remove);
  }
  return item;
}

async function removeRole(store: UserStore, role: string, button: HTMLButtonElement): Promise<void> {
  const { email } = store.get();
  const asked = {
    question: t("adminUser.removeRole.question", { role, email }),
    consequence: t("adminUser.removeRole.consequence", { role }),
    confirm: t("adminUser.removeRole.confirm"),
  };
  if (!(await confirmAction(asked))) return;
  const status = byId("roles-status", HTMLElement);
  button.disabled = true;
  const result = await api(client.DELETE("/api/admin/users/{id}/roles/{role}", { params: { path: { id: store.get().id, role } } }));
  button.disabled = false;
  if (!result.ok) {
    actionFailed(result, status);
    return;
  }
  const user = store.get();
  store.set({ ...user, roles: user.roles.filter((r) => r !== role) });
  setStatus(status, t("adminUser.roleRemoved", { role }), "success");
}

/** Every role (with roles:read), for the suggestions and what removing or giving one means; none when unreadable. */
async function listRoles(): Promise<AdminRole[]> {
  const result = await api(client.GET("/api/admin/roles"));
  return result.ok ? result.data.roles : [];
}

/** The roles this admin may give, as suggestions for the add field; typing a name works without them. */
function suggest(roles: AdminRole[]): void {
  byId("role-options", HTMLDataListElement).replaceChildren(
    ...roles.filter((role) => role.grantable).map((role) => {
      const option = element("option");
      option.value = role.name;
      return option;
    }),
  );
}
