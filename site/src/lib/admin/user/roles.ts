import { api } from "../../api";
import { byId, element, setStatus } from "../../dom";
import { handleForm, statusOf } from "../../form";
import { leaveIfSignedOut } from "../../session";
import type { Can } from "../access";
import { actionFailed } from "../page";
import { checkRoleName } from "../role-name";
import type { AdminUser, AdminUserActions, RolesReply } from "../types";
import type { UserStore } from "./store";

const rolesPath = (user: AdminUser) => `/api/admin/users/${encodeURIComponent(user.id)}/roles`;

/** The user's roles; adding and removing them when the server allows it. */
export function wireUserRoles(store: UserStore, can: Can, actions: AdminUserActions): void {
  const list = byId("roles", HTMLUListElement);
  const assign = actions.changeRoles;
  store.onChange((user) => {
    const rows = user.roles.map((role) => roleRow(store, role, assign));
    list.replaceChildren(...(rows.length > 0 ? rows : [element("li", "No roles.", "muted")]));
  });
  if (!assign) return;
  const form = byId("role-form", HTMLFormElement);
  form.hidden = false;
  handleForm(form, {
    validate: (v) => checkRoleName(v["role"], "role"),
    send: (v) => api<{ roles: string[] }>("POST", rolesPath(store.get()), { role: v["role"] }),
    onSuccess: ({ roles }, v) => {
      store.set({ ...store.get(), roles });
      form.reset();
      setStatus(statusOf(form), `Added the role ${v["role"]}.`, "success");
    },
    onProblem: leaveIfSignedOut,
  });
  if (can("roles:read")) void suggestRoles();
}

function roleRow(store: UserStore, role: string, assign: boolean): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const name = element("strong", role);
  name.id = `role-${role}`;
  item.append(name);
  if (assign) {
    const remove = element("button", "Remove", "danger");
    remove.type = "button";
    remove.setAttribute("aria-describedby", name.id);
    remove.addEventListener("click", () => void removeRole(store, role, remove));
    item.append(remove);
  }
  return item;
}

async function removeRole(store: UserStore, role: string, button: HTMLButtonElement): Promise<void> {
  const status = byId("roles-status", HTMLElement);
  button.disabled = true;
  const result = await api("DELETE", `${rolesPath(store.get())}/${encodeURIComponent(role)}`);
  button.disabled = false;
  if (!result.ok) {
    actionFailed(result, status);
    return;
  }
  const user = store.get();
  store.set({ ...user, roles: user.roles.filter((r) => r !== role) });
  setStatus(status, `Removed the role ${role}.`, "success");
}

/** The roles this admin may give, as suggestions for the add field; typing a name works without them. */
async function suggestRoles(): Promise<void> {
  const result = await api<RolesReply>("GET", "/api/admin/roles");
  if (!result.ok) return;
  byId("role-options", HTMLDataListElement).replaceChildren(
    ...result.data.roles.filter((role) => role.grantable).map((role) => {
      const option = element("option");
      option.value = role.name;
      return option;
    }),
  );
}
