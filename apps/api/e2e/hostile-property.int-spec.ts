import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLOutputType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { createAgencyFixture, AgencyFixture, startTestApi, TestApi } from '@followthrough/server-testing';
import { API_MODULES } from './all-modules';

// Values a careless server chokes on: NUL, lone surrogates, odd Unicode, huge and tiny numbers, paths and markup.
const HOSTILE_TEXT = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff x',
    '\uffff',
    '\u202e',
    '💥'.repeat(50),
    '\r\nBEGIN:VALARM',
    "'; --",
    '../../etc/passwd',
    '<script>x</script>',
    '%00',
    '{}',
    'null',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(5000)),
);
const HOSTILE_ID = fc.oneof(fc.uuid(), HOSTILE_TEXT, fc.constant('00000000-0000-0000-0000-000000000000'));
const HOSTILE_INT = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648, 1_000_000));
const HOSTILE_DATE = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc.constantFrom('0000-00-00', '2026-02-30T25:61:00Z', 'yesterday', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
);

function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  // Mostly well-shaped values, so that most requests reach the resolvers with hostile content.
  if (isNonNullType(type)) return nonNullValueFor(type.ofType, depth);
  return fc.oneof({ weight: 4, arbitrary: nonNullValueFor(type, depth) }, { weight: 1, arbitrary: fc.constant(null) });
}

function nonNullValueFor(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return nonNullValueFor(type.ofType, depth);
  if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
  }
  if (isEnumType(type))
    return fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') },
    );
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return HOSTILE_ID;
      case 'Int':
        return HOSTILE_INT;
      case 'Float':
        return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
      case 'Boolean':
        return fc.boolean();
      case 'DateTime':
        return HOSTILE_DATE;
      default:
        return HOSTILE_TEXT;
    }
  }
  return fc.constant(null);
}

/** The cheapest selection of a type: its scalar fields without arguments, or __typename. */
function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const scalars = Object.values(named.getFields()).filter(
    (field) => isLeafType(getNamedType(field.type)) && field.args.length === 0,
  );
  return `{ __typename ${scalars.map((field) => field.name).join(' ')} }`;
}

function operationText(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const declared = field.args
    .map((argument: GraphQLArgument) => `$${argument.name}: ${argument.type.toString()}`)
    .join(', ');
  const passed = field.args.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  return `${kind} Probe${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(field.type)} }`;
}

// What must never reach a caller: a stack frame, a source path, or anything of PostgreSQL's.
const LEAKS =
  /\n\s+at |\.ts:\d+|node_modules|QueryFailedError|syntax error at or near|violates .* constraint|relation "|duplicate key|invalid input syntax|invalid byte sequence/;

describe('every operation under generated hostile input', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi(API_MODULES);
    agency = await createAgencyFixture(api.client, 'Property Agency', 1, 1);
  });

  afterAll(() => api.close());

  it('answers no INTERNAL error and leaks no stack trace or SQL (fixed seed)', async () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const roots: Array<['query' | 'mutation', GraphQLObjectType]> = [
      ['query', schema.getQueryType() as GraphQLObjectType],
      ['mutation', schema.getMutationType() as GraphQLObjectType],
    ];
    const callers = [agency.admin.client, agency.coaches[0].client, agency.clients[0].client, api.client];
    const failures: string[] = [];
    let requests = 0;
    let executed = 0;
    for (const [kind, root] of roots) {
      for (const field of Object.values(root.getFields())) {
        const query = operationText(kind, field);
        const variables = fc.record(
          Object.fromEntries(field.args.map((argument) => [argument.name, valueFor(argument.type)])),
        );
        await fc
          .assert(
            fc.asyncProperty(variables, fc.integer({ min: 0, max: callers.length - 1 }), async (values, caller) => {
              const response = await fetch(`${api.url}/graphql`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  ...(callers[caller] === api.client ? {} : { authorization: `Bearer ${tokenOf(caller)}` }),
                },
                body: JSON.stringify({ query, variables: values }),
              });
              requests += 1;
              const text = await response.text();
              if (response.status === 200) executed += 1;
              const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
              const internal = body.errors?.some(
                (error) => error.extensions?.code === 'INTERNAL' || !error.extensions?.code,
              );
              if (internal || LEAKS.test(text) || response.status >= 500) {
                failures.push(
                  `${field.name} ${JSON.stringify(values).slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`,
                );
                return false;
              }
              return true;
            }),
            { seed: 1337, numRuns: 12, endOnFailure: true },
          )
          .catch(() => undefined);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
    // Most requests got past parsing and coercion into the resolvers.
    expect(executed).toBeGreaterThan(requests / 3);
    console.log(`${requests} requests, ${executed} executed`);
  }, 300_000);

  function tokenOf(index: number): string {
    return [agency.admin.token, agency.coaches[0].token, agency.clients[0].token][index];
  }
});
