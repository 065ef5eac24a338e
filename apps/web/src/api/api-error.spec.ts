import { ApiError, describeError } from './api-error';

describe('ApiError', () => {
  it('keeps the code, field and retry delay the API sent', () => {
    const error = ApiError.fromGraphqlError({
      message: 'Too many attempts. Try again in 15 minute(s).',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900 },
    });
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(900);
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

  it("keeps the API's message when the field has no label", () => {
    const error = new ApiError('input.token: this invitation is invalid', 'BAD_USER_INPUT', 'input.token');
    expect(describeError(error)).toBe('input.token: this invitation is invalid');
  });

  it('shows other errors as they are', () => {
    expect(describeError(new ApiError('The e-mail or the password is incorrect.', 'UNAUTHENTICATED'))).toBe(
      'The e-mail or the password is incorrect.',
    );
    expect(describeError(new Error('boom'))).toBe('boom');
  });
});
