/** Plain-text and Markdown tables from rows of cells. */
export type Cell = string | number;

const text = (cell: Cell) => (typeof cell === "number" ? String(cell) : cell);

/** Columns padded to their widest cell; numbers aligned right. */
export function textTable(header: string[], rows: Cell[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => text(r[i] ?? "").length)));
  const line = (cells: Cell[]) =>
    cells.map((cell, i) => (typeof cell === "number" ? text(cell).padStart(widths[i]!) : text(cell).padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function markdownTable(header: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) => `| ${cells.map((c) => text(c).replaceAll("|", "\\|")).join(" | ")} |`;
  const align = header.map((_, i) => (rows.every((r) => typeof r[i] === "number") ? "---:" : "---"));
  return [line(header), `|${align.join("|")}|`, ...rows.map(line)].join("\n");
}
