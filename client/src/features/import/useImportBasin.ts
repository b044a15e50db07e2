import { computed, ref, type Ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { ImportBasinDataDocument, type ImportBasinDataMutation } from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';

export type ImportReport = ImportBasinDataMutation['importBasinData'];
export type ImportProblem = ImportReport['errors'][number];

/** A file's content as base64, the way the API takes it. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file cannot be read'));
    reader.readAsDataURL(file);
  });
}

/** Problems the server lists in a refused import (`extensions.rows`), read defensively. */
function rejectedRows(info: ErrorInfo): ImportProblem[] {
  const rows = info.extensions.rows;
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) => {
    if (!row || typeof row !== 'object') return [];
    const { line, column, message } = row as Record<string, unknown>;
    return [{ line: Number(line), column: String(column), message: String(message) }];
  });
}

/**
 * Bringing an existing basin in from a spreadsheet: a preview lists every problem row by row (nothing is written);
 * the import writes everything in one transaction, or nothing.
 */
export function useImportBasin(basinId: Ref<string | null>) {
  const { mutate } = useMutation(ImportBasinDataDocument, () => ({
    // Every figure of the basin may have changed.
    update: (cache) => {
      for (const fieldName of ['projects', 'advances', 'advancesFund', 'basinDashboard', 'networkDashboard']) {
        cache.evict({ id: 'ROOT_QUERY', fieldName });
      }
      cache.gc();
    },
  }));
  const report = ref<ImportReport | null>(null);
  /** The report is for this file: importing needs a clean preview of the very file chosen. */
  const reportedFile = ref<File | null>(null);
  const error = ref<ErrorInfo | null>(null);
  const pending = ref<'preview' | 'import' | null>(null);
  const message = computed(() => (error.value ? messageFor(error.value) : null));

  async function run(file: File, dryRun: boolean): Promise<boolean> {
    if (!basinId.value || pending.value) return false;
    error.value = null;
    pending.value = dryRun ? 'preview' : 'import';
    try {
      const contentBase64 = await readAsBase64(file);
      const result = await mutate({ basinId: basinId.value, fileName: file.name, contentBase64, dryRun });
      report.value = result?.data?.importBasinData ?? null;
      reportedFile.value = file;
      return report.value !== null;
    } catch (err) {
      error.value = describeError(err);
      const rows = rejectedRows(error.value);
      report.value = rows.length > 0 ? { rows: 0, projects: 0, advances: 0, imported: false, errors: rows } : null;
      reportedFile.value = rows.length > 0 ? file : null;
      return false;
    } finally {
      pending.value = null;
    }
  }

  function reset(): void {
    report.value = null;
    reportedFile.value = null;
    error.value = null;
  }

  return {
    preview: (file: File) => run(file, true),
    importFile: (file: File) => run(file, false),
    reset,
    report,
    reportedFile,
    pending,
    message,
  };
}
