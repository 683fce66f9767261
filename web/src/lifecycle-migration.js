/* global setTimeout, CSS */
// Moving running tickets between two versions of a lifecycle (#/lifecycles/{key}/migration): each
// running state of the starting version maps to a state of the target one (the same name by default); a
// dry run counts the tickets that would move where, and only a mapping just simulated may be applied.
// The migration then runs on the server, and the page follows it until it is done.

import { api } from './api-client.js';
import { h } from './dom.js';
import { base, showPage, versionsOf } from './lifecycle-page.js';

const POLL_MS = 500;

function versionSelect(name, label, versions, chosen) {
  const select = h('select', { name, id: `migration-${name}` });
  for (const { version } of versions) select.add(new Option(String(version), String(version), false, version === chosen));
  return h('label', { for: `migration-${name}`, text: `${label} ` }, select);
}

function showMoves(view, heading, moves) {
  const { t } = view.ctx;
  view.summary.textContent = heading;
  view.moves.replaceChildren(...moves.map((move) => h('li', { text: t.move(move.from, move.to, move.count) })));
  if (moves.length === 0) view.moves.append(h('li', { text: t.noMoves }));
}

async function definitionOf(view, version) {
  view.definitions[version] ??= api('GET', `${base(view.key)}/versions/${version}`);
  return view.definitions[version];
}

async function showMapping(view) {
  const { t, lang } = view.ctx;
  const from = Number(view.form.elements.fromVersion.value);
  const to = Number(view.form.elements.toVersion.value);
  view.simulated = null;
  updateButtons(view);
  const [source, target] = await Promise.all([definitionOf(view, from), definitionOf(view, to)]);
  // Only running states move, and only to running states: a migration never ends a ticket.
  const targets = Object.keys(target.states).filter((name) => !target.states[name].final);
  const running = Object.entries(source.states).filter(([, state]) => !state.final);
  const rows = running.map(([name, state]) => {
    const select = h('select', { name: `map-${name}`, id: `map-${name}`, 'data-state': name, required: true });
    select.add(new Option(t.choose, ''));
    for (const other of targets) select.add(new Option(`${target.states[other].label[lang]} (${other})`, other, false, other === name));
    return h('label', { for: `map-${name}`, text: `${t.stateOf(name, state.label[lang])} ` }, select);
  });
  view.mapping.replaceChildren(h('legend', { text: t.mapping }), h('p', { class: 'help', text: t.mappingHelp }), ...rows);
}

function requestOf(view) {
  const elements = view.form.elements;
  const mapping = {};
  for (const select of view.mapping.querySelectorAll('select')) if (select.value) mapping[select.dataset.state] = select.value;
  return { fromVersion: Number(elements.fromVersion.value), toVersion: Number(elements.toVersion.value), mapping };
}

function updateButtons(view) {
  view.migrate.disabled = view.running || view.simulated !== JSON.stringify(requestOf(view));
  view.simulate.disabled = view.running;
}

function clearInvalid(view) {
  for (const select of view.mapping.querySelectorAll('select')) select.removeAttribute('aria-invalid');
}

// A refusal naming a mapping field (`mapping.awaiting_parts`) points at its select.
function showRefusal(view, error) {
  view.summary.textContent = error.message;
  view.moves.replaceChildren();
  clearInvalid(view);
  const fields = Object.keys(error.details?.fields ?? {});
  const named = fields.map((f) => /^mapping\.(.+)$/.exec(f)?.[1]).filter(Boolean);
  for (const state of named) view.mapping.querySelector(`select[data-state="${CSS.escape(state)}"]`)?.setAttribute('aria-invalid', 'true');
  if (named.length) view.summary.textContent = `${error.message} (${fields.map((f) => `${f} : ${error.details.fields[f]}`).join(' ; ')})`;
}

async function simulate(view) {
  const { t } = view.ctx;
  const request = requestOf(view);
  if (request.fromVersion === request.toVersion) return showRefusal(view, new Error(t.sameVersions));
  try {
    const result = await api('POST', `${base(view.key)}/migrations`, { ...request, dryRun: true });
    view.simulated = JSON.stringify(request);
    clearInvalid(view);
    showMoves(view, t.dryRun(result.tickets), result.moves);
  } catch (error) {
    view.simulated = null;
    showRefusal(view, error);
  }
  updateButtons(view);
}

function showProgress(view, migration) {
  const { t } = view.ctx;
  view.progress.hidden = false;
  view.progress.max = Math.max(migration.total, 1);
  view.progress.value = migration.moved;
  const status = t.migrationState[migration.status] ?? migration.status;
  const summary = t.migrationProgress(status, migration.moved, migration.total, migration.failed);
  // The simulated moves stay listed unless the migration tells its own.
  if (migration.moves) showMoves(view, summary, migration.moves);
  else view.summary.textContent = summary;
  view.failures.replaceChildren(...(migration.failures ?? []).map((f) => h('li', { text: t.failure(f.ticket, f.reason) })));
}

async function migrate(view) {
  view.running = true;
  updateButtons(view);
  try {
    let migration = await api('POST', `${base(view.key)}/migrations`, { ...requestOf(view), dryRun: false });
    showProgress(view, migration);
    while (migration.status === 'running' && view.form.isConnected) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      migration = await api('GET', `${base(view.key)}/migrations/${encodeURIComponent(migration.id)}`);
      showProgress(view, migration);
    }
  } catch (error) {
    showRefusal(view, error);
  }
  view.running = false;
  view.simulated = null;
  updateButtons(view);
}

/** Shows the migration panel of lifecycle `key`, from its previous version to its newest by default. */
export async function renderMigration(ctx, key) {
  const { t, lang } = ctx;
  const versions = await versionsOf(ctx, key);
  const newest = versions[0]?.version ?? 1;
  const view = { ctx, key, definitions: {}, simulated: null, running: false };
  view.mapping = h('fieldset', { class: 'mapping', id: 'migration-mapping' });
  view.simulate = h('button', { type: 'button', id: 'simulate', text: t.simulate });
  view.migrate = h('button', { type: 'button', id: 'migrate', disabled: true, 'aria-describedby': 'migrate-help', text: t.migrate });
  view.summary = h('p', { id: 'migration-summary' });
  view.moves = h('ul', { id: 'migration-moves' });
  view.failures = h('ul', { id: 'migration-failures' });
  view.progress = h('progress', { id: 'migration-progress', 'aria-label': t.progress, hidden: true });
  view.form = h(
    'form',
    { class: 'migration', id: 'migration-form' },
    h(
      'div',
      { class: 'versions-pick' },
      versionSelect('fromVersion', t.fromVersion, versions, versions[1]?.version ?? newest),
      versionSelect('toVersion', t.toVersion, versions, newest),
    ),
    view.mapping,
    h('div', { class: 'actions' }, view.simulate, view.migrate, h('span', { id: 'migrate-help', class: 'help', text: t.migrateHelp })),
  );
  view.form.addEventListener('submit', (event) => event.preventDefault());
  view.form.addEventListener('change', (event) => {
    if (event.target.name === 'fromVersion' || event.target.name === 'toVersion')
      showMapping(view).catch((error) => showRefusal(view, error));
    else updateButtons(view);
  });
  view.simulate.addEventListener('click', () => simulate(view));
  view.migrate.addEventListener('click', () => migrate(view));
  const current = await definitionOf(view, newest);
  showPage(
    ctx,
    t.migrationTitle(current.label[lang]),
    h('nav', { class: 'lifecycle-links' }, h('a', { href: '#/lifecycles', text: t.backToList })),
    view.form,
    h('section', { class: 'migration-result', 'aria-live': 'polite' }, view.summary, view.progress, view.moves, view.failures),
  );
  await showMapping(view);
}
