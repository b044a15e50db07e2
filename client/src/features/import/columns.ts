/**
 * The columns of an import file, one row per project, in the order of the template. Mirrors the server's
 * `IMPORT_COLUMNS` (server/src/import/import.service.ts), which checks every row; the schema does not carry this
 * list, so keep the two in step.
 */
export const IMPORT_COLUMNS = [
  'siren',
  'sme_name',
  'sector',
  'headcount',
  'town',
  'project_title',
  'kind',
  'prescriber_organisation',
  'jobs_planned',
  'jobs_created',
  'jobs_preserved',
  'outcome',
  'decided_on',
  'mandatary_email',
  'advance_amount',
  'disbursed_on',
  'deferral_months',
  'duration_months',
  'frequency',
  'repaid_amount',
  'repaid_on',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * The template: the header line only, `;`-separated with a byte-order mark, as French spreadsheets open CSV (and as
 * the server's own exports are written).
 */
export function templateCsv(): Blob {
  return new Blob([`\uFEFF${IMPORT_COLUMNS.join(';')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
