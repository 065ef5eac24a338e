import { ApiError, describeError, fieldOf, inputProblemOf, linkProblemOf } from './api-error';

describe('ApiError', () => {
  it('keeps the code, field and retry delay the API sent', () => {
    const error = ApiError.fromGraphqlError({
      message: 'Too many attempts. Try again in 15 minute(s).',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900 },
    });
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(900);
  });

  it('keeps MAIL_UNAVAILABLE, whose message says nothing was saved', () => {
    const error = ApiError.fromGraphqlError({
      message: 'The invitation e-mail could not be sent, so no invitation was made. Try again in a few minutes.',
      extensions: { code: 'MAIL_UNAVAILABLE' },
    });
    expect(error.code).toBe('MAIL_UNAVAILABLE');
    expect(describeError(error)).toBe(
      'The invitation e-mail could not be sent, so no invitation was made. Try again in a few minutes.',
    );
  });

  it('treats an unknown code as INTERNAL', () => {
    expect(ApiError.fromGraphqlError({ message: 'x', extensions: { code: 'SOMETHING_NEW' } }).code).toBe('INTERNAL');
    expect(ApiError.fromGraphqlError({ message: 'x' }).code).toBe('INTERNAL');
  });
});

describe('describeError', () => {
  it("names the failing field with the form's own label", () => {
    const error = new ApiError(
      'input.adminEmail: must be an e-mail address such as name@example.com',
      'BAD_USER_INPUT',
      'input.adminEmail',
    );
    expect(describeError(error, { adminEmail: 'Your e-mail' })).toBe(
      'Your e-mail must be an e-mail address such as name@example.com',
    );
  });

  it('never shows a raw field path: a field without a label is named in words', () => {
    const error = new ApiError('input.token: this invitation is invalid', 'BAD_USER_INPUT', 'input.token');
    expect(describeError(error)).toBe('Token: this invitation is invalid');
    const nested = new ApiError('input.actions.0.dueOn: must be a date', 'BAD_USER_INPUT', 'input.actions.0.dueOn');
    expect(describeError(nested)).toBe('Due on (step 1): must be a date');
  });

  it('names a field of a list item with the label of its kind and its number', () => {
    const error = new ApiError(
      'input.actions.1.dueOn: must be today or later',
      'BAD_USER_INPUT',
      'input.actions.1.dueOn',
    );
    expect(describeError(error, { 'actions.*.dueOn': 'Due' })).toBe('Due (step 2) must be today or later');
    expect(describeError(error, { 'actions.1.dueOn': 'Due date of the second step' })).toBe(
      'Due date of the second step must be today or later',
    );
  });

  it('gives the form field a failure points at, without the input prefix', () => {
    expect(fieldOf(new ApiError('x', 'BAD_USER_INPUT', 'input.actions.0.dueOn'))).toBe('actions.0.dueOn');
    expect(fieldOf(new ApiError('x', 'BAD_USER_INPUT', 'first'))).toBe('first');
    expect(fieldOf(new ApiError('x', 'NOT_FOUND'))).toBeUndefined();
    expect(fieldOf(new Error('x'))).toBeUndefined();
  });

  it('shows other errors as they are', () => {
    expect(describeError(new ApiError('The e-mail or the password is incorrect.', 'UNAUTHENTICATED'))).toBe(
      'The e-mail or the password is incorrect.',
    );
    expect(describeError(new Error('boom'))).toBe('boom');
  });
});

describe('inputProblemOf', () => {
  it("gives the API's words about a field as a sentence of their own", () => {
    const used = new ApiError(
      'input.token: this sign-up link was already used: the address has an account, so sign in instead',
      'BAD_USER_INPUT',
      'input.token',
    );
    expect(inputProblemOf(used)).toBe(
      'This sign-up link was already used: the address has an account, so sign in instead.',
    );
    expect(inputProblemOf(new ApiError('input.token: it is gone.', 'BAD_USER_INPUT', 'input.token'))).toBe(
      'It is gone.',
    );
  });

  it('has nothing to say about other failures', () => {
    expect(inputProblemOf(new ApiError('Not signed in.', 'UNAUTHENTICATED'))).toBeUndefined();
    expect(inputProblemOf(new Error('boom'))).toBeUndefined();
  });
});

describe('linkProblemOf', () => {
  it('speaks of a refused link only, not of another refused field', () => {
    const expired = new ApiError('input.token: this reset link is invalid', 'BAD_USER_INPUT', 'input.token');
    expect(linkProblemOf(expired)).toBe('This reset link is invalid.');
    const weak = new ApiError('input.password: is too common', 'BAD_USER_INPUT', 'input.password');
    expect(linkProblemOf(weak)).toBeUndefined();
  });
});
