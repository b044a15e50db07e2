import { computed, ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { ApolloError } from '@apollo/client/core';
import { print } from 'graphql';
import {
  AddAttachmentDocument,
  AttachmentRulesDocument,
  SaveDiagnosisVersionDocument,
  type DiagnosisVersionInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';

/** Saving a new version of a project's diagnosis paper; the project page fetches again to show it. */
export function useSaveDiagnosis(projectId: () => string) {
  const saving = useAction();
  const { mutate } = useMutation(SaveDiagnosisVersionDocument, {
    refetchQueries: ['Project'],
    awaitRefetchQueries: true,
  });
  const save = (input: DiagnosisVersionInput) => saving.run(() => mutate({ projectId: projectId(), input }));
  return { save, saving };
}

/** The size limit and accepted types of an attachment, as the server holds them. */
export function useAttachmentRules() {
  const { result } = useQuery(AttachmentRulesDocument, null, { fetchPolicy: 'cache-first' });
  return computed(() => result.value?.attachmentRules ?? null);
}

/** The operation's text, once: the upload sends it itself (see below). */
const ADD_ATTACHMENT = print(AddAttachmentDocument);

/**
 * Uploads a file to a version with its progress. The file travels inside the GraphQL mutation (base64, as the
 * contract says) but through XMLHttpRequest rather than Apollo: only XHR reports upload progress. The session
 * cookie goes with it, as with every request of the page.
 */
export function useAttachmentUpload(onDone: () => Promise<unknown> | void) {
  const progress = ref<number | null>(null);
  const error = ref<ErrorInfo | null>(null);
  const message = computed(() => (error.value ? messageFor(error.value) : null));

  const readBase64 = (file: File) =>
    new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsDataURL(file);
    });

  async function upload(versionId: string, file: File, mimeType: string): Promise<boolean> {
    error.value = null;
    progress.value = 0;
    try {
      const contentBase64 = await readBase64(file);
      const body = JSON.stringify({
        operationName: 'AddAttachment',
        query: ADD_ATTACHMENT,
        variables: { versionId, file: { fileName: file.name, mimeType, contentBase64 } },
      });
      const answer = await new Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[] }>(
        (resolve, reject) => {
          const xhr = new XMLHttpRequest();
          xhr.open('POST', '/graphql');
          xhr.withCredentials = true;
          xhr.setRequestHeader('content-type', 'application/json');
          xhr.upload.onprogress = (event) => {
            if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
          };
          xhr.onload = () => {
            try {
              resolve(JSON.parse(xhr.responseText));
            } catch {
              reject(new Error(`HTTP ${xhr.status}`));
            }
          };
          xhr.onerror = () => reject(new Error('network'));
          xhr.send(body);
        },
      );
      if (answer.errors?.length) {
        const first = answer.errors[0]!;
        const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        error.value = describeError(
          new ApolloError({ graphQLErrors: [{ message: first.message, extensions: { ...first.extensions, code } }] }),
        );
        return false;
      }
      progress.value = 100;
      await onDone();
      return true;
    } catch (err) {
      error.value = describeError(err);
      return false;
    } finally {
      window.setTimeout(() => (progress.value = null), 800);
    }
  }

  return { upload, progress, message };
}
