// The parts every lifecycle page has: its heading with the language switch, and a diagram.

import { api } from './api-client.js';
import { languageSwitch } from './language.js';
import { h, inertSvg } from './dom.js';

/** Puts a page on `main`: its heading with the language switch, then `content`; not when the user went elsewhere meanwhile. */
export function showPage(ctx, heading, ...content) {
  const root = h(
    'section',
    { class: 'lifecycles', lang: ctx.lang },
    h('header', { class: 'lifecycle-head' }, h('h1', { text: heading }), languageSwitch(ctx.lang, ctx.t.language, ctx.redraw)),
    ...content,
  );
  if (!ctx.stillShown()) return root;
  ctx.main.replaceChildren(root);
  ctx.main.focus();
  return root;
}

/** A figure for a lifecycle's diagram; `draw(path)` fetches the SVG and shows it, `cannotDraw()` keeps the last one dimmed. */
export function diagramFigure(ctx, name) {
  // Focusable, so a keyboard can scroll a diagram wider than the page.
  const box = h('div', { class: 'diagram-box', role: 'img', tabindex: '0', 'aria-label': ctx.t.diagramOf(name) });
  const note = h('p', { class: 'diagram-note', hidden: true });
  const zoom = h('button', { type: 'button', class: 'zoom', 'aria-pressed': 'false', text: ctx.t.actualSize });
  zoom.addEventListener('click', () => zoom.setAttribute('aria-pressed', String(box.classList.toggle('actual-size'))));
  const figure = h(
    'figure',
    { class: 'diagram', id: 'lifecycle-diagram' },
    h('figcaption', {}, h('h2', { text: ctx.t.diagram }), zoom),
    box,
    note,
  );
  let generation = 0;
  async function draw(path) {
    const mine = ++generation;
    try {
      const svg = inertSvg(await api('GET', `${path}?lang=${ctx.lang}`, undefined, 'image/svg+xml'));
      if (mine !== generation) return;
      if (!svg) throw new Error('not an SVG');
      box.replaceChildren(svg);
      box.classList.remove('stale');
      note.hidden = true;
    } catch {
      if (mine === generation) cannotDraw();
    }
  }
  // The last drawing stays, dimmed, until one can be made again.
  function cannotDraw() {
    generation += 1;
    box.classList.toggle('stale', box.childElementCount > 0);
    note.textContent = box.childElementCount > 0 ? ctx.t.diagramStale : ctx.t.diagramUnavailable;
    note.hidden = false;
  }
  return { figure, draw, cannotDraw };
}

/** The API path of lifecycle `key`. */
export const base = (key) => `/api/v1/lifecycles/${encodeURIComponent(key)}`;

/** The published versions of `key`, newest first. */
export async function versionsOf(ctx, key) {
  return (await api('GET', `${base(key)}/versions`)).items;
}
