import { api, client } from "../../api";
import { byId, element, setStatus } from "../../dom";
import { handleForm } from "../../form";
import { leaveIfSignedOut } from "../../session";
import type { AdminUserActions } from "../types";
import type { UserStore } from "./store";

/** Deleting the user, when the server allows it, once their email address is typed as confirmation. */
export function wireDelete(store: UserStore, actions: AdminUserActions): void {
  if (!actions.delete) return;
  byId("delete-card", HTMLElement).hidden = false;
  handleForm(byId("delete-form", HTMLFormElement), {
    validate: (v) => {
      const typed = (v["confirmEmail"] ?? "").toLowerCase();
      return typed === store.get().email.toLowerCase()
        ? []
        : [{ path: "confirmEmail", message: `Type ${store.get().email} to confirm.` }];
    },
    send: () => api(client.DELETE("/api/admin/users/{id}", { params: { path: { id: store.get().id } } })),
    onSuccess: () => showDeleted(store.get().email),
    onProblem: leaveIfSignedOut,
  });
}

function showDeleted(email: string): void {
  byId("content", HTMLElement).hidden = true;
  setStatus(byId("page-status", HTMLElement), `${email} was deleted, with every session of theirs.`, "success");
  const back = element("a", "Back to the users");
  back.href = "/admin/users";
  const links = element("p");
  links.append(back);
  byId("page-status", HTMLElement).after(links);
}
