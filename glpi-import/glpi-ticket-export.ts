import { readGlpiCsv, type RejectedLine } from './glpi-csv';
import type { CanonicalStatus } from '../lifecycles/definition';

/** The columns of GLPI's ticket-list export guichet reads, by GLPI's French and English headers. */
const HEADERS = {
  ref: ['ID'],
  title: ['Titre', 'Title'],
  entity: ['Entité', 'Entity'],
  status: ['Statut', 'Status'],
  updatedAt: ['Dernière modification', 'Last update'],
  openedAt: ["Date d'ouverture", 'Opening date'],
  priority: ['Priorité', 'Priority'],
  requester: ['Demandeur - Demandeur', 'Requester - Requester'],
  technician: ['Attribué à - Technicien', 'Assigned to - Technician'],
  category: ['Catégorie', 'Category'],
} as const;
type Column = keyof typeof HEADERS;

/** The headers of GLPI's export as it writes them in French and in English, in its order. */
export const EXPORT_HEADERS = {
  fr: Object.values(HEADERS).map((names) => names[0]),
  en: Object.values(HEADERS).map((names) => names.at(-1)!),
};
const REQUIRED: readonly Column[] = ['ref', 'title', 'status', 'openedAt'];

/** GLPI's status labels as it prints them, in French and English. */
const STATUS_LABELS: Record<string, CanonicalStatus> = {
  nouveau: 'new',
  new: 'new',
  'en cours (attribué)': 'assigned',
  'processing (assigned)': 'assigned',
  'en cours (planifié)': 'planned',
  'processing (planned)': 'planned',
  'en attente': 'pending',
  pending: 'pending',
  résolu: 'resolved',
  solved: 'resolved',
  clos: 'closed',
  closed: 'closed',
};

/** GLPI's priority labels, in French and English, as its numbers (which are ours). */
const PRIORITY_LABELS: Record<string, number> = {
  'très basse': 1,
  'very low': 1,
  basse: 2,
  low: 2,
  moyenne: 3,
  medium: 3,
  haute: 4,
  high: 4,
  'très haute': 5,
  'very high': 5,
  majeure: 6,
  major: 6,
};

/** One ticket of the export, read and checked line by line. */
export interface ExportedTicket {
  line: number;
  /** GLPI's ticket number. */
  ref: number;
  title: string;
  /** Names as GLPI prints them: an entity's or a category's full path ("Entité racine > Siège"). */
  entity: string | null;
  status: CanonicalStatus;
  openedAt: Date;
  updatedAt: Date | null;
  priority: number;
  requesters: string[];
  technicians: string[];
  category: string | null;
}

// A time as GLPI writes it in its exports, by the user's date format: YYYY-MM-DD, DD-MM-YYYY or MM-DD-YYYY, then HH:MM[:SS].
const DATE_FORMATS: { pattern: RegExp; order: [year: number, month: number, day: number] }[] = [
  { pattern: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/, order: [1, 2, 3] },
  { pattern: /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/, order: [3, 2, 1] },
];

/** A time as GLPI prints it (UTC), or null when GLPI never writes one so. */
export function glpiExportTime(value: string): Date | null {
  for (const { pattern, order } of DATE_FORMATS) {
    const match = pattern.exec(value.trim());
    if (!match) continue;
    const [y, mo, d] = order.map((index) => Number(match[index]));
    const date = new Date(Date.UTC(y!, mo! - 1, d, Number(match[4]), Number(match[5]), Number(match[6] ?? 0)));
    // 2024-02-30 is no day: the date must read back as written.
    if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d!) return null;
    return date;
  }
  return null;
}

// A cell that holds several names: GLPI puts one per line.
const namesIn = (cell: string): string[] =>
  cell
    .split(/\r?\n|\$\$##\$\$/)
    .map((name) => name.trim())
    .filter(Boolean);

function ticketOf(line: number, cell: (column: Column) => string): ExportedTicket | RejectedLine {
  const ref = Number(cell('ref').replace(/\s/g, ''));
  if (!Number.isInteger(ref) || ref <= 0) return { line, reason: `ID: "${cell('ref')}" is not a ticket number` };
  const status = STATUS_LABELS[cell('status').trim().toLowerCase()];
  if (!status) return { line, reason: `Statut: "${cell('status')}" is no GLPI status` };
  const openedAt = glpiExportTime(cell('openedAt'));
  if (!openedAt) return { line, reason: `Date d'ouverture: "${cell('openedAt')}" is not a date GLPI writes` };
  const updatedAt = cell('updatedAt').trim() ? glpiExportTime(cell('updatedAt')) : null;
  if (cell('updatedAt').trim() && !updatedAt)
    return { line, reason: `Dernière modification: "${cell('updatedAt')}" is not a date GLPI writes` };
  const priorityLabel = cell('priority').trim().toLowerCase();
  const priority = priorityLabel ? PRIORITY_LABELS[priorityLabel] : 3;
  if (priority === undefined) return { line, reason: `Priorité: "${cell('priority')}" is no GLPI priority` };
  const title = cell('title').trim();
  if (!title) return { line, reason: 'Titre: empty' };
  return {
    line,
    ref,
    title: title.slice(0, 255),
    entity: cell('entity').trim() || null,
    status,
    openedAt,
    updatedAt,
    priority,
    requesters: namesIn(cell('requester')),
    technicians: namesIn(cell('technician')),
    category: cell('category').trim() || null,
  };
}

/**
 * GLPI's ticket-list export read: every cell quoted, `;` after each, French or English headers.
 * A file whose header is not GLPI's is refused whole (line 1); a bad line is reported with its
 * reason and the others read on.
 */
export function readTicketExport(text: string): { tickets: ExportedTicket[]; rejected: RejectedLine[] } {
  const { items, rejected } = readGlpiCsv(text, HEADERS, REQUIRED, ticketOf);
  return { tickets: items, rejected };
}
