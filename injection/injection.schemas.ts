import { z } from 'zod';
import { DATE_FORMATS, DECIMAL_SEPARATORS, ENCODINGS, SEPARATORS, type DateFormat } from './injection-formats';
import { TARGET_FIELDS, TARGETS, fieldsOf } from './injection-targets';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A saved mapping: which column of a file fills which field of the target's items, the fields
 * whose values together identify an existing item, whether a run may create and update items,
 * and how the file is written.
 */
export const MappingBody = z
  .strictObject({
    name: text(255),
    target: z.enum(TARGETS),
    /** Where new items go, and where assets and licences are looked for. */
    entity: z.number().int().positive(),
    separator: z.enum(SEPARATORS).default(';'),
    encoding: z.enum(ENCODINGS).default('utf-8'),
    dateFormat: z.enum(Object.keys(DATE_FORMATS) as [DateFormat, ...DateFormat[]]).default('YYYY-MM-DD'),
    decimalSeparator: z.enum(DECIMAL_SEPARATORS).default('.'),
    columns: z
      .array(z.strictObject({ header: text(255), field: text(50) }))
      .min(1)
      .max(50),
    identify: z.array(text(50)).min(1).max(3),
    allowCreate: z.boolean().default(true),
    allowUpdate: z.boolean().default(true),
  })
  .superRefine((mapping, context) => {
    const { fields, required, identifying } = TARGET_FIELDS[mapping.target];
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
    const mapped = mapping.columns.map((column) => column.field);
    mapping.columns.forEach((column, index) => {
      if (!Object.hasOwn(fields, column.field))
        issue(['columns', index, 'field'], `not a field of a ${mapping.target}: ${fieldsOf(mapping.target).join(', ')}`);
      else if (mapped.indexOf(column.field) !== index) issue(['columns', index, 'field'], `${column.field} is filled by another column`);
      const headers = mapping.columns.map((other) => other.header.toLowerCase());
      if (headers.indexOf(column.header.toLowerCase()) !== index)
        issue(['columns', index, 'header'], `the column "${column.header}" is named twice`);
    });
    mapping.identify.forEach((field, index) => {
      if (!(identifying as readonly string[]).includes(field))
        issue(['identify', index], `a ${mapping.target} is identified by ${identifying.join(', ')}`);
      else if (!mapped.includes(field)) issue(['identify', index], `${field} is filled by no column`);
    });
    if (!mapping.allowCreate && !mapping.allowUpdate) issue(['allowCreate'], 'allow creation, updates or both');
    const lacking = (required as readonly string[]).filter((field) => !mapped.includes(field));
    if (mapping.allowCreate && lacking.length > 0) issue(['columns'], `creating a ${mapping.target} needs ${lacking.join(', ')}`);
  });
export type MappingBody = z.infer<typeof MappingBody>;

export const MappingView = z.object({
  id: z.number(),
  name: z.string(),
  target: z.enum(TARGETS),
  entity: z.number(),
  separator: z.enum(SEPARATORS),
  encoding: z.enum(ENCODINGS),
  dateFormat: z.enum(Object.keys(DATE_FORMATS) as [DateFormat, ...DateFormat[]]),
  decimalSeparator: z.enum(DECIMAL_SEPARATORS),
  columns: z.array(z.object({ header: z.string(), field: z.string() })),
  identify: z.array(z.string()),
  allowCreate: z.boolean(),
  allowUpdate: z.boolean(),
  createdBy: z.number(),
  updatedAt: z.string(),
});
export type MappingView = z.infer<typeof MappingView>;
export const MappingParams = z.object({ id: z.coerce.number().int().positive() });

/** The field sent before the file (multipart/form-data). */
export const RunFields = z.strictObject({
  /** True (the default) to see what the file would do, writing nothing. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});
export type RunFields = z.infer<typeof RunFields>;

const OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'rejected'] as const;

export const RunSummary = z.object({
  id: z.number(),
  mapping: z.number(),
  dryRun: z.boolean(),
  fileName: z.string(),
  /** The file's lines below its header. */
  lines: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  rejected: z.number(),
  startedBy: z.number(),
  startedAt: z.string(),
  durationMs: z.number(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunView = RunSummary.extend({
  /** What became of each line (a dry run's new items have no id). */
  report: z.array(
    z.object({
      line: z.number(),
      outcome: z.enum(OUTCOMES),
      item: z.number().optional(),
      reason: z.string().optional(),
      changed: z.array(z.string()).optional(),
    }),
  ),
});
export type RunView = z.infer<typeof RunView>;
export const RunParams = z.object({ id: z.coerce.number().int().positive() });

/** Each target's fields, those a new item needs, and those that may identify one: what a mapping's form offers. */
export const TargetsView = z.record(
  z.enum(TARGETS),
  z.object({ fields: z.array(z.string()), required: z.array(z.string()), identifying: z.array(z.string()) }),
);
