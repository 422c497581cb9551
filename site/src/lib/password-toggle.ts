/** "Show password" checkboxes: `<input type="checkbox" data-reveals="password-id">`. */
export function enablePasswordToggles(): void {
  for (const toggle of document.querySelectorAll<HTMLInputElement>("input[data-reveals]")) {
    const target = document.getElementById(toggle.dataset["reveals"] ?? "");
    if (!(target instanceof HTMLInputElement)) continue;
    toggle.addEventListener("change", () => {
      target.type = toggle.checked ? "text" : "password";
    });
  }
}
