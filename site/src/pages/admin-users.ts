import { api, client } from "../lib/api";
import { byId, element, setStatus } from "../lib/dom";
import { handleForm, statusOf, type Values } from "../lib/form";
import { leaveIfNotAllowed, loadFailed, startAdminPage } from "../lib/admin/page";
import { link, tableRow, timeOf } from "../lib/admin/table";
import { type AdminUser, type RolesReply, userPath, userState } from "../lib/admin/types";
import { plural, t } from "../i18n";

type UsersReply = { users: AdminUser[]; nextCursor: string | null; total?: number };

const FILTERS = ["q", "status", "role"] as const;
const form = byId("search-form", HTMLFormElement);
const rows = byId("users-rows", HTMLTableSectionElement);
const more = byId("more", HTMLButtonElement);
let search = { params: new URLSearchParams(), cursor: null as string | null };

/** The filters that are set, in a fixed order: the address bar and the API get the same query. */
function filtersOf(values: Values): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (values[name]) params.set(name, values[name]!);
  return params;
}

function fetchUsers(filters: URLSearchParams, cursor: string | null) {
  const params = new URLSearchParams(filters);
  if (cursor) params.set("cursor", cursor);
  // The form's filters go as typed, unchecked here: the server validates them (400 with the field).
  return api(client.GET("/api/admin/users", { querySerializer: () => params.toString() }));
}

function renderUser(user: AdminUser): HTMLTableRowElement {
  return tableRow([
    [t("users.email"), link(user.email, userPath(user.id))],
    [t("users.name"), user.name ?? "—"],
    [t("users.roles"), user.roles.length > 0 ? user.roles.join(", ") : t("admin.none")],
    [t("users.status"), userState(user)],
    [t("users.lastSignIn"), user.lastSignInAt ? timeOf(user.lastSignInAt) : "—"],
    [t("users.created"), timeOf(user.createdAt)],
  ]);
}

function show(reply: UsersReply, append: boolean): void {
  if (append) rows.append(...reply.users.map(renderUser));
  else rows.replaceChildren(...reply.users.map(renderUser));
  search.cursor = reply.nextCursor;
  more.hidden = reply.nextCursor === null;
  const count = rows.childElementCount;
  const found = count === 0 ? t("users.none") : plural("users.count", count);
  const total = reply.total;
  if (total !== undefined && total > count) setStatus(statusOf(form), t("users.showing", { count, total }));
  else setStatus(statusOf(form), reply.nextCursor === null ? found : t("users.thereAreMore", { found }));
}

async function showMore(): Promise<void> {
  more.disabled = true;
  const result = await fetchUsers(search.params, search.cursor);
  more.disabled = false;
  if (result.ok) show(result.data, true);
  else loadFailed(result, statusOf(form));
}

/** The roles this admin may read, as suggestions for the role filter; typing a name works without them. */
async function suggestRoles(): Promise<void> {
  const result = await api(client.GET("/api/admin/roles"));
  if (!result.ok) return;
  byId("role-options", HTMLDataListElement).replaceChildren(...result.data.roles.map((role) => Object.assign(element("option"), { value: role.name })));
}

const admin = await startAdminPage("users:read");
if (admin) {
  handleForm(form, {
    send: (v) => {
      search = { params: filtersOf(v), cursor: null };
      const query = search.params.toString();
      history.replaceState(null, "", `/admin/users${query ? `?${query}` : ""}`);
      return fetchUsers(search.params, null);
    },
    onSuccess: (reply) => show(reply, false),
    onProblem: leaveIfNotAllowed,
  });
  more.addEventListener("click", () => void showMore());
  const asked = new URLSearchParams(location.search);
  for (const name of FILTERS) (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value = asked.get(name) ?? "";
  if (admin.can("roles:read")) void suggestRoles();
  form.requestSubmit();
}
