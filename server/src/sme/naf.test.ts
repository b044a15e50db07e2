import { describe, expect, it } from 'vitest';
import { nafSection, normaliseNaf, sizeClassOf } from './naf.js';

describe('NAF codes and size classes', () => {
  it('should find the section of a code from its division', () => {
    expect(nafSection('25.62B')).toBe('C');
    expect(nafSection('49.41A')).toBe('H');
    expect(nafSection('62.01Z')).toBe('J');
    expect(nafSection('01.11Z')).toBe('A');
    expect(nafSection('99.00Z')).toBe('U');
  });
  it('should refuse what is not a code of NAF rév. 2', () => {
    expect(nafSection('04.00Z')).toBeNull(); // no division 04
    expect(nafSection('2562B')).toBeNull();
    expect(nafSection(null)).toBeNull();
    expect(normaliseNaf('2562b')).toBe('25.62B');
    expect(normaliseNaf(' 25.62 B ')).toBe('25.62B');
    expect(normaliseNaf('25.62')).toBeNull();
  });
  it('should class SMEs by headcount as the INSEE does', () => {
    expect([0, 9, 10, 49, 50, 249, 250].map(sizeClassOf)).toEqual([
      'MICRO',
      'MICRO',
      'SMALL',
      'SMALL',
      'MEDIUM',
      'MEDIUM',
      'LARGE',
    ]);
  });
});
