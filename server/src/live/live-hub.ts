import { createHash } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  execute,
  getArgumentValues,
  getOperationAST,
  print,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { EntityManager } from '@mikro-orm/core';
import jsonPatch from 'fast-json-patch';
import type { App } from '../app-services.js';
import type { Context, Viewer } from '../context.js';
import type { MeetingEventPayload } from '../pubsub.js';
import { AppError, ErrorCode } from '../errors.js';
import { Person } from '../person/person.entity.js';
import { readableMeeting } from '../meeting/meeting.access.js';
import { committeeSeats } from '../meeting/live-session.service.js';
import { CONNECTIONS, publishLiveChange } from './live-changes.js';
import { LiveState } from './live-data.js';
import { LatestChannel } from './channel.js';
import { Screen, type ViewPatch } from './screen.js';

/** The subscription fields the hub serves itself (see {@link LiveHub.route}). */
export const SHARED_FIELD = 'liveMeeting';
export const PERSONAL_FIELD = 'myLiveMeeting';

/**
 * Fields whose value depends on who asks, not only on their role: a shared view must not select them (they travel
 * in the personal view, to their owner only).
 */
export const PERSONAL_FIELDS = new Set(['AgendaItem.myNote', 'Ballot.myVoices', 'Basin.myRoles', 'Meeting.myLive']);

/** Options of the hub, with their defaults. */
export interface LiveHubOptions {
  /**
   * What a screen may see of a failed execution's errors (the same masking as every other answer). Default: the
   * result as it is.
   */
  mask?: (result: ExecutionResult) => unknown;
  /** Arrivals and departures within this window are pushed as one presence change. Default 150 ms. */
  presenceWindowMs?: number;
  /** How often a meeting with screens checks its version, in case an event was lost on the way. Default 10 s. */
  pollMs?: number;
}

/**
 * A large audience hears of arrivals and departures at most this often (a webcast of thousands joining must not
 * send thousands of views to thousands of screens); what matters to it arrives at once.
 */
const connectionsInterval = (screens: number): number => (screens <= 100 ? 0 : Math.min(1_000, screens / 2));

/** The id of the synthetic person a shared view is computed for: it owns nothing, votes nowhere. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Live meetings on this instance. Screens subscribe to a meeting's view with the client's own document; screens
 * that ask the same document of the same meeting, with the same rights (their audience), form a cohort. After
 * every committed change of the meeting, each cohort executes its document once — for a synthetic viewer holding
 * the audience's roles and nobody's personal data — serialises the result once, and every socket of the cohort
 * gets the same bytes. A personal view (one's voices, one's note) is executed per person, only when a change
 * concerns them, and sent only when it changed.
 *
 * Every instance computes the views of its own screens: the change itself reaches all of them through the bus,
 * and computing where the sockets are keeps the bus small and an instance independent of the others.
 */
export class LiveHub {
  private readonly rooms = new Map<string, Room>();
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly app: App,
    private readonly schema: GraphQLSchema,
    private readonly options: LiveHubOptions = {},
  ) {}

  /**
   * graphql-ws's `subscribe`: the live fields are served here, anything else by graphql's own subscribe.
   * Returns null when the operation is not a live one.
   */
  route(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> | null {
    const operation = getOperationAST(args.document, args.operationName);
    const field = operation?.selectionSet.selections[0];
    if (!operation || operation.selectionSet.selections.length !== 1 || field?.kind !== Kind.FIELD) return null;
    if (field.name.value !== SHARED_FIELD && field.name.value !== PERSONAL_FIELD) return null;
    return this.subscribe(args, operation, field.name.value).catch((error: unknown) => ({
      errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))],
    }));
  }

  /** A presence change: coalesced per meeting over a short window, then one version and one event for all. */
  presenceChanged(meetingId: string): void {
    if (this.closed || this.presenceTimers.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(meetingId);
      if (this.closed) return;
      void publishLiveChange(this.app, this.app.orm.em.fork(), {
        meetingId,
        kind: 'PRESENCE',
        subjectId: CONNECTIONS,
      }).catch((error) => this.app.logger.error('presence change not published', { meetingId, error: String(error) }));
    }, this.options.presenceWindowMs ?? 150);
    timer.unref();
    this.presenceTimers.set(meetingId, timer);
  }

  /** How many cohorts and subscribers this instance serves (tests, metrics). */
  stats(): {
    rooms: number;
    cohorts: number;
    shared: number;
    personal: number;
    executions: number;
    executionMs: number;
  } {
    let cohorts = 0;
    let shared = 0;
    let personal = 0;
    let executions = 0;
    let executionMs = 0;
    for (const room of this.rooms.values()) {
      cohorts += room.cohorts.size;
      for (const cohort of room.cohorts.values()) shared += cohort.size;
      personal += room.personals.size;
      executions += room.executions;
      executionMs += room.executionMs;
    }
    return {
      rooms: this.rooms.size,
      cohorts,
      shared,
      personal,
      executions: executions + this.finishedExecutions,
      executionMs: Math.round(executionMs + this.finishedExecutionMs),
    };
  }

  private finishedExecutions = 0;
  private finishedExecutionMs = 0;

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    this.presenceTimers.clear();
    await Promise.all([...this.rooms.values()].map((room) => room.close()));
    this.rooms.clear();
  }

  private async subscribe(
    args: ExecutionArgs,
    operation: OperationDefinitionNode,
    fieldName: string,
  ): Promise<AsyncIterable<ExecutionResult>> {
    const ctx = args.contextValue as Context;
    if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Please sign in');
    const fieldDef = this.schema.getSubscriptionType()?.getFields()[fieldName];
    const fieldNode = operation.selectionSet.selections[0];
    if (!fieldDef || fieldNode?.kind !== Kind.FIELD) throw new Error('live field missing');
    const values = getArgumentValues(fieldDef, fieldNode, args.variableValues ?? {});
    const meetingId = String(values.meetingId);
    const meeting = await readableMeeting(ctx, meetingId);
    const room = this.room(meetingId, meeting.basin.id);
    const viewer = ctx.viewer;
    if (fieldName === PERSONAL_FIELD) {
      const seated = (await committeeSeats(ctx.em, meeting.basin.id)).some((s) => s.personId === viewer.person.id);
      // a live view lasts as long as the screen: it keeps its context, not what was read to set it up
      ctx.em.clear();
      return room.personal(args, ctx, seated);
    }
    const personal = this.described(args.document).personal;
    if (personal) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `${personal} is personal: ask for it in myLiveMeeting`, {
        fields: { [personal]: 'personal' },
      });
    }
    // what the screen shows already: the newer of the subscription's own word and the connection's (a reconnect
    // sends the subscription again as it first was, but the connection with the versions shown now)
    const since = Math.max(typeof values.since === 'number' ? values.since : -1, ctx.liveVersions?.[meetingId] ?? -1);
    const audience = audienceOf(viewer, meeting.basin.id);
    if (!ctx.liveSocket) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Live views are served over a websocket');
    const { since: _ignored, ...shape } = (args.variableValues ?? {}) as Record<string, unknown>;
    const key = createHash('sha256')
      .update(this.described(args.document).text)
      .update('\0')
      .update(args.operationName ?? '')
      .update('\0')
      .update(JSON.stringify(shape))
      .update('\0')
      .update(audience)
      .update('\0')
      .update(ctx.locale)
      .digest('base64url');
    const screen = new Screen(ctx.liveSocket.socket, ctx.liveSocket.operationId, since);
    room.join(key, screen, () => ({
      patches: this.described(args.document).patches,
      document: args.document,
      operationName: args.operationName ?? null,
      variableValues: args.variableValues ?? {},
      context: () => audienceContext(this.app, ctx, viewer, meeting.basin.id, room.state),
    }));
    // a live view lasts as long as the screen: it keeps its context, not what was read to set it up
    ctx.em.clear();
    // a live view open on a screen is a live connection: its person is "connected" until it ends
    const leave = await this.app.presence.join(meetingId, viewer.person.id);
    this.presenceChanged(meetingId);
    screen.onClose(() => {
      void leave().then(() => this.presenceChanged(meetingId));
    });
    return screen;
  }

  /** What the hub needs of a document, once per document (the websocket limits keep one per query text). */
  private readonly documents = new WeakMap<DocumentNode, Described>();
  private described(document: DocumentNode): Described {
    let described = this.documents.get(document);
    if (!described) {
      described = { text: print(document), ...fieldsOf(this.schema, document) };
      this.documents.set(document, described);
    }
    return described;
  }

  private room(meetingId: string, basinId: string): Room {
    let room = this.rooms.get(meetingId);
    if (!room) {
      room = new Room(
        this.app,
        this.schema,
        meetingId,
        basinId,
        this.options.pollMs ?? 10_000,
        this.options.mask ?? ((result) => result),
        () => {
          this.finishedExecutions += room!.executions;
          this.finishedExecutionMs += room!.executionMs;
          this.rooms.delete(meetingId);
        },
      );
      this.rooms.set(meetingId, room);
    }
    return room;
  }
}

/**
 * What a viewer may see of a basin's live meetings depends on their roles there (and on being the national head),
 * never on who they are: screens with the same roles share one view.
 */
export function audienceOf(viewer: Viewer, basinId: string): string {
  const roles = [...new Set(viewer.grants.filter((g) => g.basinId === basinId).map((g) => g.role))].sort();
  return [...roles, ...(viewer.person.isNetworkHead ? ['NETWORK_HEAD'] : [])].join('+');
}

/**
 * A context that has the audience's rights and nobody's identity, reading from the room's kept state of the
 * meeting when there is one (else from a fresh entity manager).
 */
export function audienceContext(app: App, like: Context, viewer: Viewer, basinId: string, state?: LiveState): Context {
  const em = app.orm.em.fork();
  // merged, not created: the room's entity manager keeps one, whatever the number of executions
  const nobody = em.merge(
    Person,
    {
      id: NOBODY,
      email: 'nobody@agrement.invalid',
      firstName: '',
      lastName: '',
      isNetworkHead: viewer.person.isNetworkHead,
    },
    { refresh: true },
  );
  return {
    em,
    app,
    ip: like.ip,
    transport: 'ws',
    locale: like.locale,
    liveState: state,
    viewer: {
      person: nobody,
      sessionId: '',
      expiresAt: viewer.expiresAt,
      grants: viewer.grants.filter((g) => g.basinId === basinId).map((g) => ({ ...g, organisationId: null })),
    },
  };
}

/** What the hub reads of a live document once. */
interface Described {
  text: string;
  /** The first personal field it selects, as `Type.field`, or null. */
  personal: string | null;
  /** It selects the update's `patch` and `base` (unaliased, as `meeting` is): its screens take patches. */
  patches: boolean;
}

function fieldsOf(schema: GraphQLSchema, document: DocumentNode): Omit<Described, 'text'> {
  const typeInfo = new TypeInfo(schema);
  let personal: string | null = null;
  const update = new Set<string>();
  let aliased = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const coordinate = parent ? `${parent.name}.${node.name.value}` : null;
        if (!personal && coordinate && PERSONAL_FIELDS.has(coordinate)) personal = coordinate;
        if (coordinate === `Subscription.${SHARED_FIELD}` && node.alias) aliased = true;
        if (parent?.name === 'LiveMeetingUpdate') {
          update.add(node.name.value);
          if (node.alias) aliased = true;
        }
      },
    }),
  );
  return { personal, patches: !aliased && update.has('patch') && update.has('base') && update.has('meeting') };
}

interface CohortSpec {
  /** The document takes patches (see {@link Described.patches}). */
  patches: boolean;
  document: DocumentNode;
  operationName: string | null;
  variableValues: Record<string, unknown>;
  context: () => Context;
}

/** One meeting on this instance: its cohorts, its personal views, and its subscription to the meeting's events. */
class Room {
  readonly cohorts = new Map<string, Cohort>();
  readonly personals = new Set<Personal>();
  /** The meeting as the shared views read it, kept and refreshed part by part after each change. */
  readonly state: LiveState;
  executions = 0;
  executionMs = 0;
  private readonly events: AsyncIterator<MeetingEventPayload>;
  private readonly poll: NodeJS.Timeout;
  private version = -1;
  private ended = false;

  constructor(
    private readonly app: App,
    readonly schema: GraphQLSchema,
    readonly meetingId: string,
    readonly basinId: string,
    pollMs: number,
    readonly mask: (result: ExecutionResult) => unknown,
    private readonly onEmpty: () => void,
  ) {
    this.state = new LiveState(() => app.orm.em.fork(), meetingId);
    this.events = app.pubSub.subscribe('MEETING', meetingId)[Symbol.asyncIterator]();
    void this.listen();
    this.poll = setInterval(() => void this.check(), pollMs);
    this.poll.unref();
  }

  join(key: string, screen: Screen, spec: () => CohortSpec): void {
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      cohort = new Cohort(this, spec());
      this.cohorts.set(key, cohort);
    }
    const joined = cohort;
    screen.onClose(() => {
      joined.leave(screen);
      if (joined.size === 0) this.cohorts.delete(key);
      this.maybeEnd();
    });
    cohort.add(screen);
  }

  personal(args: ExecutionArgs, ctx: Context, seated: boolean): LatestChannel<ExecutionResult> {
    const personal = new Personal(this, args, ctx, seated);
    this.personals.add(personal);
    personal.channel.onClose(() => {
      this.personals.delete(personal);
      this.maybeEnd();
    });
    void personal.refresh();
    return personal.channel;
  }

  /** Runs the view's document once, and counts it (and the time it took, wall clock, for `/metrics`). */
  async execute(spec: Omit<CohortSpec, 'context' | 'patches'>, contextValue: Context): Promise<ExecutionResult> {
    this.executions += 1;
    const started = performance.now();
    try {
      return (await execute({
        schema: this.schema,
        document: spec.document,
        operationName: spec.operationName,
        variableValues: spec.variableValues,
        contextValue,
      })) as ExecutionResult;
    } finally {
      this.executionMs += performance.now() - started;
    }
  }

  /** The meeting's live version now (the safety poll's only statement). */
  async currentVersion(): Promise<number> {
    const em: EntityManager = this.app.orm.em.fork();
    const rows = (await em
      .getConnection()
      .execute('select live_version from meeting where id = ?', [this.meetingId])) as { live_version: unknown }[];
    return Number(rows[0]?.live_version ?? 0);
  }

  async close(): Promise<void> {
    this.ended = true;
    clearInterval(this.poll);
    await this.events.return?.();
  }

  failed(error: unknown): void {
    this.app.logger.error('live view not computed', { meetingId: this.meetingId, error: String(error) });
  }

  private maybeEnd(): void {
    if (this.cohorts.size || this.personals.size || this.ended) return;
    void this.close();
    this.onEmpty();
  }

  private async listen(): Promise<void> {
    for (;;) {
      const next = await this.events.next().catch(() => ({ done: true as const, value: undefined }));
      if (next.done || this.ended) return;
      this.changed(next.value);
    }
  }

  private changed(event: Pick<MeetingEventPayload, 'version' | 'affects' | 'kind' | 'subjectId'>): void {
    this.version = Math.max(this.version, event.version);
    this.state.changed(event);
    const connectionsOnly = event.kind === 'PRESENCE' && event.subjectId === CONNECTIONS;
    for (const cohort of this.cohorts.values()) {
      if (connectionsOnly) cohort.refreshSoon();
      else void cohort.refresh();
    }
    for (const personal of this.personals) {
      const concerned = event.affects === 'SEATS' ? personal.seated : event.affects.includes(personal.personId);
      if (concerned) void personal.refresh();
    }
  }

  /** A safety net for a lost event: when the version moved without us hearing of it, everything is recomputed. */
  private async check(): Promise<void> {
    try {
      const version = await this.currentVersion();
      if (version > this.version) this.changed({ version, affects: 'SEATS', kind: 'MEETING', subjectId: null });
    } catch {
      // the next poll tries again
    }
  }
}

/** Screens of one meeting asking the same document with the same rights: one execution per change for all. */
class Cohort {
  private readonly screens = new Set<Screen>();
  /** The latest view sent: its bytes, version and content (without the version), and the view itself for patches. */
  private latest: { bytes: Buffer; version: number; content: string; view: unknown } | null = null;
  private running = false;
  private dirty = false;
  private soon: NodeJS.Timeout | null = null;
  private lastRun = 0;

  constructor(
    private readonly room: Room,
    private readonly spec: CohortSpec,
  ) {}

  get size(): number {
    return this.screens.size;
  }

  /** Arrivals and departures: at once for a committee, at most every second or so for a crowd. */
  refreshSoon(): void {
    const interval = connectionsInterval(this.screens.size);
    const wait = this.lastRun + interval - performance.now();
    if (wait <= 0) {
      void this.refresh();
      return;
    }
    this.soon ??= setTimeout(() => {
      this.soon = null;
      void this.refresh();
    }, wait);
    this.soon.unref();
  }

  add(screen: Screen): void {
    this.screens.add(screen);
    // catch-up: the view as it is now, unless the screen has it already (a run under way sends any newer one)
    if (this.latest) screen.show(this.latest.version, this.latest.bytes);
    else void this.refresh();
  }

  leave(screen: Screen): void {
    this.screens.delete(screen);
    if (this.screens.size === 0) {
      this.latest = null;
      if (this.soon) clearTimeout(this.soon);
      this.soon = null;
    }
  }

  private patchFrom(
    latest: Cohort['latest'],
    update: Record<string, unknown> | undefined,
    view: unknown,
    version: number,
  ): ViewPatch | null {
    return this.spec.patches ? viewPatch(latest, update, view, version) : null;
  }

  /** Recomputes the view; changes arriving meanwhile are folded into one more run after this one. */
  async refresh(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.dirty = false;
        this.lastRun = performance.now();
        const result = await this.room.execute(this.spec, this.spec.context());
        // the version the view was computed at comes with it, read with the meeting
        const update = result.data?.[SHARED_FIELD] as Record<string, unknown> | undefined;
        const version = Number(update?.version ?? -1);
        const content = JSON.stringify({ ...result, data: withoutVersion(result.data) });
        if (this.latest?.content === content && !result.errors) continue;
        // serialised once: every screen gets these same bytes in its envelope
        const bytes = Buffer.from(JSON.stringify(this.room.mask(result)));
        const view = !result.errors && update?.meeting ? update.meeting : null;
        const patch = this.patchFrom(this.latest, update, view, version);
        // Computed again at the version the screens show, and different: presence is read live and versioned a
        // moment later, and a change's event can arrive after a view already read what it changed. Every screen
        // then gets it whole, for the next patch starts from it.
        const again = this.latest !== null && version <= this.latest.version;
        this.latest = { bytes, version, content, view };
        for (const screen of this.screens) screen.show(version, bytes, patch, again);
      } while (this.dirty && this.screens.size > 0);
    } catch (error) {
      // the cohort stays: the next change tries again
      this.room.failed(error);
    } finally {
      this.running = false;
    }
  }
}

/**
 * The change from the latest view to this one as a JSON Patch (RFC 6902), serialised once, for the screens that show
 * the latest: a vote changes a count, not the 15 KB of the view. Arrays are compared index by index (a linear diff),
 * which is what a live view's lists (committee, agenda, connected people) do between two versions.
 */
function viewPatch(
  latest: { version: number; view: unknown } | null,
  update: Record<string, unknown> | undefined,
  view: unknown,
  version: number,
): ViewPatch | null {
  if (!latest?.view || !view || !update || version <= latest.version) return null;
  const patch = jsonPatch.compare(latest.view as object, view as object);
  const data = { [SHARED_FIELD]: { ...update, meeting: null, base: latest.version, patch } };
  return { base: latest.version, bytes: Buffer.from(JSON.stringify({ data })) };
}

/** The version is not content: a view that only moved its version is not sent again. */
function withoutVersion(data: ExecutionResult['data']): unknown {
  if (!data) return data;
  const field = data[SHARED_FIELD] as Record<string, unknown> | undefined;
  return field ? { ...data, [SHARED_FIELD]: { ...field, version: 0 } } : data;
}

/** One person's personal view of a meeting: executed for them alone, sent only when it changed. */
class Personal {
  readonly channel: LatestChannel<ExecutionResult>;
  readonly personId: string;
  private last: string | null = null;
  private running = false;
  private dirty = false;

  constructor(
    private readonly room: Room,
    private readonly args: ExecutionArgs,
    private readonly ctx: Context,
    readonly seated: boolean,
  ) {
    this.channel = new LatestChannel<ExecutionResult>();
    this.personId = ctx.viewer!.person.id;
  }

  async refresh(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.dirty = false;
        const context: Context = { ...this.ctx, em: this.ctx.app.orm.em.fork() };
        const result = await this.room.execute(
          {
            document: this.args.document,
            operationName: this.args.operationName ?? null,
            variableValues: this.args.variableValues ?? {},
          },
          context,
        );
        const content = JSON.stringify({ errors: result.errors, data: withoutPersonalVersion(result.data) });
        if (content === this.last) continue;
        this.last = content;
        this.channel.push(result);
      } while (this.dirty);
    } catch (error) {
      this.room.failed(error);
    } finally {
      this.running = false;
    }
  }
}

function withoutPersonalVersion(data: ExecutionResult['data']): unknown {
  if (!data) return data;
  const field = data[PERSONAL_FIELD] as Record<string, unknown> | undefined;
  return field ? { ...data, [PERSONAL_FIELD]: { ...field, version: 0 } } : data;
}
