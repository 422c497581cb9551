import { element } from "../dom";
import { formatTime } from "../time";

export type Cell = [label: string, content: string | Node];

/**
 * A table row whose cells carry their column name in `data-label`: on a phone the
 * stylesheet stacks the cells and shows that name beside each value.
 */
export function tableRow(cells: Cell[]): HTMLTableRowElement {
  const row = element("tr");
  for (const [label, content] of cells) {
    const cell = element("td");
    cell.dataset["label"] = label;
    cell.append(content);
    row.append(cell);
  }
  return row;
}

export function link(text: string, href: string): HTMLAnchorElement {
  const anchor = element("a", text);
  anchor.href = href;
  return anchor;
}

/** A unix-second time as the reader's locale writes it, machine-readable too. */
export function timeOf(unixSeconds: number): HTMLTimeElement {
  const node = element("time", formatTime(unixSeconds));
  node.dateTime = new Date(unixSeconds * 1000).toISOString();
  return node;
}

/** An opaque id, in monospace; a link when `href` is given. */
export function idOf(id: string, href?: string): HTMLElement {
  const node = href === undefined ? element("span", id) : link(id, href);
  node.classList.add("mono", "id");
  return node;
}
