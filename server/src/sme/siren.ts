/**
 * A SIREN is 9 digits whose Luhn checksum is a multiple of 10 (INSEE's rule). La Poste's SIRENs (356000000)
 * follow their own rule and are accepted as such.
 */
export function isValidSiren(raw: string): boolean {
  const siren = raw.replace(/\s/g, '');
  if (!/^\d{9}$/.test(siren)) return false;
  if (siren === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    let digit = Number(siren[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const normaliseSiren = (raw: string): string => raw.replace(/\s/g, '');
