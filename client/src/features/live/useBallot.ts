import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMutation } from '@vue/apollo-composable';
import { CloseBallotDocument, OpenBallotDocument, type OpenBallotInput, type VoteChoice } from '@/gql/graphql';
import { messageFor } from '@/lib/errors';
import { refreshLiveSession, useAction } from './useAction';
import { castOrKeep, isWaiting, lateOutcome, type VoiceRef } from './voteQueue';

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
 * Casting one voice (the viewer's own, or one they carry by proxy; `voice` names it, for the state shown beside the
 * buttons). Each click gets a new idempotency key. When the server cannot be reached the vote is kept and shown as
 * waiting, then sent again with the same key when the live connection is back (voteQueue.ts), so it counts once
 * whether or not the first request had arrived; if the ballot closed in the meantime, the voter is told. Every
 * screen, the voter's own included, sees the vote through the live view (the voter's voices in their own part of it).
 */
export function useCastVote(voice?: () => VoiceRef) {
  const { t } = useI18n();
  const action = useAction();
  const lastChoice = ref<VoteChoice | null>(null);

  async function cast(ballotId: string, choice: VoteChoice, onBehalfOfId: string | null = null): Promise<boolean> {
    const vote = { ballotId, choice, onBehalfOfId, idempotencyKey: newIdempotencyKey() };
    let counted = false;
    const done = await action.run(async () => {
      counted = await castOrKeep(vote);
    });
    if (done && counted) lastChoice.value = choice;
    return done && counted;
  }

  /** A vote clicked while the server could not be reached, not counted yet. */
  const waiting = computed(() => (voice ? isWaiting(voice()) : false));
  const message = computed(() => {
    const late = voice ? lateOutcome(voice()) : null;
    if (late?.kind === 'closedBeforeSent') return t('ballot.closedBeforeSent');
    if (late?.kind === 'refused') return messageFor(late.error);
    return action.message.value;
  });

  return { cast, pending: action.pending, message, lastChoice, waiting };
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
