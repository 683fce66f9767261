import type { InventoriedComputer } from './agent-inventory';

/** What identifies a computer already in the inventory. */
export interface KnownComputer {
  id: number;
  name: string;
  deviceId: string | null;
  serial: string | null;
  uuid: string | null;
  macs: readonly string[];
}

const physicalMacsOf = (computer: InventoriedComputer): string[] =>
  computer.networkCards.filter((card) => !card.virtual).map((card) => card.mac);

/**
 * The known computer an inventory describes, in the order GLPI's import rules try: the agent that
 * sent it before; serial and UUID together; serial; UUID; the MAC address of a physical card; and
 * the name alone only when the inventory carries none of those identities. Undefined: a new computer.
 *
 * @example matchingComputer(inventory, known)?.id // the computer to update, or undefined to create one
 */
export function matchingComputer(seen: InventoriedComputer, known: readonly KnownComputer[]): KnownComputer | undefined {
  const macs = physicalMacsOf(seen);
  const rules: ((computer: KnownComputer) => boolean)[] = [
    (computer) => computer.deviceId === seen.deviceId,
    (computer) => seen.serial !== null && seen.uuid !== null && computer.serial === seen.serial && computer.uuid === seen.uuid,
    (computer) => seen.serial !== null && computer.serial === seen.serial,
    (computer) => seen.uuid !== null && computer.uuid === seen.uuid,
    (computer) => computer.macs.some((mac) => macs.includes(mac)),
    (computer) =>
      seen.serial === null && seen.uuid === null && macs.length === 0 && computer.name.toLowerCase() === seen.name.toLowerCase(),
  ];
  for (const rule of rules) {
    const found = known.find(rule);
    if (found) return found;
  }
  return undefined;
}

/** The identities to look a computer up by, for the repository's query. */
export const identitiesOf = (seen: InventoriedComputer) => ({
  deviceId: seen.deviceId,
  serial: seen.serial,
  uuid: seen.uuid,
  macs: physicalMacsOf(seen),
  name: seen.name,
});
