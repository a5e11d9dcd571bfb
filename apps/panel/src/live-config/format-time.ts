/**
 * An ISO 8601 time as the streamer reads it in their locale: the time alone when it is today, else the date
 * too. Text that is not a time is shown as it came.
 */
export function formatTime(at: string, locale: string, now: Date = new Date()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const today = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" },
  ).format(date);
}
