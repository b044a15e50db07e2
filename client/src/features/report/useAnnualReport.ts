import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { AnnualReportYearsDocument } from '@/gql/graphql';
import type { Locale } from '@/i18n';

export type ReportFormat = 'pdf' | 'xlsx';

/**
 * Where the annual activity report of a year downloads from: a plain link, authenticated by the session cookie. The
 * PDF is always French (the programme's official document); the workbook follows the interface's language.
 */
export function annualReportUrl(basinId: string, year: number, format: ReportFormat, locale: Locale): string {
  const path = `/files/reports/${encodeURIComponent(basinId)}/${year}.${format}`;
  if (format === 'pdf') return `${path}?download=1`;
  return locale === 'en' ? `${path}?lang=en` : path;
}

/**
 * The years a report can be drawn up for, newest first. The server refuses the list to those who may not read the
 * report (FORBIDDEN): they see no report section, so an error here means "not for you" and is not shown.
 */
export function useAnnualReportYears(basinId: Ref<string | null>) {
  const { result } = useQuery(
    AnnualReportYearsDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network', errorPolicy: 'none' }),
  );
  const years = computed<number[]>(() => result.value?.annualReportYears ?? []);
  return { years, readable: computed(() => years.value.length > 0) };
}
