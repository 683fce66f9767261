import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../core/errors';
import { AgentInventoryXml, AgentPrologXml } from './agent-inventory.schema';

/** A computer as its agent saw it: what guichet keeps of an inventory. */
export interface InventoriedComputer {
  deviceId: string;
  name: string;
  serial: string | null;
  uuid: string | null;
  manufacturer: string | null;
  model: string | null;
  type: string | null;
  osName: string | null;
  osVersion: string | null;
  osArch: string | null;
  memoryMb: number | null;
  lastUser: string | null;
  bios: { manufacturer: string | null; version: string | null; date: string | null };
  cpus: { name: string | null; manufacturer: string | null; cores: number | null; threads: number | null; mhz: number | null }[];
  disks: { name: string; model: string | null; serial: string | null; sizeMb: number | null }[];
  networkCards: { name: string; mac: string; ips: string[]; virtual: boolean }[];
  software: { name: string; publisher: string | null; version: string | null; arch: string | null }[];
}

const REPEATED = new Set(['CPUS', 'STORAGES', 'NETWORKS', 'SOFTWARES', 'USERS', 'DRIVES', 'MEMORIES', 'MONITORS', 'PRINTERS']);
const parser = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name, path) => REPEATED.has(name) && String(path).startsWith('REQUEST.CONTENT.'),
});

// Values firmware fills in when the maker did not: no more an identity than an empty field.
const PLACEHOLDERS =
  /^(|0+|none|n\/a|not specified|not available|default string|to be filled by o\.e\.m\.?|system serial number|0123456789|123456789)$/i;

const valueOf = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
const identityOf = (value: string | undefined): string | null => {
  const trimmed = valueOf(value);
  return trimmed === null || PLACEHOLDERS.test(trimmed) ? null : trimmed;
};
const numberOf = (value: string | undefined): number | null => {
  const number = Number(valueOf(value) ?? Number.NaN);
  return Number.isFinite(number) && number >= 0 ? number : null;
};

function parsedXml(xml: string): unknown {
  try {
    return parser.parse(xml, true);
  } catch (error) {
    throw new ValidationError({ body: `not well-formed XML: ${(error as Error).message}` });
  }
}

function parsedOrFail<Schema extends typeof AgentInventoryXml | typeof AgentPrologXml>(schema: Schema, xml: string) {
  const parsed = schema.safeParse(parsedXml(xml));
  if (!parsed.success) {
    throw new ValidationError(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('/'), issue.message])));
  }
  return parsed.data as ReturnType<Schema['parse']>;
}

/** What the agent asks for: a PROLOG (may I send?) or an INVENTORY. */
export function agentQueryOf(xml: string): 'PROLOG' | 'INVENTORY' | 'OTHER' {
  const query = (parsedXml(xml) as { REQUEST?: { QUERY?: unknown } }).REQUEST?.QUERY;
  return query === 'PROLOG' || query === 'INVENTORY' ? query : 'OTHER';
}

/** The device id of an agent's PROLOG. */
export const prologDeviceIdOf = (xml: string): string => parsedOrFail(AgentPrologXml, xml).REQUEST.DEVICEID;

// One card per interface and MAC: the agent lists an interface once per address it holds.
function networkCardsOf(networks: AgentInventoryXml['REQUEST']['CONTENT']['NETWORKS']): InventoriedComputer['networkCards'] {
  const cards = new Map<string, InventoriedComputer['networkCards'][number]>();
  for (const network of networks) {
    const mac = identityOf(network.MACADDR?.replaceAll(':', ''))?.toLowerCase();
    if (!mac || network.TYPE === 'loopback') continue;
    const name = valueOf(network.DESCRIPTION) ?? mac;
    const key = `${name} ${mac}`;
    const card = cards.get(key) ?? { name, mac: network.MACADDR!.toLowerCase(), ips: [], virtual: network.VIRTUALDEV === '1' };
    for (const ip of [network.IPADDRESS, network.IPADDRESS6].map(valueOf)) if (ip && !card.ips.includes(ip)) card.ips.push(ip);
    cards.set(key, card);
  }
  return [...cards.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Reads an agent's INVENTORY into the computer it describes, or throws a 400 naming what is
 * missing. Identities a firmware leaves as placeholders ("To Be Filled By O.E.M.") are absent.
 *
 * @example computerOfInventory(xml).software.length // 917 packages on a Debian workstation
 */
export function computerOfInventory(xml: string): InventoriedComputer {
  const { DEVICEID, CONTENT } = parsedOrFail(AgentInventoryXml, xml).REQUEST;
  const { HARDWARE, BIOS, OPERATINGSYSTEM: os } = CONTENT;
  const software = new Map<string, InventoriedComputer['software'][number]>();
  for (const item of CONTENT.SOFTWARES) {
    const name = valueOf(item.NAME);
    if (!name) continue;
    const entry = { name, publisher: valueOf(item.PUBLISHER), version: valueOf(item.VERSION), arch: valueOf(item.ARCH) };
    software.set(`${name}\u0000${entry.version ?? ''}\u0000${entry.arch ?? ''}`, entry);
  }
  return {
    deviceId: DEVICEID,
    name: HARDWARE.NAME,
    serial: identityOf(BIOS?.SSN),
    uuid: identityOf(HARDWARE.UUID)?.toLowerCase() ?? null,
    manufacturer: valueOf(BIOS?.SMANUFACTURER) ?? valueOf(BIOS?.MMANUFACTURER),
    model: valueOf(BIOS?.SMODEL),
    type: valueOf(HARDWARE.CHASSIS_TYPE) ?? (valueOf(HARDWARE.VMSYSTEM) && HARDWARE.VMSYSTEM !== 'Physical' ? 'Virtual machine' : null),
    osName: valueOf(os?.FULL_NAME) ?? valueOf(os?.NAME),
    osVersion: valueOf(os?.VERSION),
    osArch: valueOf(os?.ARCH),
    memoryMb: numberOf(HARDWARE.MEMORY),
    lastUser: valueOf(CONTENT.USERS[0]?.LOGIN),
    bios: { manufacturer: valueOf(BIOS?.BMANUFACTURER), version: valueOf(BIOS?.BVERSION), date: valueOf(BIOS?.BDATE) },
    cpus: CONTENT.CPUS.map((cpu) => ({
      name: valueOf(cpu.NAME),
      manufacturer: valueOf(cpu.MANUFACTURER),
      cores: numberOf(cpu.CORE),
      threads: numberOf(cpu.THREAD),
      mhz: numberOf(cpu.SPEED),
    })),
    disks: CONTENT.STORAGES.filter((disk) => valueOf(disk.NAME)).map((disk) => ({
      name: disk.NAME!,
      model: valueOf(disk.MODEL) ?? valueOf(disk.DESCRIPTION),
      serial: identityOf(disk.SERIALNUMBER),
      sizeMb: numberOf(disk.DISKSIZE),
    })),
    networkCards: networkCardsOf(CONTENT.NETWORKS),
    software: [...software.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.version ?? '').localeCompare(b.version ?? '')),
  };
}
