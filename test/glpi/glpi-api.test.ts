import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CategoryRow } from '../../organisation/organisation.models';
import { startStack, type Stack, type TestUser } from '../support/stack';

const run = promisify(execFile);

let stack: Stack;
let admin: TestUser;
let alice: TestUser;
let glpiUrl: string;

// A GLPI call as any HTTP client makes it; the answer's JSON (or null) with its status and headers.
async function glpi(method: string, path: string, options: { session?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${glpiUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.session && { 'Session-Token': options.session }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

// A GET with a body, which some GLPI clients send and fetch() refuses to.
function getWithBody(url: string, session: string, body: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'GET',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'session-token': session },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function apiToken(profile: 'technician' | 'requester'): Promise<{ id: number; token: string; user: number }> {
  const response = await stack.call('POST', '/api/v1/api-tokens', {
    token: admin.token,
    body: { name: `Script GLPI ${profile}`, profile, entity: 1, recursive: true },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const basic = (user: TestUser) => `Basic ${Buffer.from(`${user.login}:${user.password}`).toString('base64')}`;

async function sessionOf(user: TestUser): Promise<string> {
  const opened = await glpi('GET', '/initSession', { headers: { Authorization: basic(user), 'App-Token': 'any' } });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.body.session_token as string;
}

const newTicket = (session: string, name: string) =>
  glpi('POST', '/Ticket', { session, body: { input: { name, content: `${name} : détails`, type: 1, urgency: 3, impact: 3 } } });

beforeAll(async () => {
  stack = await startStack({ relay: false });
  glpiUrl = `${stack.baseUrl}/apirest.php`;
  admin = await stack.userWith('admin');
  alice = await stack.userWith('requester');
});
afterAll(async () => stack?.close());

describe("GLPI's REST API", () => {
  it('runs a script written for GLPI with the glpi-api client from PyPI, unchanged but for its URL', async () => {
    const { stdout: python } = await run('bash', ['scripts/install-pypi.sh', 'glpi-api', 'glpi-api==0.7.0', 'requests==2.32.5']);
    const token = await apiToken('technician');
    const { stdout } = await run(python.trim(), ['test/glpi/glpi_script.py'], {
      env: { ...process.env, GLPI_URL: glpiUrl, GLPI_USER_TOKEN: token.token },
    });
    const seen = JSON.parse(stdout) as Record<string, any>;
    expect(seen['profile']).toBe('Technician');
    expect(seen['followups']).toEqual(['Le technicien passe à 14 h.']);
    // The search found the ticket, still open, with the columns it forced.
    expect(seen['found']).toEqual([expect.objectContaining({ '2': seen['ticket'], '12': 1, '10': 4 })]);
    expect(seen['status']).toBe(5);
    expect(seen['solvedate']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(seen['solutions']).toEqual(["Rouleau d'entraînement remplacé."]);
    // Back to "new" is no action of the lifecycle: refused as GLPI refuses an update.
    expect(seen['refused']).toMatch(/ERROR_GLPI_UPDATE/);

    // The same ticket through guichet's own API: solved through its workflow, by the token's account.
    const ticket = await stack.call('GET', `/api/v1/tickets/${seen['ticket']}`, { token: admin.token });
    expect(ticket.body).toMatchObject({ status: 'resolved', urgency: 4, requester: token.user });
    const history = await stack.call('GET', `/api/v1/tickets/${seen['ticket']}/history`, { token: admin.token });
    expect(history.body.items.map((event: { action: string }) => event.action)).toContain('resolve');
    expect(history.body.items.at(-1)).toMatchObject({ action: 'resolve', actor: token.user });
  });

  it('opens sessions from a login and password, or a user token, and answers as GLPI when they are missing or wrong', async () => {
    expect(await glpi('GET', '/initSession')).toMatchObject({ status: 400, body: ['ERROR_LOGIN_PARAMETERS_MISSING', expect.any(String)] });
    const wrong = await glpi('GET', '/initSession', { headers: { Authorization: basic({ ...alice, password: 'nope' }) } });
    expect(wrong).toMatchObject({ status: 401, body: ['ERROR_GLPI_LOGIN', expect.any(String)] });
    const badToken = await glpi('GET', '/initSession', { headers: { Authorization: 'user_token gch_not-a-token-at-all-000000000' } });
    expect(badToken).toMatchObject({ status: 401, body: ['ERROR_GLPI_LOGIN', expect.any(String)] });

    const session = await sessionOf(alice);
    const full = await glpi('GET', '/getFullSession', { session });
    expect(full.body.session).toMatchObject({ glpiID: alice.id, glpiname: alice.login, glpiactiveprofile: { name: 'Self-Service' } });
    expect((await glpi('GET', '/getMyProfiles', { session })).body.myprofiles).toEqual([
      expect.objectContaining({ id: 1, name: 'Self-Service' }),
    ]);
    // The session token also works as a query parameter, as GLPI takes it.
    expect((await glpi('GET', `/getActiveProfile?session_token=${session}`)).body.active_profile).toMatchObject({ id: 1 });

    expect(await glpi('GET', '/Ticket')).toMatchObject({ status: 400, body: ['ERROR_SESSION_TOKEN_MISSING', expect.any(String)] });
    expect(await glpi('GET', '/Ticket', { session: 'f00' })).toMatchObject({
      status: 401,
      body: ['ERROR_SESSION_TOKEN_INVALID', expect.any(String)],
    });
    expect(await glpi('GET', '/killSession', { session })).toMatchObject({ status: 200, body: true });
    expect(await glpi('GET', '/getFullSession', { session })).toMatchObject({
      status: 401,
      body: ['ERROR_SESSION_TOKEN_INVALID', expect.any(String)],
    });

    // A session opened with an API token ends when the token is revoked.
    const token = await apiToken('requester');
    const opened = await glpi('GET', '/initSession', { headers: { Authorization: `user_token ${token.token}` } });
    expect(opened.status).toBe(200);
    expect((await glpi('GET', '/getFullSession', { session: opened.body.session_token })).status).toBe(200);
    await stack.call('DELETE', `/api/v1/api-tokens/${token.id}`, { token: admin.token });
    expect((await glpi('GET', '/getFullSession', { session: opened.body.session_token })).status).toBe(401);
  });

  it('files tickets one or many, partly failing with 207, and lists them in ranges with Content-Range', async () => {
    const session = await sessionOf(await stack.userWith('requester'));
    const one = await newTicket(session, 'Écran noir');
    expect(one.status).toBe(201);
    expect(one.body).toEqual({ id: expect.any(Number), message: '' });
    expect(one.headers.get('location')).toBe(`${glpiUrl}/Ticket/${one.body.id}`);

    const bulk = await glpi('POST', '/Ticket', {
      session,
      body: { input: [{ name: 'Souris HS', content: 'La souris ne répond plus' }, { name: 'Sans description' }] },
    });
    expect(bulk.status).toBe(207);
    expect(bulk.body).toEqual([
      'ERROR_GLPI_PARTIAL_ADD',
      [
        { id: expect.any(Number), message: '' },
        { id: false, message: expect.stringMatching(/^content/) },
      ],
    ]);
    const none = await glpi('POST', '/Ticket', { session, body: { input: [{ name: 'Rien' }] } });
    expect(none).toMatchObject({ status: 400, body: ['ERROR_GLPI_ADD', [{ id: false }]] });

    const page = await glpi('GET', '/Ticket?range=0-0', { session });
    expect(page.status).toBe(206);
    expect(page.headers.get('content-range')).toBe('0-0/2');
    expect(page.headers.get('accept-range')).toBe('Ticket 1000');
    expect(page.body).toEqual([expect.objectContaining({ id: one.body.id, name: 'Écran noir', status: 1, type: 1, urgency: 3 })]);
    const all = await glpi('GET', '/Ticket?expand_dropdowns=true', { session });
    expect(all.status).toBe(200);
    expect(all.body.map((ticket: { id: number }) => ticket.id)).toEqual([one.body.id, bulk.body[1][0].id]);
    expect(typeof all.body[0].entities_id).toBe('string');
    expect(all.body[0].date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await glpi('GET', '/Ticket?range=5-9', { session })).toMatchObject({
      status: 400,
      body: ['ERROR_RANGE_EXCEED_TOTAL', expect.any(String)],
    });
  });

  it("keeps to guichet's rights: no ticket of someone else, no private followup, no ticket deleted", async () => {
    const tech = await stack.userWith('technician', 'N1');
    const techSession = await sessionOf(tech);
    const theirs = await newTicket(techSession, 'Poste de Bob lent');
    const session = await sessionOf(alice);
    expect(await glpi('GET', `/Ticket/${theirs.body.id}`, { session })).toMatchObject({
      status: 404,
      body: ['ERROR_ITEM_NOT_FOUND', expect.any(String)],
    });
    const own = await newTicket(session, 'Mot de passe oublié');
    const privateNote = await glpi('POST', `/Ticket/${own.body.id}/ITILFollowup`, {
      session,
      body: { input: { content: 'Note', is_private: 1 } },
    });
    expect(privateNote).toMatchObject({ status: 400, body: ['ERROR_GLPI_ADD', expect.stringMatching(/desk/)] });
    const deleted = await glpi('DELETE', `/Ticket/${own.body.id}`, { session });
    expect(deleted).toMatchObject({ status: 400, body: ['ERROR_GLPI_DELETE', [{ [own.body.id]: false }]] });
    expect((await stack.call('GET', `/api/v1/tickets/${own.body.id}`, { token: admin.token })).status).toBe(200);
  });

  it('updates fields and status of several tickets through their workflows, by ids in the body', async () => {
    const tech = await stack.userWith('technician', 'N1');
    const session = await sessionOf(tech);
    const [a, b] = [(await newTicket(session, 'VPN coupé')).body.id, (await newTicket(session, 'Badge refusé')).body.id];
    const updated = await glpi('PUT', '/Ticket', {
      session,
      body: {
        input: [
          { id: a, urgency: 5 },
          { id: b, status: 2 },
        ],
      },
    });
    expect(updated).toMatchObject({
      status: 200,
      body: [
        { [a]: true, message: '' },
        { [b]: true, message: '' },
      ],
    });
    const [ticketA, ticketB] = await Promise.all([a, b].map((id) => stack.call('GET', `/api/v1/tickets/${id}`, { token: admin.token })));
    expect(ticketA!.body).toMatchObject({ urgency: 5, status: 'new' });
    expect(ticketB!.body).toMatchObject({ status: 'assigned', assignee: tech.id });

    const pend = await glpi('PATCH', `/Ticket/${b}`, { session, body: { input: { status: 4 } } });
    expect(pend.status).toBe(200);
    const history = await stack.call('GET', `/api/v1/tickets/${b}/history`, { token: admin.token });
    expect(history.body.items.map((event: { action: string }) => event.action).slice(-2)).toEqual(['assign', 'pend']);
    const partly = await glpi('PUT', '/Ticket', {
      session,
      body: {
        input: [
          { id: a, impact: 2 },
          { id: b, status: 3 },
        ],
      },
    });
    expect(partly).toMatchObject({
      status: 207,
      body: ['ERROR_GLPI_PARTIAL_UPDATE', [{ [a]: true }, { [b]: false, message: expect.stringMatching(/TicketTask/) }]],
    });
  });

  it('searches with criteria and forced columns, lists search options, and refuses what GLPI refuses', async () => {
    const session = await sessionOf(admin);
    const options = await glpi('GET', '/listSearchOptions/Ticket', { session });
    expect(options.body).toMatchObject({
      common: { name: expect.any(String) },
      '12': { field: 'status', uid: 'Ticket.status' },
      '1': { field: 'name' },
    });
    const title = `Onduleur salle serveur ${Date.now()}`;
    const filed = await newTicket(session, title);
    const found = await glpi(
      'GET',
      `/search/Ticket?criteria[0][field]=1&criteria[0][searchtype]=contains&criteria[0][value]=${encodeURIComponent(title)}&criteria[1][link]=AND&criteria[1][field]=12&criteria[1][searchtype]=equals&criteria[1][value]=1&forcedisplay[0]=21`,
      { session },
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      totalcount: 1,
      count: 1,
      'content-range': '0-0/1',
      data: [{ '1': title, '2': filed.body.id, '12': 1, '21': `${title} : détails` }],
    });
    const nothing = await glpi(
      'GET',
      `/search/Ticket?criteria[0][field]=1&criteria[0][searchtype]=contains&criteria[0][value]=${encodeURIComponent(title)}&criteria[1][link]=AND NOT&criteria[1][field]=2&criteria[1][searchtype]=equals&criteria[1][value]=${filed.body.id}`,
      { session },
    );
    expect(nothing.body).toEqual({ totalcount: 0, count: 0, sort: [19], order: ['DESC'], 'content-range': '0--1/0' });

    // By category name (the words of its name) and by requester "myself", as GLPI's search takes them.
    const category = await stack.newCategory();
    const categorised = await glpi('POST', '/Ticket', {
      session,
      body: { input: { name: title, content: 'Onduleur', itilcategories_id: category } },
    });
    const { name_fr: categoryName } = (await CategoryRow.findByPk(category, { rejectOnEmpty: true })).get();
    const byCategory = await glpi(
      'GET',
      `/search/Ticket?criteria[0][field]=7&criteria[0][searchtype]=contains&criteria[0][value]=${encodeURIComponent(categoryName)}&criteria[1][field]=4&criteria[1][searchtype]=equals&criteria[1][value]=myself`,
      { session },
    );
    expect(byCategory.body.data).toEqual([expect.objectContaining({ '2': categorised.body.id, '7': categoryName })]);

    expect(await glpi('GET', '/search/Ticket?criteria[0][field]=999&criteria[0][value]=x', { session })).toMatchObject({
      status: 400,
      body: ['ERROR', 'Bad field ID in search criteria'],
    });
    expect(await getWithBody(`${glpiUrl}/Ticket`, session, '{"input":{}}')).toMatchObject({
      status: 400,
      body: ['ERROR_JSON_PAYLOAD_FORBIDDEN', expect.any(String)],
    });
    expect(await glpi('GET', '/Computer', { session })).toMatchObject({
      status: 400,
      body: ['ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', expect.any(String)],
    });
    expect(await glpi('POST', '/Ticket', { session, body: { nothing: true } })).toMatchObject({
      status: 400,
      body: ['ERROR_BAD_ARRAY', expect.any(String)],
    });
  });
});
