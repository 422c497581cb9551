import { element } from "../dom";
import { t } from "../../i18n";

/**
 * Shows recovery codes once, with a way to copy them and to save them as a file: the
 * server keeps only their hashes, so this is the one time they can be read.
 */
export function showRecoveryCodes(container: HTMLElement, codes: string[]): void {
  container.replaceChildren();
  const intro = element("p", t("mfa.codes.intro"));
  const list = element("ul", undefined, "recovery-codes");
  list.id = "recovery-codes";
  for (const code of codes) list.append(element("li", code));
  const copy = element("button", t("mfa.codes.copy"), "secondary");
  const save = element("button", t("mfa.codes.download"), "secondary");
  for (const button of [copy, save]) button.type = "button";
  const text = `${codes.join("\n")}\n`;
  copy.addEventListener("click", () => void navigator.clipboard?.writeText(text).then(() => (copy.textContent = t("mfa.codes.copied"))));
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
