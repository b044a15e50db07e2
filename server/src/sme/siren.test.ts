import { describe, expect, it } from 'vitest';
import { isValidSiren } from './siren.js';

describe('SIREN check', () => {
  it('should accept real SIRENs, with or without spaces', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('552 100 554')).toBe(true);
  });
  it('should refuse a wrong check digit, a wrong length or letters', () => {
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('73282932A')).toBe(false);
  });
});
