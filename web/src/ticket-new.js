// The new-ticket form (#/new): title, description, type, category, urgency and impact; the
// priority follows from the last two on the server.

import { api } from './api-client.js';
import { say, show, text } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';

export async function renderNew() {
  const t = text();
  show('new-view');
  const picker = document.getElementById('category-picker');
  for (const [id, path] of sortedByPath(await categoryPaths(), t.locale)) picker.add(new Option(path, String(id)));
  for (const select of document.querySelectorAll('select.level')) {
    for (let level = 1; level <= 5; level += 1) select.add(new Option(t.levels[level], String(level), false, level === 3));
  }
  document.getElementById('new-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {
      title: form.get('title'),
      description: form.get('description'),
      type: form.get('type'),
      urgency: Number(form.get('urgency')),
      impact: Number(form.get('impact')),
    };
    if (form.get('category')) body.category = Number(form.get('category'));
    try {
      const ticket = await api('POST', '/api/v1/tickets', body);
      say(t.newTicket.created(ticket.id));
      location.hash = `#/tickets/${ticket.id}`;
    } catch (error) {
      say(error.message);
    }
  });
}
