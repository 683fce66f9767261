import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elfProgram, pngPicture, zipArchive } from '../support/files';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let alice: TestUser;
let bob: TestUser;
let tech: TestUser;

beforeAll(async () => {
  // A small limit, so that a file over it stays small.
  stack = await startStack({ maxAttachmentMb: 1 });
  [alice, bob, tech] = [await stack.userWith('requester'), await stack.userWith('requester'), await stack.userWith('technician', 'N1')];
});
afterAll(async () => stack?.close());

async function ticketOf(requester: TestUser): Promise<number> {
  const filed = await stack.call('POST', '/api/v1/tickets', {
    token: requester.token,
    body: { title: 'Écran qui scintille', description: 'Voir la capture.', type: 'incident', urgency: 3, impact: 2 },
  });
  return filed.body.id as number;
}

/** Sends `bytes` as the form's file, claiming `claimedType` as a browser would. */
async function upload(
  token: string,
  ticket: number,
  name: string,
  bytes: Buffer,
  fields: Record<string, string> = {},
  claimedType = 'text/plain',
) {
  const form = new FormData();
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: claimedType }), name);
  const response = await fetch(`${stack.baseUrl}/api/v1/tickets/${ticket}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

const download = (token: string, id: number) =>
  fetch(`${stack.baseUrl}/api/v1/attachments/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
const listOf = async (token: string, ticket: number) => stack.call('GET', `/api/v1/tickets/${ticket}/attachments`, { token });

describe('attachments', () => {
  it('keeps a picture under the type its bytes tell, whatever the client claimed, and shows it inline', async () => {
    const ticket = await ticketOf(alice);
    const picture = pngPicture();
    const sent = await upload(alice.token, ticket, 'capture.txt', picture);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      ticket,
      name: 'capture.txt',
      size: picture.length,
      type: 'image/png',
      source: 'upload',
      uploadedBy: alice.id,
    });
    expect(sent.body.sha256).toBe(createHash('sha256').update(picture).digest('hex'));
    expect((await listOf(tech.token, ticket)).body.items.map((item: { id: number }) => item.id)).toEqual([sent.body.id]);

    const response = await download(alice.token, sent.body.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toMatch(/^inline/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(picture)).toBe(true);

    const admin = await stack.userWith('admin');
    const audit = await stack.call('GET', `/api/v1/audit?subject=ticket:${ticket}`, { token: admin.token });
    expect(audit.body.items.find((entry: { target: string }) => entry.target === 'POST /api/v1/tickets/:id/attachments')).toMatchObject({
      actor: alice.id,
      status: 201,
      details: { attachment: sent.body.id, name: 'capture.txt', size: picture.length, type: 'image/png', followup: null },
    });
  });

  it('has anything but a picture downloaded, never shown in the page', async () => {
    const ticket = await ticketOf(alice);
    const sent = await upload(
      alice.token,
      ticket,
      'journal.log',
      Buffer.from('<script>alert(1)</script> erreur 0x80070005'),
      {},
      'text/html',
    );
    expect(sent.body.type).toBe('text/plain');
    const response = await download(tech.token, sent.body.id);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=journal.log');
  });

  it('answers 404 to someone who may not see the ticket, as for the ticket itself', async () => {
    const ticket = await ticketOf(alice);
    const sent = await upload(alice.token, ticket, 'capture.png', pngPicture());
    expect((await download(bob.token, sent.body.id)).status).toBe(404);
    expect((await listOf(bob.token, ticket)).status).toBe(404);
    expect((await upload(bob.token, ticket, 'intrus.png', pngPicture())).status).toBe(404);
    expect((await download(bob.token, 999_999)).status).toBe(404);
  });

  it('refuses a file over the limit with 413 naming it, and a program, even zipped, with 415 naming it; nothing is kept', async () => {
    const ticket = await ticketOf(alice);
    const large = await upload(alice.token, ticket, 'video.bin', Buffer.alloc(1_572_864, 0x41));
    expect(large.status).toBe(413);
    expect(large.body.error.details).toEqual({ limitBytes: 1_048_576 });
    expect(large.body.error.message).toContain('1 MB');
    const program = await upload(alice.token, ticket, 'facture.pdf', elfProgram());
    expect(program.status).toBe(415);
    expect(program.body.error.details).toMatchObject({ type: 'application/x-elf' });
    const zipped = await upload(alice.token, ticket, 'facture.zip', zipArchive({ 'lisez-moi.txt': 'Bonjour', 'facture.exe': 'MZ...' }));
    expect(zipped.status).toBe(415);
    expect(zipped.body.error.details).toEqual({ type: 'application/zip', program: 'facture.exe' });
    expect((await upload(alice.token, ticket, 'photos.zip', zipArchive({ 'photo.txt': 'ok' }))).status).toBe(201);
    expect((await listOf(alice.token, ticket)).body.items.map((item: { name: string }) => item.name)).toEqual(['photos.zip']);
  });

  it('names the field when the form has no file, and refuses JSON', async () => {
    const ticket = await ticketOf(alice);
    const form = new FormData();
    form.append('followup', '1');
    const empty = await fetch(`${stack.baseUrl}/api/v1/tickets/${ticket}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: form,
    });
    expect(empty.status).toBe(400);
    expect(Object.keys((await empty.json()).error.details.fields)).toEqual(['file']);
    const json = await stack.call('POST', `/api/v1/tickets/${ticket}/attachments`, { token: alice.token, body: { file: 'x' } });
    expect(json.status).toBe(415);
  });

  it('keeps the files of a private followup from the requester', async () => {
    const ticket = await ticketOf(alice);
    const note = await stack.call('POST', `/api/v1/tickets/${ticket}/followups`, {
      token: tech.token,
      body: { content: 'Journal système', private: true },
    });
    const sent = await upload(tech.token, ticket, 'dmesg.txt', Buffer.from('kernel: i915 GPU hang'), { followup: String(note.body.id) });
    expect(sent.status).toBe(201);
    expect(sent.body.followup).toBe(note.body.id);
    expect((await listOf(alice.token, ticket)).body.items).toEqual([]);
    expect((await download(alice.token, sent.body.id)).status).toBe(404);
    expect((await download(tech.token, sent.body.id)).status).toBe(200);
  });
});
