import { COMPUTER_STATES } from '../inventory/computer.schemas';
import { LICENCE_KINDS } from '../licences/licence.schemas';
import { PROFILES } from '../users/profiles';
import { dateIn, wholeNumberIn, type DateFormat, type DecimalSeparator } from './injection-formats';

/** What a file may fill: computers, monitors, printers, phones, network devices, users or software licences. */
export const TARGETS = ['computer', 'monitor', 'printer', 'phone', 'network_device', 'user', 'licence'] as const;
export type Target = (typeof TARGETS)[number];

/** How a field's cell is read. */
type FieldKind =
  | { type: 'text'; max: number }
  | { type: 'email' }
  | { type: 'date' }
  | { type: 'wholeNumber'; min: number; max: number }
  /** One of `values`, written as the value itself or as one of its names (French or English, any case). */
  | { type: 'choice'; values: Readonly<Record<string, readonly string[]>> }
  /** A user named by their login, found when the line is written. */
  | { type: 'userLogin' };

const text = (max: number): FieldKind => ({ type: 'text', max });
const date: FieldKind = { type: 'date' };

const STATES: Record<(typeof COMPUTER_STATES)[number], readonly string[]> = {
  in_use: ['in use', 'en service'],
  in_stock: ['in stock', 'en stock'],
  in_repair: ['in repair', 'en réparation', 'en reparation'],
  retired: ['retired', 'réformé', 'reforme', 'retiré'],
};
const LICENCE_KIND_NAMES: Record<(typeof LICENCE_KINDS)[number], readonly string[]> = {
  perpetual: ['perpétuelle', 'perpetuelle'],
  subscription: ['abonnement'],
  oem: [],
  volume: [],
};

const HARDWARE = {
  name: text(255),
  serial: text(255),
  manufacturer: text(255),
  model: text(255),
  type: text(100),
  state: { type: 'choice', values: STATES },
  location: text(255),
  user: { type: 'userLogin' },
  purchaseDate: date,
  warrantyEnd: date,
} as const satisfies Record<string, FieldKind>;

/**
 * Each target's fields, those a new item cannot go without, and those that may identify an
 * existing one (an asset or licence within the mapping's entity, a user anywhere).
 */
export const TARGET_FIELDS = {
  computer: {
    fields: {
      ...HARDWARE,
      uuid: text(64),
      osName: text(255),
      osVersion: text(100),
      memoryMb: { type: 'wholeNumber', min: 0, max: 100_000_000 },
    },
    required: ['name'],
    identifying: ['name', 'serial', 'uuid'],
  },
  monitor: { fields: HARDWARE, required: ['name'], identifying: ['name', 'serial'] },
  printer: { fields: HARDWARE, required: ['name'], identifying: ['name', 'serial'] },
  phone: { fields: HARDWARE, required: ['name'], identifying: ['name', 'serial'] },
  network_device: { fields: HARDWARE, required: ['name'], identifying: ['name', 'serial'] },
  user: {
    fields: {
      login: text(191),
      name: text(255),
      email: { type: 'email' },
      profile: { type: 'choice', values: Object.fromEntries(PROFILES.map((profile) => [profile, []])) },
    },
    required: ['login', 'name'],
    identifying: ['login', 'email'],
  },
  licence: {
    fields: {
      name: text(255),
      software: text(255),
      publisher: text(255),
      kind: { type: 'choice', values: LICENCE_KIND_NAMES },
      seats: { type: 'wholeNumber', min: 1, max: 1_000_000 },
      purchaseDate: date,
      expiresOn: date,
    },
    required: ['name', 'software', 'kind'],
    identifying: ['name', 'software'],
  },
} as const satisfies Record<Target, { fields: Record<string, FieldKind>; required: readonly string[]; identifying: readonly string[] }>;

/** The fields a target's file may fill. */
export const fieldsOf = (target: Target): string[] => Object.keys(TARGET_FIELDS[target].fields);

/** How the mapping's file writes dates and numbers. */
export interface CellFormats {
  dateFormat: DateFormat;
  decimalSeparator: DecimalSeparator;
}

/** The values a line gives, by field: a text, a date as YYYY-MM-DD, a number, or a user's login. */
export type LineValues = Record<string, string | number>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const folded = (value: string) => value.normalize('NFC').trim().toLowerCase();

function valueOf(kind: FieldKind, cell: string, formats: CellFormats): string | number | { error: string } {
  switch (kind.type) {
    case 'text':
      return cell.length <= kind.max ? cell : { error: `longer than ${kind.max} characters` };
    case 'email':
      return EMAIL.test(cell) && cell.length <= 255 ? cell : { error: `"${cell}" is not an e-mail address` };
    case 'date':
      return dateIn(cell, formats.dateFormat) ?? { error: `"${cell}" is not a date written ${formats.dateFormat}` };
    case 'wholeNumber': {
      const value = wholeNumberIn(cell, formats.decimalSeparator);
      if (value === undefined) return { error: `"${cell}" is not a whole number` };
      return value >= kind.min && value <= kind.max ? value : { error: `${value} is not between ${kind.min} and ${kind.max}` };
    }
    case 'choice': {
      const found = Object.entries(kind.values).find(([value, names]) => [value, ...names].some((name) => folded(name) === folded(cell)));
      return found?.[0] ?? { error: `"${cell}" is not one of ${Object.keys(kind.values).join(', ')}` };
    }
    case 'userLogin':
      return cell;
  }
}

/**
 * What a line's cells give each field of `target`, read as the mapping's formats say; an empty cell
 * gives nothing (an update leaves its field as it is). Each cell that cannot be read is an error
 * naming its field.
 *
 * @example lineValues('computer', { name: 'PC-12', memoryMb: '8 192' }, formats) // { values: { name: 'PC-12', memoryMb: 8192 }, errors: [] }
 */
export function lineValues(
  target: Target,
  cells: Readonly<Record<string, string>>,
  formats: CellFormats,
): { values: LineValues; errors: string[] } {
  const fields: Record<string, FieldKind> = TARGET_FIELDS[target].fields;
  const values: LineValues = {};
  const errors: string[] = [];
  for (const [field, raw] of Object.entries(cells)) {
    const cell = raw.trim();
    const kind = fields[field];
    if (cell === '' || !kind) continue;
    const value = valueOf(kind, cell, formats);
    if (typeof value === 'object') errors.push(`${field}: ${value.error}`);
    else values[field] = value;
  }
  return { values, errors };
}
