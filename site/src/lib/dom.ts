import { t } from "../i18n";

/** The element with this id, of the expected type; a missing one is a bug in the page. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing or is not a ${type.name}`);
  return element;
}

/** Creates an element with text content only: nothing from the server is parsed as HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

export type StatusKind = "info" | "error" | "success";

/**
 * Writes into a live region (`role="status"`), so screen readers announce it. A card says
 * one current thing: a new message clears what its other regions said ("Removed the role"
 * never stands beside an older "Added the role").
 */
export function setStatus(region: HTMLElement, message: string, kind: StatusKind = "info"): void {
  if (message !== "") {
    for (const other of region.closest(".card")?.querySelectorAll<HTMLElement>("[role=status]") ?? []) {
      if (other !== region) write(other, "", "info");
    }
  }
  write(region, message, kind);
}

/**
 * After a load that failed on the server's side or the network (a 502 that a retry did not
 * cure): a button beside the message that loads the page again.
 */
export function offerRetry(region: HTMLElement, status: number): void {
  if (status !== 0 && status < 500) return;
  if (region.nextElementSibling?.classList.contains("retry")) return;
  const button = element("button", t("common.tryAgain"), "secondary retry");
  button.type = "button";
  button.addEventListener("click", () => location.reload());
  region.after(button);
}

function write(region: HTMLElement, message: string, kind: StatusKind): void {
  region.textContent = message;
  region.classList.toggle("is-error", kind === "error");
  region.classList.toggle("is-success", kind === "success");
}
