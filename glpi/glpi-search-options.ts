import { ValidationError } from '../core/errors';

/** How a search option is filtered and sorted. */
export type OptionKind = 'text' | 'number' | 'status' | 'type' | 'date' | 'requester' | 'technician' | 'group' | 'category' | 'entity';

export interface SearchOption {
  name: string;
  table: string;
  field: string;
  datatype: string;
  uid: string;
  kind: OptionKind;
  /** The ticket column it sorts by (and filters on, for plain ones). */
  column: string | null;
}

const option = (
  name: string,
  table: string,
  field: string,
  datatype: string,
  uid: string,
  kind: OptionKind,
  column: string | null,
): SearchOption => ({ name, table, field, datatype, uid, kind, column });

/** GLPI's own search option ids for a ticket's common fields. */
export const TICKET_SEARCH_OPTIONS: Record<number, SearchOption> = {
  1: option('Title', 'glpi_tickets', 'name', 'itemlink', 'Ticket.name', 'text', 'title'),
  2: option('ID', 'glpi_tickets', 'id', 'number', 'Ticket.id', 'number', 'id'),
  3: option('Priority', 'glpi_tickets', 'priority', 'specific', 'Ticket.priority', 'number', 'priority'),
  4: option('Requester', 'glpi_users', 'name', 'dropdown', 'Ticket.User.name', 'requester', null),
  5: option('Technician', 'glpi_users', 'name', 'dropdown', 'Ticket.Technician.name', 'technician', 'assignee_id'),
  7: option('Category', 'glpi_itilcategories', 'completename', 'dropdown', 'Ticket.ITILCategory.completename', 'category', 'category_id'),
  8: option('Technician group', 'glpi_groups', 'completename', 'dropdown', 'Ticket.Group.completename', 'group', 'group_id'),
  10: option('Urgency', 'glpi_tickets', 'urgency', 'specific', 'Ticket.urgency', 'number', 'urgency'),
  11: option('Impact', 'glpi_tickets', 'impact', 'specific', 'Ticket.impact', 'number', 'impact'),
  12: option('Status', 'glpi_tickets', 'status', 'specific', 'Ticket.status', 'status', 'status'),
  14: option('Type', 'glpi_tickets', 'type', 'specific', 'Ticket.type', 'type', 'type'),
  15: option('Opening date', 'glpi_tickets', 'date', 'datetime', 'Ticket.date', 'date', 'opened_at'),
  16: option('Closing date', 'glpi_tickets', 'closedate', 'datetime', 'Ticket.closedate', 'date', 'closed_at'),
  17: option('Resolution date', 'glpi_tickets', 'solvedate', 'datetime', 'Ticket.solvedate', 'date', 'resolved_at'),
  18: option('Time to resolve', 'glpi_tickets', 'time_to_resolve', 'datetime', 'Ticket.time_to_resolve', 'date', 'ttr_due'),
  19: option('Last update', 'glpi_tickets', 'date_mod', 'datetime', 'Ticket.date_mod', 'date', 'updated_at'),
  21: option('Description', 'glpi_tickets', 'content', 'text', 'Ticket.content', 'text', 'description'),
  80: option('Entity', 'glpi_entities', 'completename', 'dropdown', 'Ticket.Entity.completename', 'entity', 'entity_id'),
};

/** The search types each kind of option takes, as listSearchOptions names them. */
const SEARCH_TYPES: Record<OptionKind, string[]> = {
  text: ['contains', 'notcontains', 'equals', 'notequals'],
  number: ['contains', 'notcontains', 'equals', 'notequals', 'lessthan', 'morethan'],
  status: ['equals', 'notequals'],
  type: ['equals', 'notequals'],
  date: ['contains', 'notcontains', 'equals', 'notequals', 'lessthan', 'morethan'],
  requester: ['contains', 'notcontains', 'equals', 'notequals'],
  technician: ['contains', 'notcontains', 'equals', 'notequals'],
  group: ['contains', 'notcontains', 'equals', 'notequals', 'under', 'notunder'],
  category: ['contains', 'notcontains', 'equals', 'notequals', 'under', 'notunder'],
  entity: ['contains', 'notcontains', 'equals', 'notequals', 'under', 'notunder'],
};

/** The columns a search shows when it forces none, as GLPI's default ticket list does. */
export const DEFAULT_DISPLAY = [1, 2, 80, 12, 19, 15, 3, 4, 5, 7];

/** listSearchOptions/Ticket, as GLPI answers it. */
export function listSearchOptions() {
  return {
    common: { name: 'Characteristics' },
    ...Object.fromEntries(
      Object.entries(TICKET_SEARCH_OPTIONS).map(([id, opt]) => [
        id,
        {
          name: opt.name,
          table: opt.table,
          field: opt.field,
          datatype: opt.datatype,
          nosearch: false,
          nodisplay: false,
          available_searchtypes: SEARCH_TYPES[opt.kind],
          uid: opt.uid,
        },
      ]),
    ),
  };
}

export type Link = 'AND' | 'OR' | 'AND NOT' | 'OR NOT';

/** One criterion of a search, or a group of them. */
export type Criterion = { link: Link; option: SearchOption; searchtype: string; value: string } | { link: Link; group: Criterion[] };

/** A search with a field GLPI does not know: GLPI's own answer. */
export class BadSearchFieldError extends Error {}

const LINKS: readonly Link[] = ['AND', 'OR', 'AND NOT', 'OR NOT'];

const entriesOf = (value: unknown): Record<string, unknown>[] =>
  value && typeof value === 'object'
    ? ((Object.values(value) as unknown[]).filter((item) => item && typeof item === 'object') as Record<string, unknown>[])
    : [];

/** A parameter as text: a string or a number as it is, anything else (a nested object, nothing) as empty. */
export const paramText = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The id of the search option a criterion, `forcedisplay` or `sort` names, by GLPI id or uid. */
export function optionIdOf(field: unknown): number | undefined {
  const key = paramText(field);
  if (TICKET_SEARCH_OPTIONS[Number(key)]) return Number(key);
  const found = Object.entries(TICKET_SEARCH_OPTIONS).find(([, opt]) => opt.uid === key || opt.uid === `Ticket.${key}`);
  return found && Number(found[0]);
}

const optionOf = (field: unknown): SearchOption | undefined => {
  const id = optionIdOf(field);
  return id === undefined ? undefined : TICKET_SEARCH_OPTIONS[id];
};

/** The criteria of `criteria[n][link|field|searchtype|value]` (groups in `criteria[n][criteria]`), as parsed from the query. */
export function criteriaOf(raw: unknown): Criterion[] {
  return entriesOf(raw).map((entry, index) => {
    const link = paramText(entry['link'] ?? 'AND').toUpperCase() as Link;
    if (!LINKS.includes(link)) throw new ValidationError({ [`criteria[${index}][link]`]: `use one of ${LINKS.join(', ')}` });
    if (entry['criteria'] !== undefined) return { link, group: criteriaOf(entry['criteria']) };
    const opt = optionOf(entry['field']);
    if (!opt) throw new BadSearchFieldError();
    const searchtype = paramText(entry['searchtype'] ?? 'contains');
    if (!SEARCH_TYPES[opt.kind].includes(searchtype)) {
      throw new ValidationError({ [`criteria[${index}][searchtype]`]: `use one of ${SEARCH_TYPES[opt.kind].join(', ')}` });
    }
    return { link, option: opt, searchtype, value: paramText(entry['value']) };
  });
}

/** The option ids to show: the defaults, then those forced (`forcedisplay[n]`), each once. */
export function displayedOptions(forced: unknown): number[] {
  const fields = forced === undefined ? [] : forced !== null && typeof forced === 'object' ? Object.values(forced) : [forced];
  const forcedIds = fields.map((field) => {
    const id = optionIdOf(field);
    if (id === undefined) throw new BadSearchFieldError();
    return id;
  });
  return [...new Set([...DEFAULT_DISPLAY, ...forcedIds])];
}
