import { z } from 'zod';
import { ASSET_KINDS } from './asset-row';

export const COMPUTER_STATES = ['in_use', 'in_stock', 'in_repair', 'retired'] as const;

export const ComputerQuery = z.strictObject({
  /** Words found in the name, serial, user, maker or model. */
  search: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  state: z.enum(COMPUTER_STATES).optional(),
  manufacturer: z.string().trim().min(1).max(255).optional(),
  model: z.string().trim().min(1).max(255).optional(),
  entity: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/, 'a cursor from the previous page').optional(),
});
export type ComputerQuery = z.infer<typeof ComputerQuery>;

export const ComputerSummary = z.object({
  id: z.number(),
  kind: z.enum(ASSET_KINDS),
  entity: z.number(),
  name: z.string(),
  serial: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  type: z.string().nullable(),
  os: z.string().nullable(),
  lastUser: z.string().nullable(),
  state: z.enum(COMPUTER_STATES),
  lastInventoryAt: z.string().nullable(),
});
export type ComputerSummary = z.infer<typeof ComputerSummary>;
export const ComputerPage = z.object({ items: z.array(ComputerSummary), nextCursor: z.string().nullable() });

export const AssetHistoryEntry = z.object({
  at: z.string(),
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  source: z.enum(['agent', 'import', 'person']),
  user: z.number().nullable(),
});
export type AssetHistoryEntry = z.infer<typeof AssetHistoryEntry>;
export const AssetHistoryPage = z.object({ items: z.array(AssetHistoryEntry), nextCursor: z.string().nullable() });
export type AssetHistoryPage = z.infer<typeof AssetHistoryPage>;
export const AssetHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d+$/, 'a cursor from the previous page').optional(),
});
export type AssetHistoryQuery = z.infer<typeof AssetHistoryQuery>;

export const ComputerView = ComputerSummary.extend({
  uuid: z.string().nullable(),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  osArch: z.string().nullable(),
  memoryMb: z.number().nullable(),
  bios: z.object({ manufacturer: z.string().nullable(), version: z.string().nullable(), date: z.string().nullable() }),
  cpus: z.array(
    z.object({
      name: z.string().nullable(),
      manufacturer: z.string().nullable(),
      cores: z.number().nullable(),
      threads: z.number().nullable(),
      mhz: z.number().nullable(),
    }),
  ),
  disks: z.array(
    z.object({ name: z.string(), model: z.string().nullable(), serial: z.string().nullable(), sizeMb: z.number().nullable() }),
  ),
  networkCards: z.array(z.object({ name: z.string(), mac: z.string(), ips: z.array(z.string()), virtual: z.boolean() })),
  location: z.string().nullable(),
  user: z.number().nullable(),
  purchaseDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  software: z.array(
    z.object({ name: z.string(), publisher: z.string().nullable(), version: z.string().nullable(), arch: z.string().nullable() }),
  ),
  /** The latest changes first, up to 500. */
  history: z.array(AssetHistoryEntry),
  /** The cursor of the changes before those, read with `GET /api/v1/assets/:id/history`; null when there are none. */
  olderHistory: z.string().nullable(),
  /** The tickets about it that the caller may see, newest first, up to 100. */
  tickets: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      type: z.string(),
      status: z.string(),
      priority: z.number(),
      openedAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
});
export type ComputerView = z.infer<typeof ComputerView>;
export const ComputerParams = z.object({ id: z.coerce.number().int().positive() });

/** What a person edits of a computer; what its agent reports comes back with its next inventory. */
export const EditComputerBody = z
  .strictObject({
    name: z.string().trim().min(1).max(255),
    state: z.enum(COMPUTER_STATES),
    location: z.string().trim().max(255).nullable(),
    purchaseDate: z.iso.date().nullable(),
    warrantyEnd: z.iso.date().nullable(),
    /** The person it is for (a user id): a requester names it on their tickets. */
    user: z.number().int().positive().nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change');
export type EditComputerBody = z.infer<typeof EditComputerBody>;
