import { element } from "./dom";
import { t } from "../i18n";

export interface Confirmation {
  /** The question, as the dialog's title: "Log out everywhere?" */
  question: string;
  /** What will happen, in a sentence. */
  consequence: string;
  /** The confirming button, naming the action: "Log out everywhere". */
  confirm: string;
}

let dialogs = 0;

/**
 * Asks before a destructive action, in a modal dialog: focus starts on Cancel, Escape
 * cancels, and only the button naming the action confirms. Resolves true when confirmed.
 */
export function confirmAction({ question, consequence, confirm }: Confirmation): Promise<boolean> {
  const id = `confirm-${++dialogs}`;
  const dialog = element("dialog", undefined, "confirm card");
  const title = element("h2", question);
  title.id = `${id}-title`;
  const text = element("p", consequence);
  text.id = `${id}-text`;
  dialog.setAttribute("aria-labelledby", title.id);
  dialog.setAttribute("aria-describedby", text.id);
  const yes = element("button", confirm, "danger");
  const no = element("button", t("common.cancel"), "secondary");
  const buttons = element("p", undefined, "confirm-buttons");
  for (const button of [no, yes]) button.type = "button";
  buttons.append(no, yes);
  dialog.append(title, text, buttons);
  document.body.append(dialog);
  return new Promise((resolve) => {
    yes.addEventListener("click", () => dialog.close("confirmed"));
    no.addEventListener("click", () => dialog.close("cancelled"));
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "confirmed");
    });
    dialog.showModal();
    no.focus();
  });
}
