import { locale, t } from "../i18n";

const absolute = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });

/** A unix-second time as the reader's locale writes it. */
export function formatTime(unixSeconds: number): string {
  return absolute.format(new Date(unixSeconds * 1000));
}

/** "just now", "5 minutes ago", "yesterday"… */
export function timeAgo(unixSeconds: number, now = Date.now()): string {
  const seconds = Math.round(unixSeconds - now / 1000);
  if (Math.abs(seconds) < 60) return t("time.justNow");
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, "hour");
  return relative.format(Math.round(hours / 24), "day");
}
