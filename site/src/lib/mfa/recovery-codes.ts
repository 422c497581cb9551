import { element } from "../dom";

/**
 * Shows recovery codes once, with a way to copy them and to save them as a file: the
 * server keeps only their hashes, so this is the one time they can be read.
 */
export function showRecoveryCodes(container: HTMLElement, codes: string[]): void {
  container.replaceChildren();
  const intro = element("p", "Save these recovery codes somewhere safe. Each works once, when your app is not at hand. They are shown only now.");
  const list = element("ul", undefined, "recovery-codes");
  list.id = "recovery-codes";
  for (const code of codes) list.append(element("li", code));
  const copy = element("button", "Copy the codes", "secondary");
  const save = element("button", "Download the codes", "secondary");
  for (const button of [copy, save]) button.type = "button";
  const text = `${codes.join("\n")}\n`;
  copy.addEventListener("click", () => void navigator.clipboard?.writeText(text).then(() => (copy.textContent = "Copied")));
  save.addEventListener("click", () => {
    const link = element("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    link.download = "recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(link.href);
  });
  const actions = element("div", undefined, "actions");
  actions.append(copy, save);
  container.append(intro, list, actions);
  container.hidden = false;
}
