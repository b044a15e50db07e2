import type { Locale } from '@/i18n';

/** The tables a basin exports (server/src/export/tables.ts), each as CSV or XLSX. */
export type ExportTable = 'projects' | 'decisions' | 'advances' | 'repayments' | 'competences' | 'years' | 'resources';
export type ExportFormat = 'csv' | 'xlsx';

/**
 * Where a table downloads from: a plain link, authenticated by the session cookie like the page itself. Column
 * headers come in English when the interface is.
 */
export function exportUrl(basinId: string, table: ExportTable, format: ExportFormat, locale: Locale): string {
  const path = `/files/exports/${encodeURIComponent(basinId)}/${table}.${format}`;
  return locale === 'en' ? `${path}?lang=en` : path;
}
