import type { InventoriedComputer } from '../inventory/agent-inventory';
import type { LicenceColumns } from '../licences/licence.repository';

/** A computer of the demo's estate: what its agent would report, and the demo user it is for. */
export interface DemoComputer {
  facts: InventoriedComputer;
  /** The login of the person it is assigned to, if any. */
  owner: string | null;
  location: string;
}

const OFFICE = [
  { name: 'Microsoft 365 Apps for business', publisher: 'Microsoft Corporation', version: '16.0.17928', arch: 'x64' },
  { name: 'Google Chrome', publisher: 'Google LLC', version: '131.0.6778.86', arch: 'x64' },
  { name: '7-Zip', publisher: 'Igor Pavlov', version: '24.08', arch: 'x64' },
];
const ACCOUNTING = { name: 'Sage 100 Comptabilité', publisher: 'Sage', version: '12.00', arch: 'x86' };
const TILL = { name: 'Caisse LS Retail', publisher: 'LS Retail', version: '24.1', arch: 'x64' };

function computer(n: number, name: string, maker: string, model: string, type: string, extra: typeof OFFICE): InventoriedComputer {
  const mac = `02:de:00:00:00:${n.toString(16).padStart(2, '0')}`;
  return {
    deviceId: `${name}-demo`,
    name,
    serial: `DEMO${String(4711 + n * 37).padStart(6, '0')}`,
    uuid: null,
    manufacturer: maker,
    model,
    type,
    osName: 'Windows 11 Professionnel',
    osVersion: '23H2',
    osArch: '64-bit',
    memoryMb: type === 'Laptop' ? 16_384 : 8_192,
    lastUser: null,
    bios: { manufacturer: maker, version: '1.21.0', date: '2024-03-12' },
    cpus: [{ name: 'Intel(R) Core(TM) i5-1245U', manufacturer: 'Intel', cores: 10, threads: 12, mhz: 1600 }],
    disks: [{ name: 'C:', model: 'NVMe SSD 512 Go', serial: null, sizeMb: 488_281 }],
    networkCards: [{ name: 'Ethernet', mac, ips: [`10.20.${Math.floor(n / 250)}.${(n % 250) + 2}`], virtual: false }],
    software: [...OFFICE, ...extra],
  };
}

/** The demo's estate: the head office's desktops and laptops, the stores' tills; accounting runs Sage on three. */
export const DEMO_COMPUTERS: DemoComputer[] = [
  { facts: computer(1, 'PC-SIEGE-014', 'Dell Inc.', 'OptiPlex 7090', 'Desktop', []), owner: 'alice', location: 'Siège — 2e étage' },
  {
    facts: computer(2, 'PC-SIEGE-021', 'Dell Inc.', 'OptiPlex 7090', 'Desktop', [ACCOUNTING]),
    owner: null,
    location: 'Siège — Comptabilité',
  },
  {
    facts: computer(3, 'PC-SIEGE-022', 'Dell Inc.', 'OptiPlex 7090', 'Desktop', [ACCOUNTING]),
    owner: null,
    location: 'Siège — Comptabilité',
  },
  { facts: computer(4, 'PC-SIEGE-023', 'HP', 'EliteDesk 800 G6', 'Desktop', [ACCOUNTING]), owner: null, location: 'Siège — Comptabilité' },
  { facts: computer(5, 'PORT-SIEGE-102', 'LENOVO', 'ThinkPad T14 Gen 2', 'Laptop', []), owner: 'alice', location: 'Siège — 2e étage' },
  { facts: computer(6, 'PORT-SIEGE-108', 'LENOVO', 'ThinkPad T14 Gen 2', 'Laptop', []), owner: 'manager', location: 'Siège — Direction' },
  {
    facts: computer(7, 'CAISSE-ARCS-23', 'HP', 'ProDesk 400 G7', 'Desktop', [TILL]),
    owner: null,
    location: 'Magasin Les Arcs — caisse 23',
  },
  {
    facts: computer(8, 'CAISSE-ARCS-24', 'HP', 'ProDesk 400 G7', 'Desktop', [TILL]),
    owner: null,
    location: 'Magasin Les Arcs — caisse 24',
  },
  { facts: computer(9, 'CAISSE-STZAC-02', 'HP', 'ProDesk 400 G7', 'Desktop', [TILL]), owner: null, location: 'Magasin St-Zac — caisse 2' },
];

/** The demo's licences: Microsoft 365 due for renewal within the month, and Sage on more computers than it has seats. */
export const demoLicences = (today: Date): (Omit<LicenceColumns, 'manager'> & { manager: string })[] => [
  {
    name: 'Microsoft 365 Business Standard',
    software: 'Microsoft 365 Apps for business',
    publisher: 'Microsoft Corporation',
    kind: 'subscription',
    seats: 25,
    purchaseDate: null,
    expiresOn: new Date(today.getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
    alertDays: null,
    manager: 'admin',
  },
  {
    name: 'Sage 100 Comptabilité — 2 postes',
    software: 'Sage 100 Comptabilité',
    publisher: 'Sage',
    kind: 'perpetual',
    seats: 2,
    purchaseDate: '2022-01-17',
    expiresOn: null,
    alertDays: null,
    manager: 'admin',
  },
];
