import type { InventoriedComputer } from './agent-inventory';

/** One line of an asset's history: a field, what it held and what it holds now. */
export interface AssetChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** The fields of a computer its agent reports, as the inventory keeps them. */
export type ComputerFacts = Omit<InventoriedComputer, 'deviceId'>;
/** A computer's components, kept together as the agent last told them. */
export type ComputerComponents = Pick<ComputerFacts, 'bios' | 'cpus' | 'disks' | 'networkCards'>;

const SCALARS = [
  'name',
  'serial',
  'uuid',
  'manufacturer',
  'model',
  'type',
  'osName',
  'osVersion',
  'osArch',
  'memoryMb',
  'lastUser',
] as const;

// Components are compared and told as one line each: what a technician reads in the history.
const COMPONENTS: Record<'bios' | 'cpus' | 'disks' | 'networkCards', (facts: ComputerFacts) => string | null> = {
  bios: ({ bios }) => [bios.manufacturer, bios.version, bios.date].filter(Boolean).join(' ') || null,
  cpus: ({ cpus }) => cpus.map((cpu) => `${cpu.name ?? '?'} (${cpu.cores ?? '?'} cores, ${cpu.threads ?? '?'} threads)`).join(', ') || null,
  disks: ({ disks }) =>
    disks.map((disk) => `${disk.name} ${disk.model ?? ''} ${disk.sizeMb ?? '?'} MB`.replace(/ +/g, ' ')).join(', ') || null,
  networkCards: ({ networkCards }) =>
    networkCards.map((card) => `${card.name} ${card.mac} ${card.ips.join(' ')}`.trim()).join(', ') || null,
};

const text = (value: string | number | null): string | null => (value === null ? null : String(value));
const softwareKey = (item: ComputerFacts['software'][number]) => `${item.name}\u0000${item.arch ?? ''}`;
const softwareLabel = (item: ComputerFacts['software'][number] | undefined) => (item ? `${item.name} ${item.version ?? ''}`.trim() : null);

/**
 * What changed between two inventories of one computer, field by field; software is told per
 * package (installed, removed, or from one version to another). Nothing when nothing changed.
 *
 * @example computerChanges(stored, fresh) // [{ field: 'memoryMb', before: '8192', after: '16384' }]
 */
export function computerChanges(before: ComputerFacts, after: ComputerFacts): AssetChange[] {
  const changes: AssetChange[] = [];
  for (const field of SCALARS) {
    if (before[field] !== after[field]) changes.push({ field, before: text(before[field]), after: text(after[field]) });
  }
  for (const [field, summary] of Object.entries(COMPONENTS)) {
    const [was, is] = [summary(before), summary(after)];
    if (was !== is) changes.push({ field, before: was, after: is });
  }
  const installed = new Map(before.software.map((item) => [softwareKey(item), item]));
  const now = new Map(after.software.map((item) => [softwareKey(item), item]));
  for (const key of new Set([...installed.keys(), ...now.keys()])) {
    const [was, is] = [installed.get(key), now.get(key)];
    if (was?.version !== is?.version || !was || !is) {
      changes.push({ field: 'software', before: softwareLabel(was), after: softwareLabel(is) });
    }
  }
  return changes;
}
