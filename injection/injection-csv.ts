import { parse, type CsvError } from 'csv-parse/sync';

/** A line of the file: its number (the header is line 1) and its cells, by the field their column fills. */
export interface MappedLine {
  line: number;
  cells: Record<string, string>;
}

/** A line that says nothing usable, and why. */
export interface UnreadableLine {
  line: number;
  reason: string;
}

export type MappedCsv =
  | { lines: MappedLine[]; unreadable: UnreadableLine[] }
  /** The mapped headers the file's first line lacks: the file is not the one the mapping is for. */
  | { missingHeaders: string[] };

const headerKey = (header: string) => header.normalize('NFC').trim().toLowerCase();

/**
 * A CSV file read through a mapping: its first line names the columns (in any order, any case;
 * columns the mapping does not name are ignored), each other line gives the cells of the mapped
 * fields. A line the CSV reader cannot make out (a quote left open, a stray quote) is reported,
 * the others read on.
 */
export function readMappedCsv(text: string, separator: string, columns: readonly { header: string; field: string }[]): MappedCsv {
  const unreadable: UnreadableLine[] = [];
  const records = parse(text, {
    delimiter: separator,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (error: CsvError | undefined) => {
      unreadable.push({ line: (error as { lines?: number } | undefined)?.lines ?? 0, reason: error?.message ?? 'not a CSV line' });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = (records[0]?.record ?? []).map(headerKey);
  const positions = columns.map((column) => ({ ...column, index: header.indexOf(headerKey(column.header)) }));
  const missingHeaders = positions.filter((column) => column.index < 0).map((column) => column.header);
  if (missingHeaders.length > 0) return { missingHeaders };
  const lines = records.slice(1).flatMap(({ record, info }) => {
    if (record.every((cell) => cell.trim() === '')) return [];
    return [{ line: info.lines, cells: Object.fromEntries(positions.map(({ field, index }) => [field, record[index] ?? ''])) }];
  });
  return { lines, unreadable };
}
