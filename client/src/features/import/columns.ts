import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ImportColumnsDocument, type ImportColumn } from '@/gql/graphql';

export type { ImportColumn };

/** The columns of an import file, in the order of the template, as the server checks them. */
export function useImportColumns() {
  const { result } = useQuery(ImportColumnsDocument);
  return computed<ImportColumn[]>(() => result.value?.importColumns ?? []);
}

/**
 * The template: the header line only, `;`-separated with a byte-order mark, as French spreadsheets open CSV (and as
 * the server's own exports are written).
 */
export function templateCsv(columns: readonly ImportColumn[]): Blob {
  return new Blob([`\uFEFF${columns.join(';')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
