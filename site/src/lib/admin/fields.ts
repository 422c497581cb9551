import { element } from "../dom";

/** A form built in the page, with its live region first, as the static forms have it. */
export function formWithStatus(id: string, ...children: Node[]): HTMLFormElement {
  const form = element("form");
  form.id = id;
  const status = element("p", undefined, "status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.append(status, ...children);
  return form;
}

/** A labelled text input in its `.field` wrapper. */
export function textField(id: string, name: string, label: string, value = "", maxLength = 200): HTMLDivElement {
  const field = element("div", undefined, "field");
  const caption = element("label", label);
  caption.htmlFor = id;
  const input = element("input");
  Object.assign(input, { id, name, type: "text", value, maxLength, autocomplete: "off" });
  field.append(caption, input);
  return field;
}

export function button(text: string, className: string, type: "button" | "submit" = "button"): HTMLButtonElement {
  const node = element("button", text, className);
  node.type = type;
  return node;
}
