import { ENGLISH_HEADERS, FRENCH_HEADERS, exportLine } from '../support/glpi-export';
import { describe, expect, it } from 'vitest';
import { textOfExport } from '../../glpi-import/glpi-csv';
import { glpiExportTime, readTicketExport } from '../../glpi-import/glpi-ticket-export';

describe("reading GLPI's ticket-list export", () => {
  it('reads the French export with its byte-order mark, labels as GLPI prints them and several requesters in one cell', () => {
    const csv =
      '\uFEFF' +
      exportLine(FRENCH_HEADERS) +
      exportLine([
        '1 234',
        'Imprimante en panne',
        'Entité racine > Siège',
        'En cours (Attribué)',
        '2024-03-12 10:05',
        '2024-03-12 09:41',
        'Très haute',
        'Alice Martin\nBob Durand',
        'Thomas Petit',
        'Matériel > Imprimante',
      ]) +
      exportLine(['1235', 'Accès VPN', 'Entité racine', 'Clos', '2024-03-15 17:00', '2024-03-13 08:00', 'Moyenne', 'Alice Martin', '', '']);
    const { text, encoding } = textOfExport(Buffer.from(csv, 'utf8'));
    expect(encoding).toBe('utf-8');
    const { tickets, rejected } = readTicketExport(text);
    expect(rejected).toEqual([]);
    expect(tickets).toEqual([
      {
        line: 3,
        ref: 1234,
        title: 'Imprimante en panne',
        entity: 'Entité racine > Siège',
        status: 'assigned',
        openedAt: new Date('2024-03-12T09:41:00Z'),
        updatedAt: new Date('2024-03-12T10:05:00Z'),
        priority: 5,
        requesters: ['Alice Martin', 'Bob Durand'],
        technicians: ['Thomas Petit'],
        category: 'Matériel > Imprimante',
      },
      expect.objectContaining({ line: 4, ref: 1235, status: 'closed', priority: 3, technicians: [], category: null }),
    ]);
  });

  it('reads the English export, and a Windows-1252 file a spreadsheet saved again', () => {
    const csv =
      exportLine(ENGLISH_HEADERS) +
      exportLine([
        '77',
        'Écran noir',
        'Root entity',
        'Processing (planned)',
        '12-03-2024 10:05',
        '12-03-2024 09:41',
        'Very high',
        'Zoé Lefèvre',
        '',
        'Matériel',
      ]);
    const english = readTicketExport(textOfExport(Buffer.from(csv, 'utf8')).text);
    expect(english.tickets).toEqual([
      expect.objectContaining({ ref: 77, title: 'Écran noir', status: 'planned', priority: 5, openedAt: new Date('2024-03-12T09:41:00Z') }),
    ]);
    const resaved = textOfExport(Buffer.from(csv, 'latin1'));
    expect(resaved.encoding).toBe('windows-1252');
    expect(readTicketExport(resaved.text)).toEqual(english);
  });

  it('reports each bad line with its reason and reads the others; a file that is not the export is refused whole', () => {
    const csv =
      exportLine(FRENCH_HEADERS) +
      exportLine(['1', 'Bon', 'Entité racine', 'Nouveau', '', '2024-01-02 08:00', 'Basse', 'Alice Martin', '', '']) +
      exportLine(['2', 'Statut inconnu', 'Entité racine', 'Terminé', '', '2024-01-02 08:00', 'Basse', 'Alice Martin', '', '']) +
      exportLine(['3', 'Date jamais écrite', 'Entité racine', 'Nouveau', '', '02/01/2024 8h', 'Basse', 'Alice Martin', '', '']) +
      exportLine(['4', 'Le 30 février', 'Entité racine', 'Nouveau', '', '2024-02-30 08:00', 'Basse', 'Alice Martin', '', '']) +
      exportLine(['5', 'Priorité inconnue', 'Entité racine', 'Nouveau', '', '2024-01-02 08:00', 'Urgente', 'Alice Martin', '', '']) +
      exportLine(['x', 'Sans numéro', 'Entité racine', 'Nouveau', '', '2024-01-02 08:00', 'Basse', 'Alice Martin', '', '']);
    const { tickets, rejected } = readTicketExport(csv);
    expect(tickets.map((ticket) => ticket.ref)).toEqual([1]);
    expect(rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^Statut: "Terminé"/) },
      { line: 4, reason: expect.stringMatching(/^Date d'ouverture: "02\/01\/2024 8h" is not a date GLPI writes/) },
      { line: 5, reason: expect.stringMatching(/^Date d'ouverture/) },
      { line: 6, reason: expect.stringMatching(/^Priorité: "Urgente"/) },
      { line: 7, reason: expect.stringMatching(/^ID: "x"/) },
    ]);
    const commas = FRENCH_HEADERS.join(',') + '\n1,Bon,Entité racine,Nouveau,,2024-01-02 08:00,Basse,Alice Martin,,\n';
    expect(readTicketExport(commas)).toEqual({
      tickets: [],
      rejected: [{ line: 1, reason: expect.stringMatching(/not separated by ";"/) }],
    });
    const noStatus = exportLine(FRENCH_HEADERS.filter((name) => name !== 'Statut'));
    expect(readTicketExport(noStatus).rejected).toEqual([{ line: 1, reason: 'missing column Statut' }]);
  });

  it('reads the times GLPI writes, and no other', () => {
    expect(glpiExportTime('2024-03-12 09:41')).toEqual(new Date('2024-03-12T09:41:00Z'));
    expect(glpiExportTime('2024-03-12 09:41:07')).toEqual(new Date('2024-03-12T09:41:07Z'));
    expect(glpiExportTime('12-03-2024 09:41')).toEqual(new Date('2024-03-12T09:41:00Z'));
    for (const never of ['2024-03-12', '12/03/2024 09:41', '2024-13-01 10:00', 'hier']) expect(glpiExportTime(never), never).toBeNull();
  });
});
