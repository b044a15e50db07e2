/**
 * Reads days as people type them in either language: "4,5", "4.5", "4 ". Null unless a positive number of half
 * days (what the server accepts).
 */
export function parseDays(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const days = Number(normalised);
  return days > 0 && Number.isInteger(days * 2) ? days : null;
}

/** Whole euros as people type them: "12000", "12 000", "12 000 €". Null unless a whole, non-negative amount. */
export function parseEuros(text: string): number | null {
  const normalised = text.replace(/[\s€]/g, '');
  if (!/^\d+$/.test(normalised)) return null;
  const amount = Number(normalised);
  return Number.isSafeInteger(amount) ? amount : null;
}

/** A whole number, 0 or more, as people type it ("12", " 3 "). Null when empty or anything else. */
export function parseCount(text: string): number | null {
  const normalised = text.replace(/\s/g, '');
  if (!/^\d+$/.test(normalised)) return null;
  const count = Number(normalised);
  return Number.isSafeInteger(count) ? count : null;
}

/** Days delivered, in halves, zero allowed ("0", "1,5"); an empty field counts as none. Null when not half days. */
export function parseDeliveredDays(text: string): number | null {
  if (text.trim() === '') return 0;
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const days = Number(normalised);
  return Number.isInteger(days * 2) ? days : null;
}
