import { takeTokenFromUrl } from "../lib/token";
import { api, problemMessage } from "../lib/api";
import { byId, setStatus } from "../lib/dom";

const token = takeTokenFromUrl();
const status = byId("status", HTMLElement);

if (token === null) {
  setStatus(status, "This page needs the link from the email.", "error");
  byId("retry", HTMLElement).hidden = false;
} else {
  const result = await api<{ status: string }>("POST", "/api/auth/verify-email", { token });
  if (result.ok) {
    setStatus(status, "Your email address is confirmed. You can sign in now.", "success");
    byId("next", HTMLElement).hidden = false;
  } else {
    setStatus(status, problemMessage(result), "error");
    byId("retry", HTMLElement).hidden = result.problem.code !== "INVALID_TOKEN";
  }
}
