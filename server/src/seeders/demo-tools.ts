import { isValidSiren } from '../sme/siren.js';

/** A calendar day, `YYYY-MM-DD`, as stored in `date` columns. */
export type Day = string;

/** Mulberry32: a tiny deterministic generator, so that every fresh demo database holds the same history. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list');
    return item;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar: days are computed in the basin's time zone, instants are stored in UTC.

function splitDay(day: Day): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Not a day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function dayFromUtc(ms: number): Day {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function zonedParts(instant: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const values: Record<string, number> = {};
  for (const part of parts) if (part.type !== 'literal') values[part.type] = Number(part.value);
  return values;
}

/** The calendar day of an instant in a time zone. */
export function dayIn(instant: Date, timeZone: string): Day {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
}

/** Offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffset(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant when the wall clocks of a time zone show `hour:minute` on `day`. */
export function atLocalTime(day: Day, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = splitDay(day);
  const wallClock = Date.UTC(y, m - 1, d, hour, minute);
  const first = wallClock - zoneOffset(new Date(wallClock), timeZone);
  // Near a change of summer time the first guess may use the other offset: one correction settles it.
  return new Date(wallClock - zoneOffset(new Date(first), timeZone));
}

export function addDays(day: Day, days: number): Day {
  const [y, m, d] = splitDay(day);
  return dayFromUtc(Date.UTC(y, m - 1, d + days));
}

/** Same day of month `months` later, clamped to the end of shorter months. */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = splitDay(day);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return dayFromUtc(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

export function firstOfMonth(day: Day): Day {
  const [y, m] = splitDay(day);
  return `${pad(y, 4)}-${pad(m)}-01`;
}

/** 0 for Sunday … 6 for Saturday. */
export function weekday(day: Day): number {
  const [y, m, d] = splitDay(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The day itself when it is a working day, else the following Monday. */
export function workingDay(day: Day): Day {
  const dow = weekday(day);
  if (dow === 6) return addDays(day, 2);
  if (dow === 0) return addDays(day, 1);
  return day;
}

export const addMinutes = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);

export function monthsBetween(from: Day, to: Day): number {
  const [y1, m1, d1] = splitDay(from);
  const [y2, m2, d2] = splitDay(to);
  return (y2 - y1) * 12 + (m2 - m1) + (d2 - d1) / 30;
}

export function frenchDate(day: Day): string {
  const [y, m, d] = splitDay(day);
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export const yearOf = (day: Day): number => splitDay(day)[0];

// ---------------------------------------------------------------------------------------------------------------

/** "15 000 €", with a plain space as thousands separator, as the hand-written papers spell it. */
export function euros(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;
}

/** A fresh SIREN that passes INSEE's Luhn check and is not in `taken`. */
export function newSiren(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const stem = `${rng.int(3, 8)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    for (let check = 0; check <= 9; check += 1) {
      const siren = `${stem}${check}`;
      if (isValidSiren(siren) && !taken.has(siren)) {
        taken.add(siren);
        return siren;
      }
    }
  }
}

/**
 * Splits `total` units among `weights` (highest averages method), each share starting at `floor` and never above
 * its cap. Used to hit the press report's totals exactly while keeping the generated projects uneven.
 */
export function apportion(
  total: number,
  weights: readonly number[],
  options: { floor?: number; caps?: readonly number[] } = {},
): number[] {
  const floor = options.floor ?? 0;
  const shares = weights.map(() => floor);
  let left = total - floor * weights.length;
  if (left < 0) throw new Error(`Cannot give ${floor} to each of ${weights.length} shares out of ${total}`);
  while (left > 0) {
    let best = -1;
    let bestScore = -1;
    weights.forEach((weight, index) => {
      const share = shares[index] ?? 0;
      if (share >= (options.caps?.[index] ?? Number.POSITIVE_INFINITY)) return;
      const score = weight / (share + 1);
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    });
    if (best < 0) throw new Error(`Cannot place ${left} more units: every share is at its cap`);
    shares[best] = (shares[best] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/** Rounds to the nearest half day, the unit partners use when they report time spent. */
export const halfDays = (days: number) => Math.round(days * 2) / 2;

// ---------------------------------------------------------------------------------------------------------------

function escapePdfText(line: string): string {
  if (!/^[\x20-\x7e\xa0-\xff]*$/.test(line)) throw new Error(`Not printable in a WinAnsi PDF: ${line}`);
  return line.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A one-page PDF (Helvetica, WinAnsi) with correct cross-reference offsets, built without any library. */
export function onePagePdf(lines: readonly string[]): Buffer {
  const text = lines
    .map((line, index) => `BT /F1 ${index === 0 ? 14 : 11} Tf 56 ${790 - index * 20} Td (${escapePdfText(line)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
