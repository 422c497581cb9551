import { api, client } from "../lib/api";
import { byId, element, setStatus } from "../lib/dom";
import { handleForm, statusOf } from "../lib/form";
import type { Can } from "../lib/admin/access";
import { type AuditUsers, entryRow } from "../lib/admin/audit/entry-row";
import { checkFilters, fillFilters, filterParams } from "../lib/admin/audit/filters";
import { leaveIfNotAllowed, loadFailed, startAdminPage } from "../lib/admin/page";
import type { AuditEntry } from "../lib/admin/types";
import { plural, t } from "../i18n";

type AuditReply = { entries: AuditEntry[]; nextCursor: string | null; users?: AuditUsers; actions?: string[] };

const form = byId("filter-form", HTMLFormElement);
const rows = byId("entries", HTMLTableSectionElement);
const older = byId("older", HTMLButtonElement);
const options = byId("action-options", HTMLDataListElement);
const exportLink = byId("export", HTMLAnchorElement);
let shown = { params: new URLSearchParams(), cursor: null as string | null };

function fetchEntries(params: URLSearchParams, cursor: string | null) {
  const query = new URLSearchParams(params);
  if (cursor) query.set("cursor", cursor);
  // The form's filters go as typed, unchecked here: the server validates them (400 with the field).
  return api(client.GET("/api/admin/audit", { querySerializer: () => query.toString() }));
}

function show(reply: AuditReply, can: Can, append: boolean): void {
  const drawn = reply.entries.map((entry) => entryRow(entry, can, reply.users ?? {}));
  if (reply.actions && options.childElementCount === 0) {
    options.replaceChildren(...reply.actions.map((action) => Object.assign(element("option"), { value: action })));
  }
  if (append) rows.append(...drawn);
  else rows.replaceChildren(...drawn);
  shown.cursor = reply.nextCursor;
  older.hidden = reply.nextCursor === null;
  const count = rows.childElementCount;
  const found = count === 0 ? t("audit.none") : plural("audit.count", count);
  setStatus(statusOf(form), reply.nextCursor === null ? found : t("audit.olderExist", { found }));
}

async function showOlder(can: Can): Promise<void> {
  older.disabled = true;
  const result = await fetchEntries(shown.params, shown.cursor);
  older.disabled = false;
  if (result.ok) show(result.data, can, true);
  else loadFailed(result, statusOf(form));
}

const admin = await startAdminPage("audit:read");
if (admin) {
  const { can } = admin;
  handleForm(form, {
    validate: checkFilters,
    send: (v) => {
      shown = { params: filterParams(v), cursor: null };
      const search = shown.params.toString();
      history.replaceState(null, "", `/admin/audit${search ? `?${search}` : ""}`);
      exportLink.href = `/api/admin/audit/export${search ? `?${search}` : ""}`;
      return fetchEntries(shown.params, null);
    },
    onSuccess: (reply) => show(reply, can, false),
    onProblem: leaveIfNotAllowed,
  });
  older.addEventListener("click", () => void showOlder(can));
  byId("clear-filters", HTMLButtonElement).addEventListener("click", () => {
    form.reset();
    form.requestSubmit();
  });
  fillFilters(form, new URLSearchParams(location.search));
  form.requestSubmit();
}
