import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { AppError, ErrorCode } from '../errors.js';

/** The shape limits of one GraphQL operation. Defaults, and why, in docs/DECISIONS.md ("Limits"). */
export interface QueryLimits {
  /** Tokens in the document, counted by graphql's own parser, which stops at the first one over. Default 2 000. */
  maxTokens: number;
  /** Deepest field nesting; a fragment adds no level of its own. Default 10. */
  maxDepth: number;
  /** Aliased fields in one operation, fragments expanded, `__typename` included. Default 15. */
  maxAliases: number;
  /**
   * Largest cost: the number of fields the answer can hold, each list counted at its `limit` argument (or the
   * default list size below). Default 100 000.
   */
  maxCost: number;
  /** Items assumed in a list that has no `limit` argument (a basin's organisations, a meeting's items…). Default 20. */
  defaultListSize: number;
}

/** Arguments that bound the length of the list a field returns (ours are `limit`; `first`/`last` for Relay's). */
const SIZE_ARGUMENTS = new Set(['limit', 'first', 'last']);
/** Introspection answers from memory: it is left to `introspection: false` in production, not counted here. */
const INTROSPECTION = new Set(['__schema', '__type']);

export interface OperationMeasure {
  /** Deepest field nesting; a fragment adds no level of its own. */
  depth: number;
  /** How many fields the answer can hold at most, each list counted at its `limit` (or the default list size). */
  cost: number;
}

type Measure = OperationMeasure;

/**
 * Measures one operation, fragments expanded: its depth and its cost. Each fragment is measured once
 * (a fragment spread twice does not double the work, whatever the nesting), and a cycle of fragments (refused by
 * graphql's own rule) is cut. `variables` gives the `limit` of lists; without them a variable `limit` counts at its
 * default, or at the default list size.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | undefined | null,
  limits: Pick<QueryLimits, 'defaultListSize'>,
  variables: Record<string, unknown> | null = null,
): OperationMeasure {
  const memo = new Map<string, Measure>();
  const visiting = new Set<string>();

  /** The `limit` (or `first`/`last`) a field is asked with: a literal, a variable, or the defaults. */
  const sizeOf = (node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): number | null => {
    const definition = field?.args.find((a) => SIZE_ARGUMENTS.has(a.name));
    if (!definition) return null;
    const argument = node.arguments?.find((a) => a.name.value === definition.name);
    let value: unknown = definition.defaultValue;
    if (argument?.value.kind === Kind.VARIABLE) {
      const name = argument.value.name.value;
      const declared = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
      if (variables && variables[name] !== undefined && variables[name] !== null) value = variables[name];
      else if (declared) value = valueFromAST(declared, definition.type);
    } else if (argument) {
      value = valueFromAST(argument.value, definition.type);
    }
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : null;
  };

  /** `pageSize`: the `limit` of the field above, for the list it holds (`meetings(limit: 5) { items }`). */
  const selectionSet = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | null,
    pageSize: number | null,
  ): Measure => {
    const total: Measure = { depth: 0, cost: 0 };
    const add = (part: Measure) => {
      total.depth = Math.max(total.depth, part.depth);
      total.cost += part.cost;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        add(fieldMeasure(selection, parent, pageSize));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(selectionSet(selection.selectionSet, type && isCompositeType(type) ? type : null, pageSize));
      } else {
        add(fragmentMeasure(selection.name.value, pageSize));
      }
    }
    return total;
  };

  const fragmentMeasure = (name: string, pageSize: number | null): Measure => {
    const key = `${name}:${pageSize ?? ''}`;
    const known = memo.get(key);
    if (known) return known;
    const fragment = fragments(name);
    if (!fragment || visiting.has(name)) return { depth: 0, cost: 0 };
    visiting.add(name);
    const type = schema.getType(fragment.typeCondition.name.value);
    const measure = selectionSet(fragment.selectionSet, type && isCompositeType(type) ? type : null, pageSize);
    visiting.delete(name);
    memo.set(key, measure);
    return measure;
  };

  const fieldMeasure = (node: FieldNode, parent: GraphQLCompositeType | null, pageSize: number | null): Measure => {
    if (INTROSPECTION.has(node.name.value)) return { depth: 1, cost: 1 };
    const field =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    if (!node.selectionSet) return { depth: 1, cost: 1 };
    const type = field ? getNullableType(field.type) : null;
    const size = sizeOf(node, field);
    const isList = type !== null && isListType(type);
    const multiplier = isList ? (size ?? pageSize ?? limits.defaultListSize) : 1;
    const named = field ? getNamedType(field.type) : null;
    const below = selectionSet(node.selectionSet, named && isCompositeType(named) ? named : null, isList ? null : size);
    return { depth: below.depth + 1, cost: 1 + below.cost * multiplier };
  };

  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return selectionSet(operation.selectionSet, rootType ?? null, null);
}

const describe = (operation: OperationDefinitionNode) =>
  operation.name ? `"${operation.name.value}"` : 'This operation';

/**
 * The validation rule for what the document alone decides, depth and aliases: given to Apollo's `validationRules`
 * and to the websocket's validation, so both transports refuse the same documents.
 */
export function documentLimitsRule(limits: QueryLimits): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const measure = measureOperation(context.getSchema(), operation, (name) => context.getFragment(name), limits);
      if (measure.depth > limits.maxDepth) {
        context.reportError(
          new AppError(
            ErrorCode.QUERY_TOO_DEEP,
            `${describe(operation)} is ${measure.depth} fields deep; the limit is ${limits.maxDepth}`,
            {
              depth: measure.depth,
              maxDepth: limits.maxDepth,
            },
          ),
        );
      }
      const aliases = countAliases(operation, (name) => context.getFragment(name));
      if (aliases > limits.maxAliases) {
        context.reportError(
          new AppError(
            ErrorCode.QUERY_TOO_COMPLEX,
            `${describe(operation)} has ${aliases} aliases; the limit is ${limits.maxAliases}`,
            {
              aliases,
              maxAliases: limits.maxAliases,
            },
          ),
        );
      }
      return false;
    },
  });
}

/** Aliases written in the operation and the fragments it uses, each fragment counted once per spread. */
function countAliases(
  operation: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | undefined | null,
): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total += 1;
        if (selection.selectionSet) total += count(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          const fragment = fragments(name);
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          memo.set(name, count(fragment.selectionSet));
          visiting.delete(name);
        }
        total += memo.get(name) ?? 0;
      }
    }
    return total;
  };
  return count(operation.selectionSet);
}

/**
 * The cost check, which needs the variables (`limit: $limit`): run once the operation is known, on every request
 * (Apollo caches validated documents, so a validation rule would not see the next request's variables).
 */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
  extensions: Record<string, unknown> = {},
): AppError | null {
  const fragments = new Map(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const { cost } = measureOperation(schema, operation, (name) => fragments.get(name), limits, variables ?? {});
  if (cost <= limits.maxCost) return null;
  return new AppError(
    ErrorCode.QUERY_TOO_COMPLEX,
    `${describe(operation)} could return ${Math.round(cost)} fields; the limit is ${limits.maxCost}: ask for fewer fields or smaller pages`,
    { cost: Math.round(cost), maxCost: limits.maxCost, ...extensions },
  );
}
