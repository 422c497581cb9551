import { coversGrant } from "@workers-users/shared";
import { api, client } from "../../api";
import { element, setStatus } from "../../dom";
import { handleForm, statusOf } from "../../form";
import { leaveIfSignedOut } from "../../session";
import type { Can } from "../access";
import { actionFailed } from "../page";
import { button, formWithStatus, textField } from "../fields";
import type { AdminRole } from "../types";
import { checkedPermissions, permissionPicker } from "./permission-picker";
import { plural, t } from "../../../i18n";

/** What may be granted, and what each permission means (from the permissions table). */
export interface Catalogue {
  permissions: readonly string[];
  descriptions: Readonly<Record<string, string>>;
}

// The server refuses to delete it; the page does not offer to.
const PROTECTED_ROLE = "admin";

const named = (name: string) => ({ params: { path: { name } } });

/**
 * One role: what it grants and to how many. With `roles:write`, its description; its
 * permissions and deleting it only when the admin holds all it grants (`grantable`),
 * and only the permissions the admin holds can be ticked: the server refuses the rest.
 */
export function roleCard(role: AdminRole, catalogue: Catalogue, can: Can, held: readonly string[]): HTMLElement {
  const card = element("section", undefined, "card role");
  card.id = `role-card-${role.name}`;
  card.setAttribute("aria-labelledby", `${card.id}-title`);
  const title = element("h2", role.name);
  title.id = `${card.id}-title`;
  const summary = element("div");
  const draw = (next: AdminRole) => summary.replaceChildren(...describe(next));
  draw(role);
  card.append(title, summary);
  if (can("roles:write")) card.append(editor(role, catalogue, held, draw));
  return card;
}

function describe(role: AdminRole): HTMLElement[] {
  const grants = element("ul", undefined, "chips");
  grants.setAttribute("aria-label", t("roles.permissionsOf", { name: role.name }));
  grants.append(...role.permissions.map((permission) => element("li", permission, "chip")));
  return [
    element("p", role.description || t("roles.noDescription"), "muted"),
    element("p", plural("roles.members", role.members)),
    role.permissions.length > 0 ? grants : element("p", t("roles.noPermissions"), "muted"),
  ];
}

function editor(role: AdminRole, catalogue: Catalogue, held: readonly string[], draw: (role: AdminRole) => void): HTMLElement {
  const details = element("details", undefined, "spaced");
  details.append(element("summary", t("roles.edit", { name: role.name })));
  details.append(descriptionForm(role, draw));
  if (!role.grantable) {
    details.append(element("p", t("roles.beyondYou"), "muted spaced"));
    return details;
  }
  details.append(permissionsForm(role, catalogue, held, draw));
  if (role.name !== PROTECTED_ROLE) details.append(deleteZone(role));
  return details;
}

function descriptionForm(role: AdminRole, draw: (role: AdminRole) => void): HTMLFormElement {
  const form = formWithStatus(`role-card-${role.name}-description-form`, textField(`role-card-${role.name}-description`, "description", t("roles.description"), role.description));
  form.append(button(t("roles.saveDescription"), "secondary", "submit"));
  handleForm(form, {
    send: (v) => api(client.PATCH("/api/admin/roles/{name}", { ...named(role.name), body: { description: v["description"] ?? "" } })),
    onSuccess: ({ role: saved }) => {
      draw(saved);
      setStatus(statusOf(form), t("roles.descriptionSaved"), "success");
    },
    onProblem: leaveIfSignedOut,
  });
  return form;
}

function permissionsForm(role: AdminRole, catalogue: Catalogue, held: readonly string[], draw: (role: AdminRole) => void): HTMLFormElement {
  const picker = permissionPicker(role.permissions, catalogue.permissions, (permission) => coversGrant(held, permission), catalogue.descriptions);
  const form = formWithStatus(`role-card-${role.name}-permissions-form`, picker);
  form.classList.add("spaced");
  form.append(button(t("roles.savePermissions"), "secondary", "submit"));
  handleForm(form, {
    send: () => api(client.PUT("/api/admin/roles/{name}/permissions", { ...named(role.name), body: { permissions: checkedPermissions(form) } })),
    onSuccess: ({ role: saved }) => {
      draw(saved);
      setStatus(statusOf(form), t("roles.permissionsSaved"), "success");
    },
    onProblem: leaveIfSignedOut,
  });
  return form;
}

function deleteZone(role: AdminRole): HTMLElement {
  const zone = element("details", undefined, "spaced");
  const status = element("p", undefined, "status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const remove = button(t("roles.delete", { name: role.name }), "danger");
  zone.append(
    element("summary", t("roles.deleteSummary")),
    status,
    element("p", t("roles.deleteWarning"), "muted"),
    remove,
  );
  remove.addEventListener("click", () => void deleteRole(role, remove, status));
  return zone;
}

async function deleteRole(role: AdminRole, remove: HTMLButtonElement, status: HTMLElement): Promise<void> {
  remove.disabled = true;
  const result = await api(client.DELETE("/api/admin/roles/{name}", named(role.name)));
  remove.disabled = false;
  if (!result.ok) {
    actionFailed(result, status);
    return;
  }
  document.getElementById(`role-card-${role.name}`)?.remove();
  const outcome = document.getElementById("roles-status");
  if (outcome) setStatus(outcome, t("roles.deleted", { name: role.name }), "success");
}
