import { describe, expect, it } from 'vitest';
import { bestTwin } from './client-files.js';

const twins = [{ name: 'br' }, { name: 'gzip' }] as const;
const chosen = (header: string | undefined) => bestTwin(twins, header)?.name ?? 'identity';

describe('the compressed twin sent for an Accept-Encoding', () => {
  it('should prefer brotli when the browser accepts both, whatever their order', () => {
    expect(chosen('gzip, deflate, br, zstd')).toBe('br');
    expect(chosen('br, gzip')).toBe('br');
    expect(chosen('*')).toBe('br');
  });

  it('should follow the qualities the browser gives', () => {
    expect(chosen('br;q=0.5, gzip')).toBe('gzip');
    expect(chosen('br;q=0, gzip;q=0')).toBe('identity');
    expect(chosen('gzip;q=0.4, identity;q=0.8')).toBe('identity');
    expect(chosen('gzip, *;q=0')).toBe('gzip');
  });

  it('should send the file as is when nothing is accepted', () => {
    expect(chosen(undefined)).toBe('identity');
    expect(chosen('')).toBe('identity');
    expect(chosen('deflate')).toBe('identity');
  });
});
