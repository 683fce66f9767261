import iconv from 'iconv-lite';
import { DateTime } from 'luxon';

export const ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const SEPARATORS = [';', ',', '\t', '|'] as const;
export const DECIMAL_SEPARATORS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];

/** How dates are written in a file, as people name them; each reads days and months with or without their leading zero. */
export const DATE_FORMATS = {
  'YYYY-MM-DD': 'yyyy-M-d',
  'DD/MM/YYYY': 'd/M/yyyy',
  'MM/DD/YYYY': 'M/d/yyyy',
  'DD.MM.YYYY': 'd.M.yyyy',
  'DD-MM-YYYY': 'd-M-yyyy',
} as const;
export type DateFormat = keyof typeof DATE_FORMATS;

/**
 * A file's text in its encoding; undefined when it is not UTF-8 and said to be (a spreadsheet's
 * Windows-1252 read as UTF-8 would corrupt every accent). A UTF-8 byte-order mark is dropped.
 */
export function textIn(bytes: Uint8Array, encoding: Encoding): string | undefined {
  // Node's own decoder reads Windows-1252 as Latin-1 (œ, €, ’ and the like come out as control characters).
  if (encoding === 'windows-1252') return iconv.decode(Buffer.from(bytes), 'windows-1252');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A date of a file as `YYYY-MM-DD`, or undefined when it is none in `format` (31/02 is none).
 * @example dateIn('03/07/2024', 'DD/MM/YYYY') // '2024-07-03'
 */
export function dateIn(text: string, format: DateFormat): string | undefined {
  const date = DateTime.fromFormat(text.trim(), DATE_FORMATS[format], { zone: 'utc' });
  return date.isValid ? date.toISODate() : undefined;
}

/**
 * A whole number of a file, its thousands grouped by spaces or by the other separator than the
 * decimal one; undefined when it is none.
 * @example wholeNumberIn('16 384', ',') // 16384
 */
export function wholeNumberIn(text: string, decimal: DecimalSeparator): number | undefined {
  const grouping = decimal === ',' ? '.' : ',';
  const digits = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .split(grouping)
    .join('');
  const [whole, fraction = ''] = digits.split(decimal);
  if (!/^-?\d+$/.test(whole ?? '') || !/^0*$/.test(fraction) || digits.split(decimal).length > 2) return undefined;
  const value = Number(whole);
  return Number.isSafeInteger(value) ? value : undefined;
}
