/**
 * A session's date and time as people type them — the basin's wall clock — and the instant the server stores.
 * Computed with Intl alone, so that a summer or winter date gets its own offset.
 */

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** `2026-12-10` and `09:30` on the basin's clock → the ISO instant; null when either is not a valid value. */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !clock) return null;
  const wall = Date.UTC(+day[1]!, +day[2]! - 1, +day[3]!, +clock[1]!, +clock[2]!);
  if (Number.isNaN(wall)) return null;
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The ISO instant → its date (`YYYY-MM-DD`) and time (`HH:MM`) on the basin's clock. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const instant = new Date(iso).getTime();
  const wall = new Date(instant + offsetAt(instant, timeZone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}
