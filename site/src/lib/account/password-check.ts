import { setStatus } from "../dom";
import { showFieldErrors, statusOf } from "../form";
import { leaveIfSignedOut } from "../session";
import { t } from "../../i18n";

/**
 * onProblem for forms that ask for the current password again: a wrong one is shown
 * beside that field rather than as a generic "email or password is incorrect".
 */
export function wrongPasswordBesideField(form: HTMLFormElement, path: string, outcome: string) {
  return (failure: { problem: { code: string } }): boolean => {
    if (leaveIfSignedOut(failure)) return true;
    if (failure.problem.code !== "INVALID_CREDENTIALS") return false;
    showFieldErrors(form, [{ path, message: t("account.wrongPassword") }]);
    setStatus(statusOf(form), outcome, "error");
    return true;
  };
}
