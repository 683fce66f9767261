import { isIP } from 'node:net';
import { z } from 'zod';

/** Which proxies in front of guichet to believe about the client's address: none, a count of hops, or addresses. */
export type TrustProxy = false | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isSubnet = (entry: string): boolean => {
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
};

/**
 * GUICHET_TRUST_PROXY: empty or "false" (the default) to use the connection's own address; a number of
 * proxy hops; or a comma-separated list of proxies' addresses, subnets (CIDR) and the names
 * loopback, linklocal and uniquelocal. Rate limits per address and the audit log then see the client's
 * address as those proxies report it in X-Forwarded-For.
 */
export const TrustProxySetting = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx): TrustProxy => {
    if (value === '' || value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const wrong = entries.filter((entry) => !NAMED.has(entry) && !isSubnet(entry));
    if (wrong.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not a proxy address, subnet or name: ${wrong.join(', ')}` });
      return z.NEVER;
    }
    return entries;
  });
