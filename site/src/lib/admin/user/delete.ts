import { api, client } from "../../api";
import { byId, element, setStatus } from "../../dom";
import { handleForm } from "../../form";
import { leaveIfSignedOut } from "../../session";
import type { AdminUserActions } from "../types";
import type { UserStore } from "./store";
import { t } from "../../../i18n";

/** Deleting the user, when the server allows it, once their email address is typed as confirmation. */
export function wireDelete(store: UserStore, actions: AdminUserActions): void {
  if (!actions.delete) return;
  byId("delete-card", HTMLElement).hidden = false;
  handleForm(byId("delete-form", HTMLFormElement), {
    validate: (v) => {
      const typed = (v["confirmEmail"] ?? "").toLowerCase();
      return typed === store.get().email.toLowerCase()
        ? []
        : [{ path: "confirmEmail", message: t("adminUser.delete.typeToConfirm", { email: store.get().email }) }];
    },
    send: () => api(client.DELETE("/api/admin/users/{id}", { params: { path: { id: store.get().id } } })),
    onSuccess: () => showDeleted(store.get().email),
    onProblem: leaveIfSignedOut,
  });
}

function showDeleted(email: string): void {
  byId("content", HTMLElement).hidden = true;
  setStatus(byId("page-status", HTMLElement), t("adminUser.delete.done", { email }), "success");
  const back = element("a", t("adminUser.delete.back"));
  back.href = "/admin/users";
  const links = element("p");
  links.append(back);
  byId("page-status", HTMLElement).after(links);
}
