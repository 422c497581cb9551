import { element } from "../../dom";
import { t } from "../../../i18n";

/**
 * Checkboxes for every grantable permission: `*`, then per resource its `resource:*`
 * wildcard and its actions from the catalogue, each with its description. Grants the role
 * holds outside that set are listed too, so saving never drops one silently. Those
 * `mayGrant` refuses are shown but cannot be ticked. A ticked wildcard ticks (and locks)
 * what it covers, which is then not saved on its own.
 */
export function permissionPicker(
  held: readonly string[],
  catalogue: readonly string[],
  mayGrant: (permission: string) => boolean,
  descriptions: Readonly<Record<string, string>> = {},
): HTMLElement {
  const byResource = new Map<string, string[]>();
  for (const permission of catalogue) {
    const resource = permission.slice(0, permission.indexOf(":"));
    byResource.set(resource, [...(byResource.get(resource) ?? []), permission]);
  }
  const offered = new Set(["*", ...catalogue, ...[...byResource.keys()].map((r) => `${r}:*`)]);
  const boxes = { held, mayGrant, descriptions };
  const groups = [group(t("roles.everything"), [["*", t("roles.every")]], boxes)];
  for (const [resource, permissions] of byResource) {
    const options = [[`${resource}:*`, t("roles.everyOf", { resource })] as const, ...permissions.map((p) => [p, p] as const)];
    groups.push(group(resource, options, boxes));
  }
  const others = held.filter((permission) => !offered.has(permission));
  if (others.length > 0) groups.push(group(t("roles.otherGrants"), others.map((p) => [p, p] as const), boxes));
  const picker = element("div", undefined, "permission-groups");
  picker.append(...groups);
  picker.addEventListener("change", (event) => {
    const box = event.target as HTMLInputElement;
    if (box.dataset["implied"] === undefined) box.dataset["own"] = String(box.checked);
    showImplied(picker);
  });
  showImplied(picker);
  return picker;
}

/** `resource:*` covers `resource:x`, `*` covers everything: covered boxes show ticked and locked. */
function showImplied(picker: HTMLElement): void {
  const all = [...picker.querySelectorAll<HTMLInputElement>("input[name=permissions]")];
  const ticked = new Set(all.filter((box) => box.checked && box.dataset["implied"] === undefined).map((box) => box.value));
  for (const box of all) {
    const resource = box.value.slice(0, box.value.indexOf(":"));
    const covered = box.value !== "*" && (ticked.has("*") || (box.value !== `${resource}:*` && ticked.has(`${resource}:*`)));
    if (covered) {
      box.dataset["implied"] = "";
      box.checked = true;
      box.disabled = true;
    } else if (box.dataset["implied"] !== undefined) {
      delete box.dataset["implied"];
      box.checked = box.dataset["own"] === "true";
      box.disabled = box.dataset["grantable"] !== "true";
    }
  }
}

interface Boxes {
  held: readonly string[];
  mayGrant: (permission: string) => boolean;
  descriptions: Readonly<Record<string, string>>;
}

let described = 0;

function group(legend: string, options: ReadonlyArray<readonly [value: string, label: string]>, { held, mayGrant, descriptions }: Boxes): HTMLElement {
  const fieldset = element("fieldset", undefined, "permission-group");
  fieldset.append(element("legend", legend));
  for (const [value, text] of options) {
    const label = element("label", undefined, "check");
    const box = element("input");
    box.type = "checkbox";
    box.name = "permissions";
    box.value = value;
    box.checked = held.includes(value);
    box.dataset["own"] = String(box.checked);
    box.dataset["grantable"] = String(mayGrant(value));
    box.disabled = !mayGrant(value);
    label.append(box, text);
    fieldset.append(label);
    const description = descriptions[value];
    if (description) {
      const hint = element("span", description, "hint permission-hint");
      hint.id = `permission-hint-${++described}`;
      box.setAttribute("aria-describedby", hint.id);
      fieldset.append(hint);
    }
  }
  return fieldset;
}

/** The permissions ticked in `form`, without those a ticked wildcard already covers. */
export function checkedPermissions(form: HTMLFormElement): string[] {
  return [...form.querySelectorAll<HTMLInputElement>("input[name=permissions]:checked:not([data-implied])")].map((box) => box.value);
}
