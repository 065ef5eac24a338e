import { Logger, NotFoundException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { badInput } from './app-errors';
import { formatGraphqlError } from './format-graphql-error';

describe('formatGraphqlError', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('keeps a public code and the field it names', () => {
    const error = badInput('input.email', 'must be an e-mail address');
    const formatted = formatGraphqlError(
      { message: error.message, extensions: { ...error.extensions, stacktrace: ['x'] } },
      error,
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });

  it('hides SQL text and stack traces behind INTERNAL', () => {
    const sqlError = new Error('duplicate key value violates unique constraint "users_pkey"');
    const wrapped = new GraphQLError(sqlError.message, { originalError: sqlError });
    const formatted = formatGraphqlError(
      { message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      wrapped,
    );
    expect(formatted.extensions).toEqual({ code: 'INTERNAL' });
    expect(formatted.message).not.toContain('users_pkey');
  });

  it('maps Nest HTTP exceptions and GraphQL validation failures to public codes', () => {
    const notFound = new GraphQLError('gone', { originalError: new NotFoundException() });
    expect(formatGraphqlError({ message: 'gone' }, notFound).extensions).toEqual({ code: 'NOT_FOUND' });
    expect(
      formatGraphqlError({ message: 'bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, {}).extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('formatGraphqlError for database input errors', () => {
  it('answers a malformed id as BAD_USER_INPUT without the SQL', () => {
    const failure = Object.assign(new Error('invalid input syntax for type uuid: "nope"'), {
      driverError: { code: '22P02' },
      query: 'SELECT * FROM applications WHERE id = $1',
    });
    const wrapped = new GraphQLError(failure.message, { originalError: failure });
    const formatted = formatGraphqlError(
      { message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      wrapped,
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(formatted.message).not.toMatch(/uuid|SELECT/);
  });

  it('answers a unique-constraint race as BAD_USER_INPUT', () => {
    const failure = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      driverError: { code: '23505' },
    });
    const wrapped = new GraphQLError(failure.message, { originalError: failure });
    const formatted = formatGraphqlError({ message: wrapped.message }, wrapped);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(formatted.message).not.toContain('users_email_key');
  });
});
