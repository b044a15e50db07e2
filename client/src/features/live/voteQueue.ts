import { reactive, watch } from 'vue';
import { apolloClient, connectionStatus, isLiveConnected } from '@/apollo';
import { CastVoteDocument, type VoteChoice } from '@/gql/graphql';
import { describeError, type ErrorInfo } from '@/lib/errors';
import { refreshLiveSession } from './useAction';

/** How often a vote still waiting is tried again while the live connection is up (a lost HTTP answer). */
const RETRY_MS = 3_000;

/** One voice: the viewer's own on a ballot (`onBehalfOfId` null), or one they carry by proxy. */
export interface VoiceRef {
  ballotId: string;
  onBehalfOfId: string | null;
}

interface WaitingVote extends VoiceRef {
  choice: VoteChoice;
  /** Chosen at the click, kept through every try: the vote counts once however many requests reach the server. */
  idempotencyKey: string;
}

/** What became of a vote that had to wait: refused when it finally reached the server (the ballot closed first…). */
export type LateOutcome = { kind: 'closedBeforeSent' } | { kind: 'refused'; error: ErrorInfo };

const voiceKey = (voice: VoiceRef) => `${voice.ballotId}:${voice.onBehalfOfId ?? ''}`;

/**
 * Votes clicked while the server could not be reached, by voice. They live for the page (a component that shows
 * the ballot may come and go), and leave when the server has answered.
 */
const waiting = reactive(new Map<string, WaitingVote>());
const outcomes = reactive(new Map<string, LateOutcome>());
const inFlight = new Set<string>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;

const send = (vote: WaitingVote) =>
  apolloClient.mutate({
    mutation: CastVoteDocument,
    variables: {
      input: {
        ballotId: vote.ballotId,
        choice: vote.choice,
        idempotencyKey: vote.idempotencyKey,
        onBehalfOfId: vote.onBehalfOfId,
      },
    },
    ...refreshLiveSession(),
  });

/**
 * Sends a vote; resolves once the server has counted it, or to `false` when it could not be reached: the vote then
 * waits (`isWaiting`) and is sent again, with the same key, when the live connection is back. Any other refusal is
 * thrown, as by a plain mutation.
 */
export async function castOrKeep(vote: WaitingVote): Promise<boolean> {
  const key = voiceKey(vote);
  outcomes.delete(key);
  waiting.delete(key); // a new click replaces a vote still waiting for this voice
  try {
    await send(vote);
    return true;
  } catch (err) {
    if (describeError(err).code !== 'NETWORK') throw err;
    waiting.set(key, vote);
    scheduleRetry();
    return false;
  }
}

/** Tries every waiting vote once; those the server still cannot be reached for keep waiting. */
async function flush(): Promise<void> {
  await Promise.all(
    [...waiting.entries()].map(async ([key, vote]) => {
      if (inFlight.has(key)) return;
      inFlight.add(key);
      try {
        await send(vote);
        if (waiting.get(key) === vote) waiting.delete(key);
      } catch (err) {
        const info = describeError(err);
        if (info.code === 'NETWORK' || waiting.get(key) !== vote) return;
        waiting.delete(key);
        outcomes.set(
          key,
          info.code === 'BALLOT_CLOSED' ? { kind: 'closedBeforeSent' } : { kind: 'refused', error: info },
        );
      } finally {
        inFlight.delete(key);
      }
    }),
  );
  if (waiting.size > 0) scheduleRetry();
}

function scheduleRetry(): void {
  clearTimeout(retryTimer);
  // While the live connection is down, its return (below) is the signal: the page then hears every change again.
  retryTimer = setTimeout(() => (isLiveConnected() ? void flush() : undefined), RETRY_MS);
}

watch(connectionStatus, (status) => {
  if (status === 'connected' && waiting.size > 0) void flush();
});

/** Whether this voice has a vote waiting for the network. */
export const isWaiting = (voice: VoiceRef): boolean => waiting.has(voiceKey(voice));

/** The choice waiting for this voice, if any. */
export const waitingChoice = (voice: VoiceRef): VoteChoice | null => waiting.get(voiceKey(voice))?.choice ?? null;

/** What became of this voice's waiting vote when it was refused on arrival, until the next click. */
export const lateOutcome = (voice: VoiceRef): LateOutcome | null => outcomes.get(voiceKey(voice)) ?? null;
