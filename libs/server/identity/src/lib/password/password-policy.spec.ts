import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each(['copper kettle at noon', 'Tr4in-station-Lyon', 'my dog eats carrots'])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it('refuses short and over-long passwords with the limit', () => {
    expect(passwordProblem('short-one')).toContain('at least 12');
    expect(passwordProblem('x'.repeat(64) + 'y'.repeat(65))).toContain('at most 128');
  });

  it.each(['1q2w3e4r5t6y', 'zaq1@WSXcde3', '1qaz2wsx3edc', 'Qwerty123456', 'superman1234'])(
    'refuses the breached or keyboard-walk %j',
    (password) => {
      expect(passwordProblem(password)).toContain('most common');
    },
  );

  it.each([
    'password1234',
    'Password123!',
    '123456789012',
    'qwertyuiopas',
    'iloveyou2024',
    'aaaaaaaaaaaa',
    'passwordpassword',
    'abcdefghijkl',
  ])('refuses the common %j', (password) => {
    expect(passwordProblem(password)).toContain('most common');
  });
});
