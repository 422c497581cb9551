import type { FieldError } from "@workers-users/shared";
import { type ApiResult, problemMessage } from "./api";
import { type Confirmation, confirmAction } from "./confirm";
import { element, setStatus } from "./dom";

export type Values = Record<string, string>;
type Failure = Extract<ApiResult<unknown>, { ok: false }>;

export interface FormHandler<T> {
  /** Checks made before sending, for quick feedback; the server checks again. */
  validate?: (values: Values) => FieldError[];
  /** A question to confirm before sending (a destructive action), or null to send at once. */
  confirm?: (values: Values) => Confirmation | null;
  send: (values: Values) => Promise<ApiResult<T>>;
  onSuccess: (data: T, values: Values) => void | Promise<void>;
  /** Gets the first look at a failure; returns true when it dealt with it (a redirect, say). */
  onProblem?: (failure: Failure) => boolean;
}

/**
 * Wires a form to the API: local checks, a busy state, field errors tied to their inputs
 * with aria-describedby, and the outcome in the form's live region.
 */
export function handleForm<T>(form: HTMLFormElement, handler: FormHandler<T>): void {
  form.noValidate = true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit(form, handler);
  });
  // The sign-in, register, forgot, resend and reset pages ship their submit button disabled:
  // a click (or Enter) before this module runs would post the form to the static page, which
  // answers 405 with the browser's own error page. Wired now, the form can be sent.
  setBusy(form, false);
}

/** The form's live region (its `[role=status]`). */
export function statusOf(form: HTMLFormElement): HTMLElement {
  const region = form.querySelector<HTMLElement>("[role=status]");
  if (region === null) throw new Error(`form #${form.id} has no status region`);
  return region;
}

async function submit<T>(form: HTMLFormElement, handler: FormHandler<T>): Promise<void> {
  if (form.getAttribute("aria-busy") === "true") return;
  const status = statusOf(form);
  clearErrors(form);
  setStatus(status, "");
  const values = readValues(form);
  const local = handler.validate?.(values) ?? [];
  if (local.length > 0) {
    showFieldErrors(form, local);
    return;
  }
  const question = handler.confirm?.(values) ?? null;
  if (question !== null && !(await confirmAction(question))) return;
  setBusy(form, true);
  try {
    const result = await handler.send(values);
    if (result.ok) await handler.onSuccess(result.data, values);
    else if (!(handler.onProblem?.(result) ?? false)) showProblem(form, result);
  } finally {
    setBusy(form, false);
  }
}

/** The form's fields; text inputs are trimmed, passwords and text areas kept as typed. */
function readValues(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string") continue;
    values[name] = isPlainTextInput(form.elements.namedItem(name)) ? value.trim() : value;
  }
  return values;
}

// A revealed password is type="text" for a while: its autocomplete still names it a password.
function isPlainTextInput(field: unknown): boolean {
  return field instanceof HTMLInputElement && field.type !== "password" && !field.autocomplete.endsWith("password");
}

function setBusy(form: HTMLFormElement, busy: boolean): void {
  form.setAttribute("aria-busy", String(busy));
  for (const button of form.querySelectorAll("button")) button.disabled = busy;
}

/** Shows a failed call: its field errors beside the fields, its message in the live region. */
export function showProblem(form: HTMLFormElement, failure: Failure): void {
  const unplaced = showFieldErrors(form, failure.problem.errors ?? []);
  const message = [problemMessage(failure), ...unplaced].join(" ");
  setStatus(statusOf(form), message, "error");
}

/** Places each error beside the input named by its path; returns the messages that had no field. */
export function showFieldErrors(form: HTMLFormElement, errors: FieldError[]): string[] {
  const unplaced: string[] = [];
  let first: HTMLElement | null = null;
  for (const error of errors) {
    const field = form.elements.namedItem(error.path);
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
      unplaced.push(error.message);
      continue;
    }
    markInvalid(field, error.message);
    first ??= field;
  }
  first?.focus();
  return unplaced;
}

function markInvalid(field: HTMLInputElement | HTMLTextAreaElement, message: string): void {
  const id = `${field.id}-error`;
  const existing = document.getElementById(id);
  if (existing !== null) {
    existing.textContent = `${existing.textContent ?? ""} ${message}`;
    return;
  }
  const note = element("p", message, "field-error");
  note.id = id;
  field.after(note);
  field.setAttribute("aria-invalid", "true");
  const described = field.getAttribute("aria-describedby");
  field.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
}

function clearErrors(form: HTMLFormElement): void {
  for (const note of form.querySelectorAll(".field-error")) note.remove();
  for (const field of form.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    const kept = (field.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.endsWith("-error"));
    if (kept.length > 0) field.setAttribute("aria-describedby", kept.join(" "));
    else field.removeAttribute("aria-describedby");
  }
}
