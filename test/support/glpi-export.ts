import { EXPORT_HEADERS } from '../../glpi-import/glpi-ticket-export';

/** A line of GLPI's ticket-list export as GLPI writes it: every cell quoted, ";" after each one. */
export const exportLine = (cells: (string | number)[]): string =>
  cells.map((cell) => `"${String(cell).replace(/"/g, '""')}";`).join('') + '\n';

export const FRENCH_HEADERS = EXPORT_HEADERS.fr;
export const ENGLISH_HEADERS = EXPORT_HEADERS.en;
