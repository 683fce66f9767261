import { describe, expect, it } from 'vitest';
import { readMappedCsv } from '../../injection/injection-csv';
import { dateIn, textIn, wholeNumberIn } from '../../injection/injection-formats';
import { planLine, type InjectionRules } from '../../injection/injection-plan';
import { lineValues } from '../../injection/injection-targets';
import { MappingBody } from '../../injection/injection.schemas';

// How a file's lines are read and what each would do: pure, no service.
const french = { dateFormat: 'DD/MM/YYYY', decimalSeparator: ',' } as const;
const rules: InjectionRules = {
  noun: ['computer', 'computers'],
  identify: ['serial'],
  required: ['name'],
  createOnly: [],
  allowCreate: true,
  allowUpdate: true,
};

describe('reading a cell', () => {
  it('reads dates in the format the mapping says, and refuses those that are none', () => {
    expect(dateIn('03/07/2024', 'DD/MM/YYYY')).toBe('2024-07-03');
    expect(dateIn('3/7/2024', 'DD/MM/YYYY')).toBe('2024-07-03');
    expect(dateIn('07/03/2024', 'MM/DD/YYYY')).toBe('2024-07-03');
    expect(dateIn('2024-07-03', 'YYYY-MM-DD')).toBe('2024-07-03');
    expect(dateIn('31/02/2024', 'DD/MM/YYYY')).toBeUndefined();
    expect(dateIn('2024-07-03', 'DD/MM/YYYY')).toBeUndefined();
  });

  it('reads whole numbers grouped by spaces or the other separator', () => {
    expect(wholeNumberIn('16 384', ',')).toBe(16384);
    expect(wholeNumberIn('16.384', ',')).toBe(16384);
    expect(wholeNumberIn('16,384', '.')).toBe(16384);
    expect(wholeNumberIn('8192,00', ',')).toBe(8192);
    expect(wholeNumberIn('8,5', ',')).toBeUndefined();
    expect(wholeNumberIn('huit', '.')).toBeUndefined();
  });

  it('refuses a Windows-1252 file said to be UTF-8, and reads it as Windows-1252', () => {
    const bytes = Uint8Array.from([0x53, 0x69, 0xe8, 0x67, 0x65, 0x20, 0x9c]); // "Siège œ"
    expect(textIn(bytes, 'utf-8')).toBeUndefined();
    expect(textIn(bytes, 'windows-1252')).toBe('Siège œ');
  });
});

describe('a line of a computers file', () => {
  it('gives each field its value, names each cell it cannot read, and leaves empty cells out', () => {
    const { values, errors } = lineValues(
      'computer',
      { name: ' PC-12 ', memoryMb: '8 192', state: 'En réparation', purchaseDate: '31/02/2024', location: '', osName: 'x'.repeat(256) },
      french,
    );
    expect(values).toEqual({ name: 'PC-12', memoryMb: 8192, state: 'in_repair' });
    expect(errors).toEqual(['purchaseDate: "31/02/2024" is not a date written DD/MM/YYYY', 'osName: longer than 255 characters']);
  });

  it('updates only the fields whose value differs, and says why it leaves a line', () => {
    const found = { id: 4, values: { name: 'PC-12', serial: 'S1', memoryMb: 4096 } };
    expect(planLine({ serial: 'S1', name: 'PC-12', memoryMb: 8192 }, [found], rules)).toEqual({
      write: 'update',
      id: 4,
      changed: ['memoryMb'],
    });
    expect(planLine({ serial: 'S1', name: 'PC-12' }, [found], rules)).toEqual({ report: { outcome: 'unchanged', item: 4 } });
    expect(planLine({ serial: 'S2', name: 'PC-13' }, [], rules)).toEqual({ write: 'create' });
    expect(planLine({ serial: 'S2' }, [], rules)).toEqual({ report: { outcome: 'rejected', reason: 'name: needed to create a computer' } });
    expect(planLine({ serial: 'S2', name: 'PC-13' }, [], { ...rules, allowCreate: false })).toEqual({
      report: { outcome: 'skipped', reason: 'no such computer and creation is not allowed' },
    });
    expect(planLine({ serial: 'S1', memoryMb: 1 }, [found], { ...rules, allowUpdate: false })).toMatchObject({
      report: { outcome: 'skipped' },
    });
    expect(planLine({ serial: 'S1' }, [found, { ...found, id: 9 }], rules)).toEqual({
      report: { outcome: 'rejected', reason: 'matches 2 computers (4, 9)' },
    });
  });
});

describe('a file read through a mapping', () => {
  const columns = [
    { header: 'Nom', field: 'name' },
    { header: 'Numéro de série', field: 'serial' },
  ];

  it('finds its columns by header in any order and case, and numbers lines as the file does', () => {
    const read = readMappedCsv('Autre;numéro de série;NOM\nx;S1;PC-1\n\n;S2;"PC\n2"\n;S3;PC-3\n', ';', columns);
    expect(read).toEqual({
      lines: [
        { line: 2, cells: { name: 'PC-1', serial: 'S1' } },
        { line: 5, cells: { name: 'PC\n2', serial: 'S2' } },
        { line: 6, cells: { name: 'PC-3', serial: 'S3' } },
      ],
      unreadable: [],
    });
  });

  it('reports a line it cannot make out and reads on', () => {
    const read = readMappedCsv('Nom;Numéro de série\nPC-1;S1\nPC-"2;S2\nPC-3;S3\n', ';', columns);
    expect('lines' in read && read.lines.map((line) => line.cells.name)).toEqual(['PC-1', 'PC-3']);
    expect('unreadable' in read && read.unreadable.map((line) => line.line)).toEqual([3]);
  });

  it('names the mapped columns a file lacks', () => {
    expect(readMappedCsv('Name,Serial\nPC-1,S1\n', ';', columns)).toEqual({ missingHeaders: ['Nom', 'Numéro de série'] });
  });
});

describe('a mapping', () => {
  const mapping = {
    name: 'Parc',
    target: 'computer',
    entity: 1,
    columns: [
      { header: 'Nom', field: 'name' },
      { header: 'Série', field: 'serial' },
    ],
    identify: ['serial'],
  };

  it('names what is wrong with it', () => {
    const issues = (body: object) =>
      MappingBody.safeParse({ ...mapping, ...body }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues({})).toBeUndefined();
    expect(issues({ columns: [...mapping.columns, { header: 'RAM', field: 'ram' }] })).toEqual([
      expect.stringMatching(/^columns\.2\.field: not a field of a computer: name, serial/),
    ]);
    expect(issues({ identify: ['model'] })).toEqual(['identify.0: a computer is identified by name, serial, uuid']);
    expect(issues({ columns: [{ header: 'Série', field: 'serial' }] })).toEqual(['columns: creating a computer needs name']);
    expect(issues({ columns: [{ header: 'Série', field: 'serial' }], allowCreate: false })).toBeUndefined();
    expect(issues({ allowCreate: false, allowUpdate: false })).toEqual(['allowCreate: allow creation, updates or both']);
  });
});
