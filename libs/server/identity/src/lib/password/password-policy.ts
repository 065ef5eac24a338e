import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// Stems of the passwords that top every leaked-password list. A password that is one of
// these, repeated or padded with digits and symbols, is refused whatever its length.
const COMMON_STEMS = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'pass',
  'qwerty',
  'qwertyuiop',
  'qwertyuiopas',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'azerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'administrator',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'basketball',
  'superman',
  'batman',
  'trustno1',
  'sunshine',
  'princess',
  'shadow',
  'master',
  'michael',
  'jennifer',
  'jordan',
  'hunter',
  'freedom',
  'whatever',
  'starwars',
  'pokemon',
  'computer',
  'internet',
  'changeme',
  'secret',
  'abc',
  'abcdef',
  'abcdefgh',
  'abcdefghijkl',
  'default',
  'login',
  'hello',
  'helloworld',
  'charlie',
  'donald',
  'mustang',
  'access',
  'flower',
  'cheese',
  'summer',
  'winter',
  'spring',
  'autumn',
  'love',
  'loveyou',
  'iloveu',
  'ninja',
  'samsung',
  'google',
  'linkedin',
  'facebook',
  'followthrough',
  'myspace',
  'killer',
  'qazwsx',
  'qwer',
  'qwertz',
  '1q2w3e4r',
  '1qaz2wsx',
  'zaq12wsx',
  'aa',
  'test',
  'testing',
  'guest',
  'root',
  'user',
  'correcthorsebatterystaple',
  'mypassword',
  'newpassword',
  'yourpassword',
  'jobhunt',
  'jobsearch',
  'resume',
]);

// The breached-password list bundled with zxcvbn-ts (about 50,000 passwords from public leaks).
const BREACHED = new Set(dictionary['passwords-common']);

// zxcvbn-ts, with that list and keyboard layouts: finds keyboard walks such as "zaq1@WSXcde3".
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

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

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = stemOf(password);
  if (BREACHED.has(lower) || BREACHED.has(password) || COMMON_STEMS.has(lower) || COMMON_STEMS.has(stem)) return true;
  if (isRepetition(lower) || isSequence(lower)) return true;
  return stem.length > 0 && isRepetition(stem) && COMMON_STEMS.has(stem.slice(0, stem.length / 2));
}

const COMMON = 'is one of the most common passwords; choose a longer phrase of your own';

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'must be text';
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (isCommon(password)) return COMMON;
  if (/^\d+$/.test(password)) return 'must not be only digits';
  const estimate = estimator.check(password);
  // Nothing but keyboard walks, or a breached password with a few changes: in every guessing list.
  if (estimate.sequence.every((match) => match.pattern === 'spatial') || estimate.score < 3) return COMMON;
  return null;
}
