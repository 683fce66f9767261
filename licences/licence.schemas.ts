import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.number().int().positive();

export const LICENCE_KINDS = ['perpetual', 'subscription', 'oem', 'volume'] as const;
/** Days before expiry to alert, nearest last or first: at most five thresholds of a year or less. */
const AlertDays = z.array(z.number().int().min(1).max(365)).min(1).max(5);

const licenceFields = {
  name: text(255),
  /** The name its software is installed under, as agents report it ("libreoffice-core"). */
  software: text(255),
  publisher: text(255).nullable(),
  kind: z.enum(LICENCE_KINDS),
  /** How many computers or people it covers; null for as many as needed (a site licence). */
  seats: z.number().int().min(1).max(1_000_000).nullable(),
  purchaseDate: z.iso.date().nullable(),
  /** Its last valid day; null when it does not expire. */
  expiresOn: z.iso.date().nullable(),
  /** Its own thresholds; null for its entity's (30 and 7 days unless the entity says otherwise). */
  alertDays: AlertDays.nullable(),
  /** Who its renewal alerts go to (a user id); the one who records it by default. */
  manager: id,
};

export const CreateLicenceBody = z.strictObject({
  ...licenceFields,
  publisher: licenceFields.publisher.optional(),
  seats: licenceFields.seats.optional(),
  purchaseDate: licenceFields.purchaseDate.optional(),
  expiresOn: licenceFields.expiresOn.optional(),
  alertDays: licenceFields.alertDays.optional(),
  manager: licenceFields.manager.optional(),
  /** Its entity; the caller's by default. */
  entity: id.optional(),
});
export type CreateLicenceBody = z.infer<typeof CreateLicenceBody>;

export const EditLicenceBody = z
  .strictObject(licenceFields)
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'name at least one field to change');
export type EditLicenceBody = z.infer<typeof EditLicenceBody>;

/** Who and what a licence is assigned to; each list replaces the previous. */
export const LicenceAssignmentsBody = z.strictObject({
  assets: z.array(id).max(10_000),
  users: z.array(id).max(10_000),
});
export type LicenceAssignmentsBody = z.infer<typeof LicenceAssignmentsBody>;

export const LicenceQuery = z.strictObject({
  /** Words found in its name, software or publisher. */
  search: z.string().trim().min(1).max(100).optional(),
  entity: z.coerce.number().int().positive().optional(),
  /** Only those installed or assigned more times than they have seats. */
  overUsed: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Only those that expire within this many days (or have expired). */
  expiringWithin: z.coerce.number().int().min(0).max(3650).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/, 'a cursor from the previous page').optional(),
});
export type LicenceQuery = z.infer<typeof LicenceQuery>;

export const LicenceView = z.object({
  id: z.number(),
  entity: z.number(),
  name: z.string(),
  software: z.string(),
  publisher: z.string().nullable(),
  kind: z.enum(LICENCE_KINDS),
  seats: z.number().nullable(),
  purchaseDate: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** The thresholds it alerts at: its own, or its entity's. */
  alertDays: z.array(z.number()),
  ownAlertDays: z.boolean(),
  manager: z.number(),
  /** Computers of its entity and those below with its software installed. */
  installations: z.number(),
  /** Computers and people it is assigned to. */
  assigned: z.number(),
  /** More installations or assignments than seats. */
  overUsed: z.boolean(),
});
export type LicenceView = z.infer<typeof LicenceView>;
export const LicencePage = z.object({ items: z.array(LicenceView), nextCursor: z.string().nullable() });

const Named = z.object({ id: z.number(), name: z.string() });
export const LicenceDetail = LicenceView.extend({
  assignedAssets: z.array(Named),
  assignedUsers: z.array(Named),
  /** The computers it is installed on, up to 500. */
  installedOn: z.array(Named),
  /** The renewal alerts sent, newest first. */
  alerts: z.array(
    z.object({ thresholdDays: z.number(), expiresOn: z.string(), sentAt: z.string().nullable(), address: z.string().nullable() }),
  ),
});
export type LicenceDetail = z.infer<typeof LicenceDetail>;
export const LicenceParams = z.object({ id: z.coerce.number().int().positive() });
