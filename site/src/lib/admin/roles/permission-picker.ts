import { element } from "../../dom";

/**
 * Checkboxes for every grantable permission: `*`, then per resource its `resource:*`
 * wildcard and its actions from the catalogue. Grants the role holds outside that set
 * are listed too, so saving never drops one silently. Those `mayGrant` refuses are
 * shown but cannot be ticked.
 */
export function permissionPicker(held: readonly string[], catalogue: readonly string[], mayGrant: (permission: string) => boolean): HTMLElement {
  const byResource = new Map<string, string[]>();
  for (const permission of catalogue) {
    const resource = permission.slice(0, permission.indexOf(":"));
    byResource.set(resource, [...(byResource.get(resource) ?? []), permission]);
  }
  const offered = new Set(["*", ...catalogue, ...[...byResource.keys()].map((r) => `${r}:*`)]);
  const groups = [group("Everything", [["*", "* (every permission, present and future)"]], held, mayGrant)];
  for (const [resource, permissions] of byResource) {
    const options = [[`${resource}:*`, `${resource}:* (every ${resource} action)`] as const, ...permissions.map((p) => [p, p] as const)];
    groups.push(group(resource, options, held, mayGrant));
  }
  const others = held.filter((permission) => !offered.has(permission));
  if (others.length > 0) groups.push(group("Other grants", others.map((p) => [p, p] as const), held, mayGrant));
  const picker = element("div", undefined, "permission-groups");
  picker.append(...groups);
  return picker;
}

function group(
  legend: string,
  options: ReadonlyArray<readonly [value: string, label: string]>,
  held: readonly string[],
  mayGrant: (permission: string) => boolean,
): HTMLElement {
  const fieldset = element("fieldset", undefined, "permission-group");
  fieldset.append(element("legend", legend));
  for (const [value, text] of options) {
    const label = element("label", undefined, "check");
    const box = element("input");
    box.type = "checkbox";
    box.name = "permissions";
    box.value = value;
    box.checked = held.includes(value);
    box.disabled = !mayGrant(value);
    label.append(box, text);
    fieldset.append(label);
  }
  return fieldset;
}

/** The permissions ticked in `form`. */
export function checkedPermissions(form: HTMLFormElement): string[] {
  return [...form.querySelectorAll<HTMLInputElement>("input[name=permissions]:checked")].map((box) => box.value);
}
