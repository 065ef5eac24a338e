import {
  DocumentNode,
  getNamedType,
  GraphQLID,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { badInput } from '../errors/app-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A surrogate half without its partner: text that no UTF-8 encoder can write (PostgreSQL refuses it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one text value of this type, or null. */
export function textProblem(value: string, isId: boolean): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text';
  if (isId && !UUID.test(value)) return 'must be an id (a UUID)';
  return null;
}

function checkValue(type: GraphQLInputType, value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (Array.isArray(value)) value.forEach((item, index) => checkValue(inner.ofType, item, `${path}.${index}`));
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(inner.getFields()))
      checkValue(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`);
    return;
  }
  if (typeof value === 'string') {
    const problem = textProblem(value, getNamedType(inner) === GraphQLID);
    if (problem) throw withStatus(badInput(path, problem));
  }
}

function withStatus<T extends { extensions: Record<string, unknown> }>(error: T): T {
  error.extensions['http'] = { status: 400 };
  return error;
}

/**
 * Every argument of the operation, literal or variable, at any depth: text must be free of NUL and
 * valid Unicode, and every ID a UUID. The first failure throws BAD_USER_INPUT naming its path
 * (`filter.clientUserId`, `input.title`), before any resolver or SQL sees the value.
 */
export function checkInputValues(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  const typeInfo = new TypeInfo(schema);
  const reached = new Set<string>();
  const check = (node: Parameters<typeof visit>[0]) =>
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        [Kind.FRAGMENT_SPREAD]: (spread) => {
          reached.add(spread.name.value);
        },
        [Kind.FIELD]: (field) => {
          const definition = typeInfo.getFieldDef();
          if (!definition || !field.arguments?.length) return;
          let values: Record<string, unknown>;
          try {
            values = getArgumentValues(definition, field, variables);
          } catch {
            return; // a value of the wrong shape: execution reports it with its own message
          }
          for (const argument of definition.args) checkValue(argument.type, values[argument.name], argument.name);
        },
      }),
    );
  check(operation);
  const checked = new Set<string>();
  for (
    let next = [...reached].find((name) => !checked.has(name));
    next;
    next = [...reached].find((name) => !checked.has(name))
  ) {
    checked.add(next);
    const fragment = document.definitions.find(
      (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === next,
    );
    if (fragment) check(fragment);
  }
}
