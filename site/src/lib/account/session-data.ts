import type { SessionData } from "@workers-users/shared";
import { api, type ApiResult, client, problemMessage } from "../api";
import { byId, setStatus } from "../dom";
import { handleForm, statusOf } from "../form";
import { leaveIfSignedOut } from "../session";
import { t } from "../../i18n";

type DataReply = { data: SessionData };
const THEMES = ["light", "dark"];

// Every call is numbered: an answer shows only if no later call has started, so a slow
// first load cannot undo a save made meanwhile.
let calls = 0;
function latest(call: Promise<ApiResult<DataReply>>): Promise<ApiResult<DataReply> | null> {
  const mine = ++calls;
  return call.then((result) => (mine === calls ? result : null));
}

/** The demo: a note and a theme kept in the session (PATCH merges, null removes a key). */
export function wireSessionData(): void {
  const form = byId("data-form", HTMLFormElement);
  handleForm(form, {
    send: (v) => {
      const saved = api(client.PATCH("/api/session/data", { body: { data: { note: v["note"] || null, theme: v["theme"] || null } } }));
      // A load still on its way is now out of date.
      void latest(saved);
      return saved;
    },
    onSuccess: ({ data }) => {
      show(data);
      setStatus(statusOf(form), t("account.data.saved"), "success");
    },
    onProblem: leaveIfSignedOut,
  });
  const clear = byId("data-clear", HTMLButtonElement);
  clear.addEventListener("click", () => void replaceWith(form, api(client.PUT("/api/session/data", { body: { data: {} } }))));
}

/** The first load: the fields stay disabled until it lands, so it cannot overwrite what someone types meanwhile. */
export async function loadSessionData(): Promise<void> {
  const form = byId("data-form", HTMLFormElement);
  const fields = [...form.querySelectorAll<HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement>("textarea, select, button")];
  for (const field of fields) field.disabled = true;
  try {
    await replaceWith(form, api(client.GET("/api/session/data")));
  } finally {
    for (const field of fields) field.disabled = false;
  }
}

async function replaceWith(form: HTMLFormElement, call: Promise<ApiResult<DataReply>>): Promise<void> {
  const result = await latest(call);
  if (result === null) return;
  if (result.ok) show(result.data.data);
  else if (!leaveIfSignedOut(result)) setStatus(statusOf(form), problemMessage(result), "error");
}

function show(data: SessionData): void {
  byId("data-view", HTMLElement).textContent = JSON.stringify(data, null, 2);
  byId("note", HTMLTextAreaElement).value = typeof data["note"] === "string" ? data["note"] : "";
  const theme = typeof data["theme"] === "string" && THEMES.includes(data["theme"]) ? data["theme"] : "";
  byId("theme", HTMLSelectElement).value = theme;
  if (theme) document.documentElement.dataset["theme"] = theme;
  else delete document.documentElement.dataset["theme"];
}
