import { api } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { handleForm, statusOf } from "../lib/form";
import { leaveIfNotAllowed, loadFailed, startAdminPage } from "../lib/admin/page";
import { link, tableRow, timeOf } from "../lib/admin/table";
import { type AdminUser, userPath, userState } from "../lib/admin/types";

type UsersReply = { users: AdminUser[]; nextCursor: string | null };

const form = byId("search-form", HTMLFormElement);
const query = byId("q", HTMLInputElement);
const rows = byId("users-rows", HTMLTableSectionElement);
const more = byId("more", HTMLButtonElement);
let search = { q: "", cursor: null as string | null };

function fetchUsers(q: string, cursor: string | null) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return api<UsersReply>("GET", `/api/admin/users${search ? `?${search}` : ""}`);
}

function renderUser(user: AdminUser): HTMLTableRowElement {
  return tableRow([
    ["Email", link(user.email, userPath(user.id))],
    ["Name", user.name ?? "—"],
    ["Roles", user.roles.length > 0 ? user.roles.join(", ") : "None"],
    ["Status", userState(user)],
    ["Created", timeOf(user.createdAt)],
  ]);
}

function show(reply: UsersReply, append: boolean): void {
  if (append) rows.append(...reply.users.map(renderUser));
  else rows.replaceChildren(...reply.users.map(renderUser));
  search.cursor = reply.nextCursor;
  more.hidden = reply.nextCursor === null;
  const count = rows.childElementCount;
  const found = count === 0 ? "No users found." : count === 1 ? "1 user." : `${count} users.`;
  setStatus(statusOf(form), reply.nextCursor === null ? found : `${found} There are more.`);
}

async function showMore(): Promise<void> {
  more.disabled = true;
  const result = await fetchUsers(search.q, search.cursor);
  more.disabled = false;
  if (result.ok) show(result.data, true);
  else loadFailed(result, statusOf(form));
}

if (await startAdminPage("users:read")) {
  handleForm(form, {
    send: (v) => {
      search = { q: v["q"] ?? "", cursor: null };
      history.replaceState(null, "", search.q ? `/admin/users?q=${encodeURIComponent(search.q)}` : "/admin/users");
      return fetchUsers(search.q, null);
    },
    onSuccess: (reply) => show(reply, false),
    onProblem: leaveIfNotAllowed,
  });
  more.addEventListener("click", () => void showMore());
  query.value = new URLSearchParams(location.search).get("q") ?? "";
  form.requestSubmit();
}
