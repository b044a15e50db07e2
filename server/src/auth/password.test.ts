import { describe, expect, it } from 'vitest';
import { passwordProblem, personalWords } from './password.js';

const jean = personalWords({ firstName: 'Jean', lastName: 'Dupontel', email: 'jean.dupontel@mecanique-scarpe.fr' });

describe('choosing a password', () => {
  it.each(['aaaaaaaaaa', '1234567890', 'azertyuiop', 'motdepasse123', 'password1234'])(
    'should refuse %s, which anyone would guess',
    async (password) => {
      expect(await passwordProblem(password)).toMatchObject({ reason: 'GUESSABLE' });
    },
  );

  it('should say why: a repetition, a top-hundred password', async () => {
    expect((await passwordProblem('aaaaaaaaaa'))?.warning).toBe('simpleRepeat');
    expect((await passwordProblem('1234567890'))?.warning).toBe('topHundred');
  });

  it.each(['jean.dupontel', 'Dupontel-Jean', 'mecanique-scarpe', 'agrement-alize', 'Agrément2025'])(
    "should refuse %s, built from the person's own name, email or the application's name",
    async (password) => {
      expect(await passwordProblem(password, jean)).toMatchObject({ reason: 'GUESSABLE' });
    },
  );

  it.each(['Brume matinale sur la Scarpe', 'correct horse battery', 'passerelle-tulipe-48'])(
    'should accept %s',
    async (password) => {
      expect(await passwordProblem(password, jean)).toBeNull();
    },
  );

  it('should refuse fewer than 10 characters and more than 200', async () => {
    expect(await passwordProblem('Zq8#kP!m')).toMatchObject({ reason: 'TOO_SHORT' });
    expect(await passwordProblem('Zq8#kP!m'.repeat(30))).toMatchObject({ reason: 'TOO_LONG' });
  });
});
