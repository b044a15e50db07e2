import type { EntityManager } from '@mikro-orm/core';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';

/** Today, as an ISO day (UTC). */
export const isoToday = (): string => new Date().toISOString().slice(0, 10);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day `days` after `day` (before, when negative). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day `years` later (29 February falls on 1 March). */
export function shiftYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

export const yearOf = (day: string): number => Number(day.slice(0, 4));

/** The calendar years a convention covers, from the year it starts to the year it ends. */
export function conventionYears(convention: Pick<TriennialConvention, 'startsOn' | 'endsOn'>): number[] {
  const years: number[] = [];
  for (let year = yearOf(convention.startsOn); year <= yearOf(convention.endsOn); year += 1) years.push(year);
  return years;
}

/**
 * The convention in force: the signed one whose period holds today, else any whose period holds today, else the
 * latest that has begun, else the first to come. A renewal drafted for the next period never takes the place of the
 * convention that runs.
 */
export async function currentConvention(
  em: EntityManager,
  basinId: string,
  today = isoToday(),
): Promise<TriennialConvention | null> {
  const all = await em.find(TriennialConvention, { basin: basinId }, { orderBy: { startsOn: 'desc', id: 'asc' } });
  const holdsToday = (c: TriennialConvention) => c.startsOn <= today && c.endsOn >= today;
  return (
    all.find((c) => holdsToday(c) && c.signedAt) ??
    all.find(holdsToday) ??
    all.find((c) => c.startsOn <= today) ??
    all.at(-1) ??
    null
  );
}
