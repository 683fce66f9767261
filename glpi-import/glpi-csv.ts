import { parse } from 'csv-parse/sync';
import { textIn } from '../injection/injection-formats';

/** A line of a file that cannot be imported, and why. */
export interface RejectedLine {
  line: number;
  reason: string;
}

/**
 * The text of an export: UTF-8 (GLPI writes it with a byte-order mark), or Windows-1252 when a
 * spreadsheet saved it again and it is not valid UTF-8.
 */
export function textOfExport(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const utf8 = textIn(bytes, 'utf-8');
  return utf8 === undefined ? { text: textIn(bytes, 'windows-1252')!, encoding: 'windows-1252' } : { text: utf8, encoding: 'utf-8' };
}

// A line read, or why it could not be.
const isRejected = <T>(read: T | RejectedLine): read is RejectedLine => read !== null && typeof read === 'object' && 'reason' in read;

/**
 * A CSV file as GLPI exports it (every cell quoted, `;` after each, a header line), read item by
 * item: `headers` names, for each column, the header names it may have; a file without the
 * `required` columns is refused whole (line 1), a line `itemOf` refuses is reported and the others
 * read on.
 */
export function readGlpiCsv<C extends string, T>(
  text: string,
  headers: Record<C, readonly string[]>,
  required: readonly C[],
  itemOf: (line: number, cell: (column: C) => string) => T | RejectedLine,
): { items: T[]; rejected: RejectedLine[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { items: [], rejected: [{ line, reason: `not a CSV file GLPI writes: ${(error as Error).message}` }] };
  }
  const header = (records[0]?.record ?? []).map((name) => name.trim());
  const columns = Object.keys(headers) as C[];
  const index = Object.fromEntries(columns.map((column) => [column, header.findIndex((name) => headers[column].includes(name))])) as Record<
    C,
    number
  >;
  const missing = required.filter((column) => index[column] < 0);
  if (missing.length > 0) {
    const separator = header.length === 1 && /[,\t]/.test(header[0]!) ? ' (the columns are not separated by ";")' : '';
    const names = missing.map((column) => headers[column][0]).join(', ');
    return { items: [], rejected: [{ line: 1, reason: `missing column${missing.length > 1 ? 's' : ''} ${names}${separator}` }] };
  }
  const items: T[] = [];
  const rejected: RejectedLine[] = [];
  for (const { record, info } of records.slice(1)) {
    const read = itemOf(info.lines, (column) => (index[column] < 0 ? '' : (record[index[column]] ?? '')));
    if (isRejected(read)) rejected.push(read);
    else items.push(read);
  }
  return { items, rejected };
}
