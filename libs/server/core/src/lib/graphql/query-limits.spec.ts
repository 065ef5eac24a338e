import { buildSchema, OperationDefinitionNode, parse } from 'graphql';
import { checkQueryLimits, MAX_QUERY_DEPTH, ROOT_FIELD_COST } from './query-limits';

// A self-referencing type lets a client nest without end; lists with `first` multiply their selection.
const schema = buildSchema(`
  type Person { name: String, coach: Person, friends(first: Int = 10): [Person!]! }
  type Query { me: Person, people(first: Int = 20): [Person!]! }
`);

const LIMITS = { maxCost: 1000, maxAliases: 3 };

function check(query: string, variables: Record<string, unknown> = {}, limits = LIMITS): number {
  const document = parse(query);
  return checkQueryLimits(schema, document, document.definitions[0] as OperationDefinitionNode, variables, limits);
}

function nested(depth: number): string {
  return `{ me ${'{ coach '.repeat(depth - 1)}{ name }${' }'.repeat(depth - 1)} }`;
}

describe('query limits', () => {
  it(`accepts a query ${MAX_QUERY_DEPTH} levels deep and refuses a deeper one`, () => {
    expect(() => check(nested(MAX_QUERY_DEPTH - 1))).not.toThrow();
    expect(() => check(nested(MAX_QUERY_DEPTH + 2))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) }),
    );
  });

  it('counts aliases, fragments included', () => {
    expect(() => check('{ a: me { name } b: me { name } c: me { name } }')).not.toThrow();
    expect(() =>
      check('{ a: me { name } b: me { name } ...F } fragment F on Query { c: me { name } d: me { name } }'),
    ).toThrow(/aliases/i);
  });

  it('multiplies a list by first, from a variable too, and charges root fields a round trip', () => {
    expect(check('{ me { name } }')).toBe(ROOT_FIELD_COST);
    // people: 10 + 5 × (friends: 1 + 2 × coach 1) = 10 + 5 × 3
    expect(check('query ($n: Int) { people(first: $n) { friends(first: 2) { coach { name } } } }', { n: 5 })).toBe(25);
    // the argument's default counts when it is left out: 10 + 20 × (1 + 10 × 0)
    expect(check('{ people { friends { name } } }')).toBe(30);
  });

  it('refuses an operation over the maximum cost, naming both figures', () => {
    expect(() => check('{ people(first: 100) { friends(first: 100) { coach { name } } } }')).toThrow(
      /cost 10110, over the limit of 1000/,
    );
  });
});
