import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { useI18n } from 'vue-i18n';
import { ImportColumnsDocument, type ImportColumn } from '@/gql/graphql';

export type { ImportColumn };

/** A column of an import file and its header in the interface language. */
export interface ImportColumnHeader {
  column: ImportColumn;
  header: string;
}

/**
 * The columns of an import file, in the order of the template, with their headers in the interface language, as the
 * server checks them (it also reads the headers of the other language, and the codes).
 */
export function useImportColumns() {
  const { result } = useQuery(ImportColumnsDocument);
  const { locale } = useI18n();
  return computed<ImportColumnHeader[]>(() =>
    (result.value?.importColumnHeaders ?? []).map((c) => ({
      column: c.column,
      header: locale.value === 'en' ? c.en : c.fr,
    })),
  );
}

/**
 * The template: the header line only, in the interface language, `;`-separated with a byte-order mark, as French
 * spreadsheets open CSV (and as the server's own exports are written).
 */
export function templateCsv(columns: readonly ImportColumnHeader[]): Blob {
  return new Blob([`\uFEFF${columns.map((c) => c.header).join(';')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
