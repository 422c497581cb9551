import { problemMessage } from "../lib/api";
import { byId, setStatus } from "../lib/dom";
import { getSession } from "../lib/session";

const result = await getSession();
if (result.ok) location.replace("/account");
else if (result.status === 401) location.replace("/login");
else setStatus(byId("status", HTMLElement), problemMessage(result), "error");
