import type { AdminUser } from "../types";

/** The user the page shows; every part redraws from it when an action changes it. */
export interface UserStore {
  get(): AdminUser;
  set(user: AdminUser): void;
  onChange(listener: (user: AdminUser) => void): void;
}

export function userStore(initial: AdminUser): UserStore {
  let user = initial;
  const listeners: ((user: AdminUser) => void)[] = [];
  return {
    get: () => user,
    set(next) {
      user = next;
      for (const listener of listeners) listener(user);
    },
    onChange(listener) {
      listeners.push(listener);
      listener(user);
    },
  };
}
