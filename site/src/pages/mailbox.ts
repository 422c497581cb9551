import { api, client, problemMessage } from "../lib/api";
import { byId, element, setStatus } from "../lib/dom";
import { statusOf } from "../lib/form";
import { linkify } from "../lib/linkify";
import { formatTime } from "../lib/time";
import { plural, t } from "../i18n";

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: number;
}

const form = byId("filter-form", HTMLFormElement);
const recipient = byId("to", HTMLInputElement);
const list = byId("messages", HTMLOListElement);

async function load(): Promise<void> {
  const to = recipient.value.trim();
  const query = to ? `?to=${encodeURIComponent(to)}` : "";
  history.replaceState(null, "", `/mailbox${query}`);
  const result = await api(client.GET("/api/dev/outbox", { params: { query: to ? { to } : {} } }));
  if (!result.ok) {
    const localOnly = result.status === 404;
    setStatus(statusOf(form), localOnly ? t("mailbox.localOnly") : problemMessage(result), "error");
    list.hidden = true;
    return;
  }
  const { messages } = result.data;
  setStatus(statusOf(form), plural("mailbox.count", messages.length));
  list.replaceChildren(...messages.map(renderMessage));
  list.hidden = messages.length === 0;
}

function renderMessage(message: OutboxMessage): HTMLLIElement {
  const item = element("li", undefined, "message");
  const body = element("pre");
  body.append(...linkify(message.text));
  item.append(
    element("h2", message.subject),
    element("p", t("mailbox.to", { to: message.to, time: formatTime(message.createdAt) }), "muted"),
    body,
  );
  return item;
}

recipient.value = new URLSearchParams(location.search).get("to") ?? "";
form.noValidate = true;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void load();
});
await load();
