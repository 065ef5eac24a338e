import { buildSchema, parse, validate } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { MAX_QUERY_DEPTH } from './graphql-api.module';

// A self-referencing type lets a client nest without end; the rule stops it before execution.
const schema = buildSchema(`
  type Person { name: String, coach: Person }
  type Query { me: Person }
`);

function nested(depth: number): string {
  return `{ me ${'{ coach '.repeat(depth - 1)}{ name }${' }'.repeat(depth - 1)} }`;
}

describe('query depth limit', () => {
  it(`accepts a query ${MAX_QUERY_DEPTH} levels deep`, () => {
    expect(validate(schema, parse(nested(MAX_QUERY_DEPTH - 1)), [depthLimit(MAX_QUERY_DEPTH)])).toEqual([]);
  });

  it('refuses a deeper one, naming the limit', () => {
    const errors = validate(schema, parse(nested(MAX_QUERY_DEPTH + 2)), [depthLimit(MAX_QUERY_DEPTH)]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(`exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`);
  });
});
