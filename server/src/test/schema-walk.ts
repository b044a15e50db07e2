import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { gql, type TestServer } from './harness.js';
import type { RecordKind } from './basin-records.js';

/*
 * Requests built from the schema itself, so that the access tests cover a new query, mutation or field as soon as
 * it exists.
 */

/** The server's schema, as a client sees it through introspection. */
export async function introspect(server: Pick<TestServer, 'url'>): Promise<GraphQLSchema> {
  const result = await gql<IntrospectionQuery>(server, getIntrospectionQuery());
  return buildClientSchema(result.data!);
}

/** Values for the required arguments of nested fields (e.g. `DiagnosisPaper.version(number:)`). */
const NESTED_ARGUMENTS: Record<string, string> = { Int: '1', 'Int!': '1', String: '""', 'String!': '""' };

/**
 * A selection of every field reachable from `type`, each object type at most once along a path (so that the
 * query is finite) and at most `depth` levels deep, with `__typename` on every object: what a curious client could
 * ask for in one request.
 */
export function everyPath(type: GraphQLObjectType, depth = 7, above: string[] = []): string {
  const parts = ['__typename'];
  const seen = [...above, type.name];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    const args = required.length
      ? `(${required.map((arg) => `${arg.name}: ${NESTED_ARGUMENTS[String(arg.type)] ?? 'null'}`).join(', ')})`
      : '';
    if (!isObjectType(named)) {
      parts.push(`${field.name}${args}`);
      continue;
    }
    if (depth <= 1 || seen.includes(named.name)) continue;
    parts.push(`${field.name}${args} { ${everyPath(named, depth - 1, seen)} }`);
  }
  return parts.join(' ');
}

/** Every object in a result, with the path that led to it. */
export function objectsIn(value: unknown, path = ''): { path: string; object: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectsIn(item, `${path}[${index}]`));
  if (!value || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  return [
    ...(typeof object.__typename === 'string' ? [{ path, object }] : []),
    ...Object.entries(object).flatMap(([key, inner]) => objectsIn(inner, path ? `${path}.${key}` : key)),
  ];
}

/** Which record an argument (or input field) of that name designates. */
export const ID_ARGUMENTS: Record<string, RecordKind> = {
  basinId: 'basin',
  organisationId: 'organisation',
  prescriberId: 'person',
  projectId: 'project',
  versionId: 'diagnosisVersion',
  meetingId: 'meeting',
  itemId: 'agendaItem',
  ballotId: 'ballot',
  advanceId: 'advance',
  signatureId: 'signature',
  personId: 'person',
  toPersonId: 'person',
  smeId: 'sme',
  decisionId: 'decision',
  contributionId: 'contribution',
  conventionId: 'triennialConvention',
  partnerId: 'conventionPartner',
  objectiveId: 'conventionObjective',
};

/** An argument named `id` designates the record the operation returns, except for these. */
export const ID_OF_OPERATION: Record<string, RecordKind> = {
  removeAgendaItem: 'agendaItem',
  moveAgendaItem: 'agendaItem',
};

export const KIND_OF_TYPE: Record<string, RecordKind> = {
  Basin: 'basin',
  Project: 'project',
  Meeting: 'meeting',
  AgendaItem: 'agendaItem',
  Advance: 'advance',
  Pledge: 'pledge',
  Organisation: 'organisation',
  Sme: 'sme',
  Contribution: 'contribution',
  TreasuryMovement: 'treasuryMovement',
  TriennialConvention: 'triennialConvention',
  ConventionPartner: 'conventionPartner',
  ConventionObjective: 'conventionObjective',
};

export interface Operation {
  root: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
}

export interface Call {
  name: string;
  root: Operation['root'];
  query: string;
  variables: Record<string, unknown>;
}

/** Whether an argument's type asks, somewhere among its required parts, for an id. */
function needsId(type: GraphQLInputType): boolean {
  if (!isNonNullType(type)) return false;
  const inner = type.ofType;
  if (isScalarType(inner)) return inner.name === 'ID';
  if (isInputObjectType(inner)) return Object.values(inner.getFields()).some((f) => needsId(f.type));
  return false;
}

/** Every root field (of `roots`) with a required id among its arguments (or its input's required fields). */
export function operationsTakingIds(
  schema: GraphQLSchema,
  roots: Operation['root'][] = ['query', 'mutation', 'subscription'],
): Operation[] {
  const all = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return all
    .filter(([root]) => roots.includes(root))
    .flatMap(([root, type]) =>
      Object.values(type?.getFields() ?? {})
        .filter((field) => field.args.some((arg) => needsId(arg.type)))
        .map((field) => ({ root, field })),
    );
}

/** A valid-looking value for a required argument, with `idOf` giving the id of each kind of record. */
function sample(
  operation: Operation,
  input: GraphQLArgument | GraphQLInputField,
  idOf: (kind: RecordKind) => string,
): unknown {
  const value = (type: GraphQLInputType, name: string): unknown => {
    if (isNonNullType(type)) return value(type.ofType, name);
    if (isListType(type)) return [];
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues()[0]!.value;
    if (isInputObjectType(named)) {
      return Object.fromEntries(
        Object.values(named.getFields())
          .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
          .map((f) => [f.name, value(f.type, f.name)]),
      );
    }
    switch (named.name) {
      case 'ID': {
        const returned = getNamedType(operation.field.type).name;
        const kind =
          name === 'id' ? (ID_OF_OPERATION[operation.field.name] ?? KIND_OF_TYPE[returned]) : ID_ARGUMENTS[name];
        if (!kind) throw new Error(`Map the id "${name}" of ${operation.field.name} in test/schema-walk.ts`);
        return idOf(kind);
      }
      case 'String':
        return /email/i.test(name) ? 'someone@example.test' : '2025-01-15';
      case 'DateTimeISO':
        return '2030-01-15T09:00:00.000Z';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      default:
        throw new Error(`No sample value for the scalar ${named.name}`);
    }
  };
  return value(input.type, input.name);
}

/**
 * The operation as a request: its required arguments filled (ids by `idOf`), selecting `__typename` of what it
 * returns — or, with `select`, whatever it gives for an object type.
 */
export function callOf(
  operation: Operation,
  idOf: (kind: RecordKind) => string,
  select: (type: GraphQLObjectType) => string = () => '__typename',
): Call {
  const args = operation.field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const variables = Object.fromEntries(args.map((arg) => [arg.name, sample(operation, arg, idOf)]));
  const list = (items: string[]) => (items.length ? `(${items.join(', ')})` : '');
  const definitions = list(args.map((arg) => `$${arg.name}: ${String(arg.type)}`));
  const passed = list(args.map((arg) => `${arg.name}: $${arg.name}`));
  const returned = getNamedType(operation.field.type);
  const selection = isObjectType(returned) ? `{ ${select(returned)} }` : '';
  const name = operation.field.name;
  return {
    name,
    root: operation.root,
    query: `${operation.root} ${definitions} { ${name}${passed} ${selection} }`,
    variables,
  };
}
