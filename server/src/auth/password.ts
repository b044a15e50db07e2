import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N=2^15, r=8 uses 32 MiB per hash — memory-hard, about 0.1 s on our machines. */
const N = 32768;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 128 * N * r * 2;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  // Without a stored hash we still spend the same time, so timing does not tell which emails exist.
  const parts = (stored ?? DUMMY_HASH).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, rr, pp, salt, expected] = parts as [string, string, string, string, string, string];
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(rr), Number(pp));
  const ok = timingSafeEqual(key, Buffer.from(expected, 'base64url'));
  return ok && stored !== null && stored !== undefined;
}

const DUMMY_HASH = `scrypt$${N}$${r}$${p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

/** Shortest password accepted, in characters. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest, so that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" (about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;
/** Words anyone would try first against this application, whoever the person is. */
export const APPLICATION_WORDS = ['agrement', 'agrément', 'alize', 'alizé', 'comite', 'comité', 'bassin'];

export interface PasswordProblem {
  /** TOO_SHORT, TOO_LONG, or GUESSABLE (common, breached, or built from the person's own name or email). */
  reason: 'TOO_SHORT' | 'TOO_LONG' | 'GUESSABLE';
  /** Plain-English explanation (clients translate `reason` and `warning` themselves). */
  message: string;
  /** zxcvbn's warning key, e.g. `topHundred`, `userInputs`, `simpleRepeat`; null when it has none. */
  warning: string | null;
  /** zxcvbn's suggestion keys, e.g. `anotherWord`, `useWords`. */
  suggestions: string[];
}

type Checker = { check(password: string, userInputs?: (string | number)[]): ZxcvbnResultLike };
interface ZxcvbnResultLike {
  score: number;
  feedback: { warning: string | null; suggestions: string[] };
}

let checker: Promise<Checker> | null = null;

/**
 * zxcvbn-ts with its common dictionary (tens of thousands of passwords from public breaches, keyboard patterns)
 * and French and English words and names. Loaded on first use: a few megabytes the server needs only when someone
 * chooses a password. No translations are given, so its feedback comes as stable keys.
 */
function strengthChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, fr, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
  })();
  return checker;
}

/** The words of a person's own identity a guesser would try: their names and the parts of their email. */
export function personalWords(person: { firstName: string; lastName: string; email: string }): string[] {
  const [local = '', domain = ''] = person.email.split('@');
  return [person.firstName, person.lastName, person.email, local, ...local.split(/[._+-]+/), domain.split('.')[0] ?? '']
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word.length >= 3);
}

const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Whether the password is nothing but `words` (any order, any case or accents) with digits and punctuation
 * around them: zxcvbn rates two such words with a separator as strong enough, but they are the first a guesser
 * who knows the person would try.
 */
function onlyTheseWords(password: string, words: string[]): boolean {
  const original = plain(password);
  let rest = original;
  for (const word of [...new Set(words.map(plain))].sort((x, y) => y.length - x.length)) {
    if (word.length >= 3) rest = rest.split(word).join(' ');
  }
  return rest !== original && rest.replace(/[^\p{L}]/gu, '').length < 4;
}

/**
 * Why a password is refused, or null when it is good enough: at least 10 characters, and not guessable — not a
 * common or breached password, not a keyboard or repeated pattern, not built from `ownWords` (the person's name and
 * email, the basin's name) or the application's own name.
 */
export async function passwordProblem(password: string, ownWords: string[] = []): Promise<PasswordProblem | null> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      reason: 'TOO_SHORT',
      message: `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      warning: null,
      suggestions: [],
    };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return {
      reason: 'TOO_LONG',
      message: `The password must have at most ${MAX_PASSWORD_LENGTH} characters`,
      warning: null,
      suggestions: [],
    };
  }
  const words = [...APPLICATION_WORDS, ...ownWords];
  if (onlyTheseWords(password, words)) {
    return {
      reason: 'GUESSABLE',
      message: 'This password is made of your own name, your email or the name of the application',
      warning: 'userInputs',
      suggestions: ['anotherWord'],
    };
  }
  const result = (await strengthChecker()).check(password, words);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return {
    reason: 'GUESSABLE',
    message: 'This password is too easy to guess: it is common, a pattern, or built from your own name or email',
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}
