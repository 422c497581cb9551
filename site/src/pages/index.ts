import { problemMessage } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { getSession, goToLogin } from "../lib/session";

const result = await getSession();
if (result.ok) location.replace("/account");
else if (result.status === 401) goToLogin();
else setStatus(byId("status", HTMLElement), problemMessage(result), "error");
