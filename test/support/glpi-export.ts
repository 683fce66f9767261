/** A line of GLPI's ticket-list export as GLPI writes it: every cell quoted, ";" after each one. */
export const exportLine = (cells: (string | number)[]): string =>
  cells.map((cell) => `"${String(cell).replace(/"/g, '""')}";`).join('') + '\n';

export const FRENCH_HEADERS = [
  'ID',
  'Titre',
  'Entité',
  'Statut',
  'Dernière modification',
  "Date d'ouverture",
  'Priorité',
  'Demandeur - Demandeur',
  'Attribué à - Technicien',
  'Catégorie',
];
export const ENGLISH_HEADERS = [
  'ID',
  'Title',
  'Entity',
  'Status',
  'Last update',
  'Opening date',
  'Priority',
  'Requester - Requester',
  'Assigned to - Technician',
  'Category',
];
