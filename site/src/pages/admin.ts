import { sectionsFor } from "../lib/admin/access";
import { showDenied, startAdminPage } from "../lib/admin/page";

// The admin area's front door: the first page this user may open.
const admin = await startAdminPage(null);
if (admin) {
  const first = sectionsFor(admin.can)[0];
  if (first) location.replace(first.path);
  else showDenied();
}
