import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { problemMessage } from "../api";
import { confirmAction } from "../confirm";
import { byId, element, setStatus } from "../dom";
import { addPasskey, listPasskeys, removePasskey, renamePasskey, type Passkey } from "../passkeys/api";
import { loadMfa } from "../mfa/account-section";
import { leaveIfSignedOut } from "../session";
import { formatTime, timeAgo } from "../time";
import { t } from "../../i18n";

const status = () => byId("passkeys-status", HTMLElement);

/** Shows the account's passkeys, each with Rename and Remove. */
export async function loadPasskeys(): Promise<void> {
  const result = await listPasskeys();
  if (!result.ok) {
    if (!leaveIfSignedOut(result)) setStatus(status(), problemMessage(result), "error");
    return;
  }
  const list = byId("passkeys", HTMLUListElement);
  const rows = result.data.passkeys.map(renderRow);
  list.replaceChildren(...(rows.length > 0 ? rows : [element("li", t("account.passkeys.none"), "muted")]));
}

/** The add form: a name (optional), then the browser asks for the authenticator. */
export function wireAddPasskey(): void {
  const form = byId("passkey-form", HTMLFormElement);
  if (!browserSupportsWebAuthn()) {
    form.hidden = true;
    setStatus(status(), t("account.passkeys.unsupported"));
    return;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button")!;
    const name = byId("passkey-name", HTMLInputElement);
    button.disabled = true;
    setStatus(status(), t("account.passkeys.follow"));
    const result = await addPasskey(name.value.trim() || null);
    button.disabled = false;
    if (!result.ok && leaveIfSignedOut(result)) return;
    // A passkey is a second factor too: the two-step card says whether sign-in asks for one.
    await Promise.all([loadPasskeys(), loadMfa()]);
    if (!result.ok) return setStatus(status(), problemMessage(result), "error");
    name.value = "";
    setStatus(status(), t("account.passkeys.added", { name: result.data.passkey.name }), "success");
  });
}

function renderRow(passkey: Passkey): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const label = element("div");
  label.id = `passkey-${passkey.id.slice(0, 32)}`;
  label.append(element("strong", passkey.name));
  const used = passkey.lastUsedAt === null ? t("account.passkeys.neverUsed") : t("account.passkeys.lastUsed", { ago: timeAgo(passkey.lastUsedAt) });
  label.append(element("div", t("account.passkeys.row", { time: formatTime(passkey.createdAt), used }), "muted"));
  const rename = element("button", t("account.passkeys.rename"), "secondary");
  const remove = element("button", t("common.remove"), "danger");
  for (const button of [rename, remove]) {
    button.type = "button";
    button.setAttribute("aria-describedby", label.id);
  }
  const form = renameForm(passkey, label.id);
  rename.addEventListener("click", () => {
    form.hidden = false;
    form.querySelector("input")!.focus();
  });
  remove.addEventListener("click", () => void removeRow(passkey, remove));
  const actions = element("div", undefined, "actions");
  actions.append(rename, remove);
  label.append(form);
  item.append(label, actions);
  return item;
}

/** An inline form under the passkey's name: its new name, Save and Cancel. */
function renameForm(passkey: Passkey, labelId: string): HTMLFormElement {
  const form = element("form", undefined, "spaced");
  form.hidden = true;
  const input = element("input");
  input.id = `${labelId}-name`;
  input.maxLength = 100;
  input.required = true;
  input.value = passkey.name;
  const inputLabel = element("label", t("account.passkeys.newName"));
  inputLabel.htmlFor = input.id;
  const save = element("button", t("common.saveName"), "secondary");
  const cancel = element("button", t("common.cancel"), "secondary");
  cancel.type = "button";
  cancel.addEventListener("click", () => (form.hidden = true));
  const field = element("div", undefined, "field");
  field.append(inputLabel, input);
  const buttons = element("div", undefined, "actions");
  buttons.append(save, cancel);
  form.append(field, buttons);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void renameRow(passkey, input.value.trim());
  });
  return form;
}

async function renameRow(passkey: Passkey, name: string): Promise<void> {
  if (name === "" || name === passkey.name) return loadPasskeys();
  const result = await renamePasskey(passkey.id, name);
  if (!result.ok && leaveIfSignedOut(result)) return;
  await loadPasskeys();
  if (result.ok) setStatus(status(), t("account.passkeys.renamed", { name: result.data.passkey.name }), "success");
  else setStatus(status(), problemMessage(result), "error");
}

async function removeRow(passkey: Passkey, button: HTMLButtonElement): Promise<void> {
  const asked = {
    question: t("account.passkeys.removeQuestion", { name: passkey.name }),
    consequence: t("account.passkeys.removeConsequence"),
    confirm: t("account.passkeys.removeConfirm"),
  };
  if (!(await confirmAction(asked))) return;
  button.disabled = true;
  const result = await removePasskey(passkey.id);
  if (!result.ok && leaveIfSignedOut(result)) return;
  await Promise.all([loadPasskeys(), loadMfa()]);
  if (result.ok) setStatus(status(), t("account.passkeys.removed", { name: passkey.name }), "success");
  else setStatus(status(), problemMessage(result), "error");
}
