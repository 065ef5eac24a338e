import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import {
  DocumentNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLList,
  GraphQLSchema,
  isCompositeType,
  OperationDefinitionNode,
  validate,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { ComplexityEstimator, ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { AppError } from '../errors/app-errors';
import type { GraphqlLimits } from '../config/app-config';

export const MAX_QUERY_DEPTH = 10;

/** A root field costs at least one round trip to the database. */
export const ROOT_FIELD_COST = 10;

/**
 * The size assumed for a list without a `first` argument: lists bounded by the domain (stages,
 * channels, weeks). Lists bounded by data take `first` (see MAX_NESTED_LIST).
 */
export const ASSUMED_LIST_SIZE = 10;

/**
 * A field's cost: its own (a root field's round trip, a declared `complexity`, or 1 for an object)
 * plus its selection's cost times how many items it returns — `first` when it has that argument.
 * Scalars cost nothing: their parent has already been paid for.
 */
export const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs) => {
  const declared = field.extensions?.['complexity'];
  const isRoot = type.name === 'Query' || type.name === 'Mutation';
  const returns = getNullableType(field.type);
  if (!isCompositeType(getNamedType(returns))) return typeof declared === 'number' ? declared : 0;
  const own = typeof declared === 'number' ? declared : isRoot ? ROOT_FIELD_COST : 1;
  const first = typeof args['first'] === 'number' && args['first'] > 0 ? args['first'] : null;
  // A connection's edges are the page its field's `first` has already counted.
  const isPage = /(Connection|Page)$/.test(type.name);
  const items = first ?? (returns instanceof GraphQLList && !isPage ? ASSUMED_LIST_SIZE : 1);
  return own + items * childComplexity;
};

export const queryTooComplex = (message: string) =>
  new AppError('QUERY_TOO_COMPLEX', message, { http: { status: 400 } });

/**
 * Checks one operation against the limits before anything runs: depth, aliases, then cost.
 * Returns the cost, or throws QUERY_TOO_COMPLEX naming the limit.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: Pick<GraphqlLimits, 'maxCost' | 'maxAliases'>,
): number {
  let shapeErrors: readonly GraphQLError[];
  try {
    shapeErrors = validate(schema, document, [
      depthLimit(MAX_QUERY_DEPTH),
      maxAliasesRule({ n: limits.maxAliases, exposeLimits: true }),
    ]);
  } catch (error) {
    // Some rules throw their refusal rather than report it.
    if (!(error instanceof GraphQLError)) throw error;
    shapeErrors = [error];
  }
  if (shapeErrors.length > 0) {
    throw queryTooComplex(
      `${shapeErrors[0].message.replace(/^Syntax Error: /, '')} Split the request into smaller ones.`,
    );
  }
  const cost = getComplexity({
    schema,
    query: document,
    operationName: operation.name?.value,
    variables,
    estimators: [fieldCost],
  });
  if (cost > limits.maxCost) {
    throw queryTooComplex(
      `This request would cost ${cost}, over the limit of ${limits.maxCost}: ask for fewer items (first) or fewer nested lists, or split it.`,
    );
  }
  return cost;
}

/** Parsing stops at the token limit with a syntax error; that is a limit, not a typo. */
export function isTokenLimitError(error: GraphQLError | { message: string }): boolean {
  // graphql-js 16 spells it "more that".
  return /Document contains more (than|that) \d+ tokens/.test(error.message);
}
