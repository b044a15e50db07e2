import { badInput } from '../errors.js';

/**
 * The French activity classification (NAF rév. 2, INSEE 2008): a code is a division (2 digits), a group and class
 * (2 more) and a sub-class letter, written `25.62B`. Its section — the letter the network's breakdown uses — follows
 * from the division.
 */
export const NAF_CODE = /^\d{2}\.\d{2}[A-Z]$/;

/** Sections of NAF rév. 2 with their first and last division. */
const SECTIONS: readonly [section: string, first: number, last: number][] = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

/** The section letter of a NAF code, or null when the code is missing or names no division of NAF rév. 2. */
export function nafSection(code: string | null | undefined): string | null {
  if (!code || !NAF_CODE.test(code)) return null;
  const division = Number(code.slice(0, 2));
  return SECTIONS.find(([, first, last]) => division >= first && division <= last)?.[0] ?? null;
}

/** A code as a person may type it (`2562b`, `25.62 B`), written the INSEE way, or null when it cannot be one. */
export function normaliseNaf(input: string): string | null {
  const compact = input.replace(/[\s.]/g, '').toUpperCase();
  if (!/^\d{4}[A-Z]$/.test(compact)) return null;
  const code = `${compact.slice(0, 2)}.${compact.slice(2)}`;
  return nafSection(code) ? code : null;
}

/** Size classes of the INSEE (décret 2008-1354), by headcount. */
export type SizeClass = 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE';
export const sizeClassOf = (headcount: number): SizeClass =>
  headcount < 10 ? 'MICRO' : headcount < 50 ? 'SMALL' : headcount < 250 ? 'MEDIUM' : 'LARGE';

/** The NAF code of a form: null when left empty, the INSEE writing when valid; BAD_USER_INPUT otherwise. */
export function nafCodeOf(input: string | null | undefined): string | null {
  if (input === null || input === undefined || !input.trim()) return null;
  const code = normaliseNaf(input);
  if (!code) throw badInput('This NAF code is not valid', { nafCode: 'invalid' });
  return code;
}
