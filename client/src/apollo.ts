import { ApolloClient, HttpLink, InMemoryCache, from, split } from '@apollo/client/core';
import { onError } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { computed, readonly, ref } from 'vue';
import { currentLocale } from '@/i18n';
import { liveVersions } from '@/lib/liveVersions';

// @vue/apollo-composable 4 still calls APIs that Apollo Client 3.14 marks for removal in 4.0 (which the composables
// do not support yet): their deprecation warnings say nothing we can act on.
(globalThis as Record<symbol, unknown>)[Symbol.for('apollo.deprecations')] = true;

/** What the live connection (the websocket that carries subscriptions) is doing, as shown in the header. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Seconds of silence after a ping before the socket is considered dead and replaced. */
const PONG_TIMEOUT_MS = 5_000;
/** How often the client pings the server, so that a frozen socket is noticed. */
const KEEP_ALIVE_MS = 15_000;
/** Longest wait between two reconnection attempts. */
const MAX_RETRY_DELAY_MS = 15_000;

const socketState = ref<'connecting' | 'connected' | 'reconnecting'>('connecting');
const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
let everConnected = false;
let activeSocket: WebSocket | null = null;
/** Set by `restartLiveConnection`: the next reconnection is wanted, not a recovery from a failure. */
let restartRequested = false;

/** The live connection's state, for the header indicator (the browser's own offline state wins). */
export const connectionStatus = readonly(
  computed<ConnectionStatus>(() => (browserOnline.value ? socketState.value : 'offline')),
);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const waitForOnline = () =>
  new Promise<void>((resolve) => {
    if (navigator.onLine) return resolve();
    window.addEventListener('online', () => resolve(), { once: true });
  });

/**
 * Exponential backoff with jitter, capped; while the browser is offline we do not hammer the server but wait for the
 * `online` event, then try again almost at once.
 */
async function retryWait(retries: number): Promise<void> {
  if (restartRequested) {
    // We closed the socket ourselves (signing in or out): open the new one at once.
    restartRequested = false;
    return;
  }
  if (!navigator.onLine) {
    await waitForOnline();
    await sleep(300 + Math.random() * 700);
    return;
  }
  const ceiling = Math.min(1_000 * 2 ** retries, MAX_RETRY_DELAY_MS);
  await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
}

const wsUrl = () => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;

let pongTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The websocket client. Not lazy: the connection stays up while the app is open, so the status indicator tells
 * the truth and a reconnect can refresh every screen. The session cookie rides along (same origin); only the
 * interface language is sent at connection time.
 */
export const wsClient = createClient({
  url: wsUrl,
  lazy: false,
  retryAttempts: Infinity,
  shouldRetry: () => true,
  retryWait,
  keepAlive: KEEP_ALIVE_MS,
  // the live views this page shows already: after a reconnect the server sends only what they missed
  connectionParams: () => ({ locale: currentLocale(), liveVersions: liveVersions() }),
  onNonLazyError: () => {
    // A fatal close (bad request, unauthorised subprotocol…): subscriptions reconnect on their own when used.
    socketState.value = 'reconnecting';
  },
  on: {
    connecting: (isRetry) => {
      socketState.value = isRetry || everConnected ? 'reconnecting' : 'connecting';
    },
    opened: (socket) => {
      activeSocket = socket instanceof WebSocket ? socket : null;
    },
    connected: () => {
      const isReconnect = everConnected;
      everConnected = true;
      socketState.value = 'connected';
      // Events may have been missed while we were away: the queries on screen are the truth, fetch them again —
      // except a live session's, whose subscription catches up by itself from the version it shows.
      if (isReconnect)
        void apolloClient.refetchQueries({
          include: 'active',
          onQueryUpdated: (query) => query.queryName !== 'LiveMeeting',
        });
    },
    ping: (received) => {
      if (received) return;
      clearTimeout(pongTimer);
      pongTimer = setTimeout(() => {
        if (activeSocket?.readyState === WebSocket.OPEN) activeSocket.close(4408, 'Pong timeout');
      }, PONG_TIMEOUT_MS);
    },
    pong: (received) => {
      if (received) clearTimeout(pongTimer);
    },
    closed: () => {
      activeSocket = null;
      clearTimeout(pongTimer);
      socketState.value = everConnected ? 'reconnecting' : 'connecting';
    },
  },
});

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => {
    browserOnline.value = false;
  });
  window.addEventListener('online', () => {
    browserOnline.value = true;
    // The socket may have died silently while the network was away: replace it rather than wait for a ping.
    if (socketState.value === 'connected') restartLiveConnection();
  });
}

/** True while the live connection is up: live screens then get every change pushed. */
export const isLiveConnected = (): boolean => socketState.value === 'connected';

/**
 * Drops the websocket and opens a new one. Called after signing in or out: the server reads the session cookie when
 * the socket connects, so a socket opened before the change would still speak for the previous person.
 */
export function restartLiveConnection(): void {
  restartRequested = true;
  wsClient.terminate();
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The router registers what to do when the server says the session is gone (sign-in page, back here after). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

const httpLink = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });
const wsLink = new GraphQLWsLink(wsClient);

/** Operations that legitimately run without a session and must not bounce to the sign-in page. */
const PUBLIC_OPERATIONS = new Set(['Me', 'SignIn', 'SignOut', 'AcceptInvitation']);

const sessionLink = onError(({ graphQLErrors, operation }) => {
  if (PUBLIC_OPERATIONS.has(operation.operationName)) return;
  if (graphQLErrors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
});

const transportLink = split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  wsLink,
  httpLink,
);

export const apolloClient = new ApolloClient({
  link: from([sessionLink, transportLink]),
  cache: new InMemoryCache({
    typePolicies: {
      // Pages and the viewer have no id: they live inside the query field that asked for them.
      MeetingPage: { merge: false },
      ProjectPage: { merge: false },
      MembershipPage: { merge: false },
      OrganisationPage: { merge: false },
      AdvancePage: { merge: false },
      FollowUpPage: { merge: false },
      Viewer: { merge: true },
      // Figures without an id live inside the query that asked for them; a new answer replaces the old one whole.
      BasinDashboard: { merge: false },
      AdvanceFigures: { merge: false },
      AdvancesFund: { merge: false },
      NetworkDashboard: { merge: false },
      PartnerLedger: { merge: false },
      FollowUp: { merge: false },
      FollowUpSlot: { merge: false },
      // The agenda and the live state come back whole after each change: the new lists replace the old ones.
      Meeting: {
        fields: {
          items: { merge: false },
          committee: { merge: false },
          connectedPeople: { merge: false },
          hands: { merge: false },
          quorum: { merge: false },
        },
      },
      AgendaItem: { fields: { conflicts: { merge: false }, coverage: { merge: false } } },
      Ballot: { fields: { tally: { merge: false }, namedVotes: { merge: false } } },
      MyLiveMeeting: { fields: { voices: { merge: false } } },
      DiagnosisPaper: { fields: { versions: { merge: false } } },
      Project: { fields: { needs: { merge: false }, pledges: { merge: false } } },
      // A repayment or a rescheduling rewrites the schedule: the new list replaces the old one.
      Advance: { fields: { instalments: { merge: false }, repayments: { merge: false } } },
      Organisation: { fields: { people: { merge: false } } },
    },
  }),
  devtools: { enabled: import.meta.env.DEV },
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'none' },
  },
});
