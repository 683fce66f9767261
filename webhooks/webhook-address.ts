import ipaddr from 'ipaddr.js';

/**
 * Whether a receiver at `address` may be called: public unicast addresses only, unless private
 * ones are allowed (on-premises receivers, tests) — never the unspecified or multicast ones.
 */
export function mayDeliverTo(address: string, allowPrivate: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'unicast') return true;
  if (range === 'unspecified' || range === 'multicast' || range === 'broadcast') return false;
  return allowPrivate;
}
