import type { FieldError } from "@workers-users/shared";
import type { Values } from "../../form";
import { t } from "../../../i18n";

const TEXT_FILTERS = ["action", "actor", "target"] as const;
const TIME_FILTERS = ["since", "until"] as const;
// The server's rule for the action prefix; it checks again.
const ACTION_PREFIX = /^[a-z][a-z_.]{0,63}$/;

/** A `datetime-local` value (the reader's zone) as unix seconds; null when empty or unreadable. */
function toUnix(value: string | undefined): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function toLocalInput(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function checkFilters(values: Values): FieldError[] {
  const errors: FieldError[] = [];
  const action = values["action"] ?? "";
  if (action !== "" && !ACTION_PREFIX.test(action)) {
    errors.push({ path: "action", message: t("audit.actionShape") });
  }
  const since = toUnix(values["since"]);
  const until = toUnix(values["until"]);
  if (since !== null && until !== null && since > until) errors.push({ path: "until", message: t("audit.untilAfter") });
  return errors;
}

/** The filters as the API takes them (times in unix seconds); the page's address carries the same. */
export function filterParams(values: Values): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of TEXT_FILTERS) if (values[name]) params.set(name, values[name]);
  for (const name of TIME_FILTERS) {
    const seconds = toUnix(values[name]);
    if (seconds !== null) params.set(name, String(seconds));
  }
  return params;
}

/** Puts the filters from the page's address into the form, so a filtered view can be linked to. */
export function fillFilters(form: HTMLFormElement, params: URLSearchParams): void {
  for (const name of TEXT_FILTERS) setField(form, name, params.get(name) ?? "");
  for (const name of TIME_FILTERS) {
    const seconds = Number(params.get(name) ?? "");
    setField(form, name, params.get(name) && Number.isInteger(seconds) ? toLocalInput(seconds) : "");
  }
}

function setField(form: HTMLFormElement, name: string, value: string): void {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement) field.value = value;
}
