import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

const write = (body: object, token = desk.tech1.token) => desk.stack.call('POST', '/api/v1/kb/articles', { token, body });

describe('knowledge base', () => {
  it('is written by the desk, searched by words and category, and refuses unknown categories', async () => {
    const category = await desk.stack.newCategory();
    const word = `vpn${randomUUID().slice(0, 6)}`;
    const article = await write({
      title: `Réinitialiser le client ${word}`,
      content: 'Fermer le client, supprimer le profil, relancer.',
      category,
    });
    expect(article.status).toBe(201);
    expect(article.body).toMatchObject({ category, author: desk.tech1.id, sourceTicket: null });
    expect((await write({ title: 'x', content: 'y' }, desk.alice.token)).status).toBe(403);
    const unknown = await write({ title: 'x', content: 'y', category: 999_999 });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['category']);

    const found = await desk.stack.call('GET', `/api/v1/kb/articles?q=${word}%20profil`, { token: desk.alice.token });
    expect(found.body.items.map((a: { id: number }) => a.id)).toEqual([article.body.id]);
    const none = await desk.stack.call('GET', `/api/v1/kb/articles?q=${word}%20imprimante`, { token: desk.alice.token });
    expect(none.body.items).toEqual([]);
    const inCategory = await desk.stack.call('GET', `/api/v1/kb/articles?category=${category}`, { token: desk.alice.token });
    expect(inCategory.body.items.map((a: { id: number }) => a.id)).toEqual([article.body.id]);
  });

  it('turns a solution into an article and suggests it to a similar ticket, same category first', async () => {
    const category = await desk.stack.newCategory();
    const word = `badge${randomUUID().slice(0, 6)}`;
    const file = async (title: string, cat: number) =>
      (
        await desk.stack.call('POST', '/api/v1/tickets', {
          token: desk.alice.token,
          body: { title, description: 'Le lecteur reste rouge.', type: 'incident', urgency: 2, impact: 2, category: cat },
        })
      ).body.id as number;
    const first = await file(`Lecteur de ${word} en panne`, category);
    await desk.stack.call('POST', `/api/v1/tickets/${first}/actions/assign`, { token: desk.tech1.token, body: {} });
    const resolved = await desk.stack.call('POST', `/api/v1/tickets/${first}/actions/resolve`, {
      token: desk.tech1.token,
      body: { solution: 'Réenrôler le badge dans la console du contrôle d’accès.', toKnowledgeBase: true },
    });
    expect(resolved.status).toBe(200);
    const elsewhere = await write({
      title: `Commander un nouveau ${word}`,
      content: 'Passer par le portail RH.',
      category: await desk.stack.newCategory(),
    });

    const second = await file(`Mon ${word} ne marche plus`, category);
    const suggestions = await desk.stack.call('GET', `/api/v1/tickets/${second}/kb-suggestions`, { token: desk.tech1.token });
    const suggested = suggestions.body.items.map((a: { sourceTicket: number | null; id: number }) => a.sourceTicket ?? a.id);
    // The suite's other articles may share a common word ("marche") and be suggested too, after these.
    expect(suggested[0]).toBe(first);
    expect(suggested.filter((id: number) => id === first || id === elsewhere.body.id)).toEqual([first, elsewhere.body.id]);
  });
});
