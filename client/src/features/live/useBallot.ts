import { ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import {
  CastVoteDocument,
  CloseBallotDocument,
  OpenBallotDocument,
  type OpenBallotInput,
  type VoteChoice,
} from '@/gql/graphql';
import { isNetworkFailure } from '@/lib/errors';
import { refreshLiveSession, useAction } from './useAction';

/** Further tries of a vote whose request got no answer, and the wait before each. */
const VOTE_RETRY_DELAYS_MS = [500, 1_000, 2_000] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A fresh key for one click. `crypto.randomUUID` exists only in secure contexts (https, localhost); a committee
 * room reaching the server over plain http on its own network gets the same kind of key from random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Casting one voice (the viewer's own, or one they carry by proxy). Each click gets a new idempotency key; when the
 * request gets no answer (network down, server restarting) it is sent again with the same key, up to three more
 * times, so the vote counts once whether or not the first request had reached the server. Every screen, the voter's
 * own included, sees it through the live view (the voter's voices in their own part of it); when the live connection
 * is down, the live query is fetched again once the vote has counted.
 */
export function useCastVote() {
  const action = useAction();
  const lastChoice = ref<VoteChoice | null>(null);
  const { mutate } = useMutation(CastVoteDocument, refreshLiveSession);

  async function sendOnce(ballotId: string, choice: VoteChoice, idempotencyKey: string, onBehalfOfId: string | null) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await mutate({ input: { ballotId, choice, idempotencyKey, onBehalfOfId } });
      } catch (err) {
        const delay = VOTE_RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isNetworkFailure(err)) throw err;
        await sleep(delay);
      }
    }
  }

  async function cast(ballotId: string, choice: VoteChoice, onBehalfOfId: string | null = null): Promise<boolean> {
    const key = newIdempotencyKey();
    const done = await action.run(() => sendOnce(ballotId, choice, key, onBehalfOfId));
    if (done) lastChoice.value = choice;
    return done;
  }

  return { cast, pending: action.pending, message: action.message, lastChoice };
}

/** The chair opens a ballot on the current item (quorum needed) and closes it. */
export function useBallotControl() {
  const action = useAction();
  const { mutate: openMutation } = useMutation(OpenBallotDocument, refreshLiveSession);
  const { mutate: closeMutation } = useMutation(CloseBallotDocument, refreshLiveSession);
  return {
    openBallot: (itemId: string, input: OpenBallotInput) => action.run(() => openMutation({ itemId, input })),
    closeBallot: (ballotId: string) => action.run(() => closeMutation({ ballotId })),
    pending: action.pending,
    message: action.message,
  };
}
