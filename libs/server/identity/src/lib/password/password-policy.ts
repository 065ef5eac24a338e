export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// Stems of the passwords that top every leaked-password list. A password that is one of
// these, repeated or padded with digits and symbols, is refused whatever its length.
const COMMON_STEMS = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'qwerty', 'qwertyuiop', 'qwertyuiopas', 'asdfgh', 'asdfghjkl',
  'zxcvbnm', 'azerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'administrator', 'monkey', 'dragon', 'football',
  'baseball', 'soccer', 'basketball', 'superman', 'batman', 'trustno1', 'sunshine', 'princess', 'shadow', 'master',
  'michael', 'jennifer', 'jordan', 'hunter', 'freedom', 'whatever', 'starwars', 'pokemon', 'computer', 'internet',
  'changeme', 'secret', 'abc', 'abcdef', 'abcdefgh', 'abcdefghijkl', 'default', 'login', 'hello', 'helloworld',
  'charlie', 'donald', 'mustang', 'access', 'flower', 'cheese', 'summer', 'winter', 'spring', 'autumn', 'love',
  'loveyou', 'iloveu', 'ninja', 'samsung', 'google', 'linkedin', 'facebook', 'followthrough', 'myspace', 'killer',
  'qazwsx', 'qwer', 'qwertz', '1q2w3e4r', '1qaz2wsx', 'zaq12wsx', 'aa', 'test', 'testing', 'guest', 'root', 'user',
  'correcthorsebatterystaple', 'mypassword', 'newpassword', 'yourpassword', 'jobhunt', 'jobsearch', 'resume',
]);

const SEQUENCES = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

function stemOf(password: string): string {
  return password
    .toLowerCase()
    .replace(/[^a-z]+$/g, '') // trailing digits and symbols
    .replace(/^[^a-z@]+/g, ''); // leading digits and symbols
}

function isRepetition(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size += 1) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}

function isSequence(text: string): boolean {
  const lower = text.toLowerCase();
  return SEQUENCES.some((sequence) => sequence.includes(lower) || [...sequence].reverse().join('').includes(lower));
}

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'must be text';
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  const stem = stemOf(password);
  if (COMMON_STEMS.has(lower) || COMMON_STEMS.has(stem) || isRepetition(lower) || isSequence(lower) || (stem.length > 0 && isRepetition(stem) && COMMON_STEMS.has(stem.slice(0, stem.length / 2)))) {
    return 'is one of the most common passwords; choose a longer phrase of your own';
  }
  if (/^\d+$/.test(password)) return 'must not be only digits';
  return null;
}
