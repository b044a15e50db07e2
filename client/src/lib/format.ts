import { i18n, type Locale } from '@/i18n';

/** The zone of the Valenciennois and of every basin so far; a basin's own `timezone` wins when known. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** Intl locale for each interface language: French conventions in French, British ones in English. */
export const intlLocale = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB');

const current = (): string => intlLocale(i18n.global.locale.value);

/** "mardi 14 octobre 2025 à 14:30" / "Tuesday 14 October 2025 at 14:30", in the basin's zone. */
export function formatDateTime(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(current(), { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** "14 octobre 2025" / "14 October 2025". */
export function formatDate(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(current(), { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** "14/10/2025" / "14/10/2025": for dense lists. */
export function formatShortDate(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(current(), { dateStyle: 'short', timeZone }).format(new Date(iso));
}

/**
 * A calendar day given as "YYYY-MM-DD" (due dates, disbursements): "12/03/2026", or "12 mars 2026" when `long`. Read
 * at noon UTC so that no time zone can move it to the day before.
 */
export function formatDay(isoDay: string, long = false): string {
  return new Intl.DateTimeFormat(current(), { dateStyle: long ? 'long' : 'short', timeZone: 'UTC' }).format(
    new Date(`${isoDay.slice(0, 10)}T12:00:00Z`),
  );
}

/** Today as "YYYY-MM-DD" in the person's own calendar (the default of date fields). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "14:30". */
export function formatTime(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(current(), { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Whole euros: "15 000 €" / "€15,000". */
export function formatEuros(amount: number): string {
  return new Intl.NumberFormat(current(), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** A share given in per cent (5.7 for 5,7 %): "5,7 %" / "5.7%". */
export function formatPercent(percent: number): string {
  return new Intl.NumberFormat(current(), { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);
}

/** A plain number with the language's separators: "1 250" / "1,250"; "3,5" / "3.5". */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current(), { maximumFractionDigits: 1 }).format(value);
}

/** Competence days: "3,5 jours" / "3.5 days". */
export function formatDays(days: number): string {
  return new Intl.NumberFormat(current(), {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(days);
}

/** A wait: "45 secondes", "2 minutes" / "45 seconds", "2 minutes". */
export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 90 ? [Math.max(1, Math.round(seconds)), 'second'] : [minutes, 'minute'];
  return new Intl.NumberFormat(current(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A file size: "820 ko", "1,2 Mo" / "820 kB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1000 && index < units.length - 1) {
    value /= 1000;
    index += 1;
  }
  return new Intl.NumberFormat(current(), {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && index > 0 ? 1 : 0,
  }).format(value);
}
