import { describe, expect, it } from 'vitest';
import { NBSP, agreed, blocks, dayCount, decimal, elide, euros, frenchDate, typeset } from './french.js';

describe('French official text', () => {
  it('should write the first of a month as an ordinal, and no other day', () => {
    expect(frenchDate('2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(frenchDate('2026-12-11')).toBe('vendredi 11 décembre 2026');
    expect(frenchDate('2027-01-21')).toBe('jeudi 21 janvier 2027');
  });

  it('should elide before a vowel or a mute h, and only then', () => {
    expect(elide('de', 'Isabelle')).toBe('d’Isabelle');
    expect(elide('de', 'Émilie')).toBe('d’Émilie');
    expect(elide('de', 'Hélène')).toBe('d’Hélène');
    expect(elide('de', 'Marc')).toBe('de Marc');
    expect(elide('la', 'avance')).toBe('l’avance');
    expect(elide('que', 'il')).toBe('qu’il');
    expect(elide('De', 'Alstom')).toBe('D’Alstom');
  });

  it('should use the decimal comma and group thousands with no-break spaces', () => {
    expect(decimal(4.5)).toBe('4,5');
    expect(decimal(12000)).toBe(`12${NBSP}000`);
    expect(decimal(0.125, 2)).toBe('0,13');
    expect(dayCount(7.5)).toBe(`7,5${NBSP}j`);
    expect(euros(15000)).toBe(`15${NBSP}000${NBSP}€`);
    expect(euros(1234.5)).toBe(`1${NBSP}234,50${NBSP}€`);
  });

  it('should put a no-break space before high punctuation and inside guillemets, and leave times and links alone', () => {
    expect(typeset('Toyota : 4,5 j ; SKF : 2 j. Vraiment ? Oui !')).toBe(
      `Toyota${NBSP}: 4,5 j${NBSP}; SKF${NBSP}: 2 j. Vraiment${NBSP}? Oui${NBSP}!`,
    );
    expect(typeset('le projet « Ligne »')).toBe(`le projet «${NBSP}Ligne${NBSP}»`);
    expect(typeset("l'avance d'Isabelle")).toBe('l’avance d’Isabelle');
    expect(typeset('à 9:30, voir https://agrement.example/a:b')).toBe('à 9:30, voir https://agrement.example/a:b');
    const once = typeset('Toyota : « x »');
    expect(typeset(once)).toBe(once);
  });

  it('should agree titles with the person', () => {
    expect(agreed('presidentOfSession', 'MADAME')).toBe('Présidente de séance');
    expect(agreed('presidentOfSession', 'MONSIEUR')).toBe('Président de séance');
    expect(agreed('president', 'MADAME')).toBe('Présidente');
    expect(agreed('present', 'MADAME')).toBe('présente');
    // unspecified: the neutral written form, never a gender the person did not state
    expect(agreed('present', null)).toBe('présent(e)');
    expect(agreed('presidentOfSession', undefined)).toBe('Présidence de séance');
  });

  it('should keep the lists of a paper as lists', () => {
    expect(blocks('Objectifs :\n- recruter deux soudeurs\n- certifier la ligne\n\nCalendrier sur six mois.')).toEqual([
      { kind: 'paragraph', text: 'Objectifs :' },
      { kind: 'list', items: ['recruter deux soudeurs', 'certifier la ligne'] },
      { kind: 'paragraph', text: 'Calendrier sur six mois.' },
    ]);
  });
});
