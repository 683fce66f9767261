import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, type TestUser } from '../support/stack';

// CSV data injection through the API into an entity of the test's own: a spreadsheet's file of
// 1,000 computers in Windows-1252 with three bad lines, dry run then real run then the same again;
// users, monitors and licences; and what a mapping or a file may not be.
const run = randomUUID().slice(0, 8);
let stack: Stack;
let admin: TestUser;
let requester: TestUser;
let entity: number;

interface LineReport {
  line: number;
  outcome: string;
  item?: number;
  reason?: string;
  changed?: string[];
}
interface Run {
  id: number;
  dryRun: boolean;
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  report: LineReport[];
}

const mappingOf = (body: object) => ({ name: `Parc ${run} ${randomUUID().slice(0, 4)}`, entity, ...body });

async function saved(body: object): Promise<number> {
  const response = await stack.call('POST', '/api/v1/injection-mappings', { token: admin.token, body: mappingOf(body) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as number;
}

async function inject(mapping: number, file: Uint8Array | string, dryRun: boolean, token = admin.token) {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('file', new Blob([typeof file === 'string' ? file : Buffer.from(file)], { type: 'text/csv' }), 'parc.csv');
  const response = await fetch(`${stack.baseUrl}/api/v1/injection-mappings/${mapping}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Run & { error?: { details?: { fields?: Record<string, string> } } } };
}

const rejectedOf = (result: Run) =>
  result.report.filter((line) => line.outcome === 'rejected').map(({ line, reason }) => ({ line, reason }));
async function assetsOfEntity(kind = 'computer'): Promise<{ id: number; name: string }[]> {
  const items: { id: number; name: string }[] = [];
  let cursor = '';
  do {
    const page = (await stack.call('GET', `/api/v1/assets?entity=${entity}&kind=${kind}&limit=500${cursor}`, { token: admin.token })).body;
    items.push(...page.items);
    cursor = page.nextCursor ? `&cursor=${page.nextCursor}` : '';
  } while (cursor);
  return items;
}

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  requester = await stack.userWith('requester');
  entity = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Magasins ${run}` } })).body.id;
});
afterAll(async () => {
  await stack?.close();
});

describe('injecting computers from a spreadsheet', () => {
  const COMPUTERS = 1_000;
  // Lines 101, 502 and 903 of the file (computers 99, 500 and 901) are wrong, each its own way.
  const cellsOf = (i: number) => [
    `PC-${run}-${i}`,
    `SN-${run}-${i}`,
    'Lenovo',
    i % 2 === 0 ? 'ThinkCentre M70q' : 'ThinkPad T14',
    i === 500 ? 'huit Go' : '8 192',
    i % 10 === 0 ? 'En réparation' : 'En service',
    'Siège — bâtiment Œ',
    i === 901 ? `inconnu-${run}` : i % 3 === 0 ? requester.login : '',
    i === 99 ? '31/02/2024' : '15/03/2024',
    '14/03/2027',
  ];
  const HEADER = [
    'Nom',
    'Numéro de série',
    'Fabricant',
    'Modèle',
    'Mémoire (Mo)',
    'État',
    'Lieu',
    'Utilisateur',
    "Date d'achat",
    'Fin de garantie',
  ];
  const fileOf = (cells: (i: number) => string[]) =>
    iconv.encode(
      [HEADER, ...Array.from({ length: COMPUTERS }, (_, i) => cells(i))]
        .map((line) => line.map((cell) => `"${cell}"`).join(';'))
        .join('\r\n') + '\r\n',
      'windows-1252',
    );
  const FIELDS = ['name', 'serial', 'manufacturer', 'model', 'memoryMb', 'state', 'location', 'user', 'purchaseDate', 'warrantyEnd'];
  let mapping: number;

  beforeAll(async () => {
    mapping = await saved({
      target: 'computer',
      separator: ';',
      encoding: 'windows-1252',
      dateFormat: 'DD/MM/YYYY',
      decimalSeparator: ',',
      columns: HEADER.map((header, i) => ({ header, field: FIELDS[i] })),
      identify: ['serial'],
    });
  });

  it('reports the same three bad lines in the dry run and the real run, and a second run changes nothing', async () => {
    const file = fileOf(cellsOf);
    const expected = [
      { line: 101, reason: 'purchaseDate: "31/02/2024" is not a date written DD/MM/YYYY' },
      { line: 502, reason: 'memoryMb: "huit Go" is not a whole number' },
      { line: 903, reason: `user: no user has the login "inconnu-${run}"` },
    ];

    const dry = await inject(mapping, file, true);
    expect(dry.status, JSON.stringify(dry.body).slice(0, 500)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, lines: COMPUTERS, created: COMPUTERS - 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(rejectedOf(dry.body)).toEqual(expected);
    expect(await assetsOfEntity()).toEqual([]);

    const real = await inject(mapping, file, false);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, lines: COMPUTERS, created: COMPUTERS - 3, rejected: 3 });
    expect(rejectedOf(real.body)).toEqual(expected);
    const filed = await assetsOfEntity();
    expect(filed).toHaveLength(COMPUTERS - 3);

    const again = await inject(mapping, file, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: COMPUTERS - 3, rejected: 3 });
    expect(rejectedOf(again.body)).toEqual(expected);
    expect(await assetsOfEntity()).toHaveLength(COMPUTERS - 3);

    // The runs are kept, newest first, each with its report.
    const runs = (await stack.call('GET', `/api/v1/injection-mappings/${mapping}/runs`, { token: admin.token })).body.items as Run[];
    expect(runs.slice(0, 3).map((one) => [one.id, one.dryRun])).toEqual([
      [again.body.id, false],
      [real.body.id, false],
      [dry.body.id, true],
    ]);
    const kept = (await stack.call('GET', `/api/v1/injection-runs/${dry.body.id}`, { token: admin.token })).body as Run;
    expect(rejectedOf(kept)).toEqual(expected);
  });

  it('files each computer as the spreadsheet wrote it, accents and all, its creation and changes in its history', async () => {
    const items = await assetsOfEntity();
    const third = items.find((item) => item.name === `PC-${run}-30`)!;
    const asset = (await stack.call('GET', `/api/v1/assets/${third.id}`, { token: admin.token })).body;
    expect(asset).toMatchObject({
      kind: 'computer',
      serial: `SN-${run}-30`,
      manufacturer: 'Lenovo',
      model: 'ThinkCentre M70q',
      memoryMb: 8192,
      state: 'in_repair',
      location: 'Siège — bâtiment Œ',
      user: requester.id,
      purchaseDate: '2024-03-15',
      warrantyEnd: '2027-03-14',
    });
    expect(asset.history).toEqual([expect.objectContaining({ field: 'created', after: `PC-${run}-30`, source: 'import', user: admin.id })]);

    // The same file with one computer's memory doubled and its user gone from the cell: one update, of that field only.
    const changed = await inject(
      (await stack.call('GET', '/api/v1/injection-mappings', { token: admin.token })).body.items.find(
        (one: { target: string; entity: number }) => one.target === 'computer' && one.entity === entity,
      ).id,
      fileOf((i) => (i === 30 ? cellsOf(i).map((cell, c) => (c === 4 ? '16 384' : c === 7 ? '' : cell)) : cellsOf(i))),
      false,
    );
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: COMPUTERS - 4, rejected: 3 });
    expect(changed.body.report.find((line) => line.outcome === 'updated')).toEqual({
      line: 32,
      outcome: 'updated',
      item: third.id,
      changed: ['memoryMb'],
    });
    const history = (await stack.call('GET', `/api/v1/assets/${third.id}`, { token: admin.token })).body.history;
    expect(history[0]).toMatchObject({ field: 'memoryMb', before: '8192', after: '16384', source: 'import', user: admin.id });
  });
});

describe('injecting users, monitors and licences', () => {
  it('creates users in the entity with their profile, and updates their names but never their rights', async () => {
    const mapping = await saved({
      target: 'user',
      separator: ',',
      columns: [
        { header: 'login', field: 'login' },
        { header: 'name', field: 'name' },
        { header: 'email', field: 'email' },
        { header: 'profile', field: 'profile' },
      ],
      identify: ['login'],
    });
    const file = `login,name,email,profile\nmarie-${run},Marie Curie,marie-${run}@example.org,technician\npaul-${run},Paul,not-an-address,requester\n`;
    const first = await inject(mapping, file, false);
    expect(first.body).toMatchObject({ created: 1, rejected: 1 });
    expect(rejectedOf(first.body)).toEqual([{ line: 3, reason: 'email: "not-an-address" is not an e-mail address' }]);
    const marie = first.body.report[0]!.item!;
    const user = (await stack.call('GET', `/api/v1/users/${marie}`, { token: admin.token })).body;
    expect(user).toMatchObject({
      login: `marie-${run}`,
      name: 'Marie Curie',
      profiles: [{ profile: 'technician', entity, recursive: true }],
    });

    const second = await inject(
      mapping,
      `login,name,email,profile\nmarie-${run},Marie Skłodowska-Curie,marie-${run}@example.org,admin\n`,
      false,
    );
    expect(second.body.report).toEqual([{ line: 2, outcome: 'updated', item: marie, changed: ['name'] }]);
    const after = (await stack.call('GET', `/api/v1/users/${marie}`, { token: admin.token })).body;
    expect(after).toMatchObject({ name: 'Marie Skłodowska-Curie', profiles: [{ profile: 'technician', entity }] });
  });

  it('files monitors apart from computers, and updates only what it may', async () => {
    const mapping = await saved({
      target: 'monitor',
      columns: [
        { header: 'Name', field: 'name' },
        { header: 'Serial', field: 'serial' },
        { header: 'Model', field: 'model' },
      ],
      identify: ['serial'],
      allowCreate: false,
    });
    expect((await inject(mapping, `Name;Serial;Model\nEcran ${run};MON-${run};P24h\n`, false)).body.report).toEqual([
      { line: 2, outcome: 'skipped', reason: 'no such monitor and creation is not allowed' },
    ]);
    const creating = (await stack.call('GET', `/api/v1/injection-mappings/${mapping}`, { token: admin.token })).body;
    await stack.call('PUT', `/api/v1/injection-mappings/${mapping}`, {
      token: admin.token,
      body: { ...creating, allowCreate: true, id: undefined, createdBy: undefined, updatedAt: undefined },
    });
    expect((await inject(mapping, `Name;Serial;Model\nEcran ${run};MON-${run};P24h\n`, false)).body.created).toBe(1);
    const [monitor] = await assetsOfEntity('monitor');
    expect(monitor!.name).toBe(`Ecran ${run}`);
    // Its page tells its history: made by the injection, then changed by hand.
    await stack.call('PATCH', `/api/v1/assets/${monitor!.id}`, { token: admin.token, body: { state: 'in_stock' } });
    const history = (await stack.call('GET', `/api/v1/assets/${monitor!.id}`, { token: admin.token })).body.history;
    expect(history).toEqual([
      expect.objectContaining({ field: 'state', before: 'in_use', after: 'in_stock', source: 'person' }),
      expect.objectContaining({ field: 'created', after: `Ecran ${run}`, source: 'import' }),
    ]);
    expect((await assetsOfEntity('computer')).some((item) => item.name === `Ecran ${run}`)).toBe(false);

    const printers = await saved({ target: 'printer', columns: [{ header: 'Imprimante', field: 'name' }], identify: ['name'] });
    expect((await inject(printers, `Imprimante\nLaser accueil ${run}\n`, false)).body.created).toBe(1);
    expect((await assetsOfEntity('printer')).map((item) => item.name)).toEqual([`Laser accueil ${run}`]);
  });

  it('records licences whose renewal clocks start', async () => {
    const mapping = await saved({
      target: 'licence',
      dateFormat: 'YYYY-MM-DD',
      columns: [
        { header: 'Licence', field: 'name' },
        { header: 'Logiciel', field: 'software' },
        { header: 'Type', field: 'kind' },
        { header: 'Postes', field: 'seats' },
        { header: 'Expiration', field: 'expiresOn' },
      ],
      identify: ['name', 'software'],
    });
    const result = await inject(
      mapping,
      `Licence;Logiciel;Type;Postes;Expiration\nOffice ${run};libreoffice-core;Abonnement;25;2027-06-30\n`,
      false,
    );
    expect(result.body).toMatchObject({ created: 1 });
    const id = result.body.report[0]!.item!;
    const licence = (await stack.call('GET', `/api/v1/licences/${id}`, { token: admin.token })).body;
    expect(licence).toMatchObject({ entity, kind: 'subscription', seats: 25, expiresOn: '2027-06-30', manager: admin.id });
    expect((await stack.temporal.workflow.getHandle(`licence-${id}`).describe()).status.name).toBe('RUNNING');
  });
});

describe('what a mapping or a file may not be', () => {
  it('names the field at fault, and lets only administrators in', async () => {
    const mapping = await saved({ target: 'computer', columns: [{ header: 'Nom', field: 'name' }], identify: ['name'] });
    const cp1252 = await inject(mapping, iconv.encode('Nom\nSiège\n', 'windows-1252'), true);
    expect(cp1252.status).toBe(400);
    expect(cp1252.body.error!.details!.fields!.file).toMatch(/^not utf-8 text/);
    const other = await inject(mapping, 'Name\nPC\n', true);
    expect(other.body.error!.details!.fields).toEqual({ file: 'its first line has no column "Nom"' });

    const duplicate = await stack.call('POST', '/api/v1/injection-mappings', {
      token: admin.token,
      body: mappingOf({ target: 'computer', columns: [{ header: 'Nom', field: 'name' }], identify: ['serial'] }),
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.details.fields).toEqual({ 'identify.0': 'serial is filled by no column' });

    expect((await inject(mapping, 'Nom\nPC\n', true, requester.token)).status).toBe(403);
    expect((await stack.call('GET', '/api/v1/injection-mappings', { token: requester.token })).status).toBe(403);
  });
});
