import { describe, expect, it } from 'vitest';
import { TrustProxySetting } from '../../config/trust-proxy';

describe('GUICHET_TRUST_PROXY', () => {
  it('trusts no proxy unless told, then a number of hops or the proxies named', () => {
    expect(TrustProxySetting.parse(undefined)).toBe(false);
    expect(TrustProxySetting.parse('false')).toBe(false);
    expect(TrustProxySetting.parse('2')).toBe(2);
    expect(TrustProxySetting.parse('loopback, 10.0.0.0/8, 192.0.2.10, fd00::/8')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.10',
      'fd00::/8',
    ]);
  });

  it('refuses what is not a proxy address, subnet or name, naming it', () => {
    const parsed = TrustProxySetting.safeParse('loopback, proxy.example, 10.0.0.0/33');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('not a proxy address, subnet or name: proxy.example, 10.0.0.0/33');
  });
});
