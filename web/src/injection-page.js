/* global confirm, crypto, TextDecoder */
// The CSV injection page (#/injection, administrators): the saved mappings, a mapping's form
// (#/injection/N, or a new one) with its columns taken from a file's headers if wished, and
// running a file through it — a dry run first, then the injection of that same file — with the
// report of each line and the earlier runs.

import { api, upload } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { INJECTION_LANGUAGES } from './injection-text.js';
import { savedLanguage } from './language.js';

/** @typedef {import('../../injection/injection.schemas').MappingView} MappingView */
/** @typedef {import('../../injection/injection.schemas').RunView} RunView */

const words = () => INJECTION_LANGUAGES[savedLanguage()];
const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'];
// The report lists each line that needs reading: those refused, left or updated, up to this many.
const SHOWN_LINES = 500;

/** Opens the mappings with a new one's form (`#/injection`), or a mapping with its runs (`#/injection/N`). */
export async function renderInjection(path) {
  const t = words();
  const id = /^#\/injection\/(\d+)$/.exec(path)?.[1];
  const [{ items }, targets, entities, mapping] = await Promise.all([
    api('GET', '/api/v1/injection-mappings'),
    api('GET', '/api/v1/injection-targets'),
    entityNames(),
    /** @type {Promise<MappingView | null>} */ (id === undefined ? Promise.resolve(null) : api('GET', `/api/v1/injection-mappings/${id}`)),
  ]);
  const list =
    items.length === 0
      ? h('p', { text: t.none })
      : h(
          'ul',
          { id: 'injection-mappings' },
          ...items.map((item) =>
            h(
              'li',
              {},
              h('a', { href: `#/injection/${item.id}`, text: item.name }),
              ` — ${t.targets[item.target]}, ${entities.get(item.entity) ?? item.entity}`,
            ),
          ),
        );
  showContent(
    h(
      'section',
      { class: 'card', id: 'injection' },
      h('h1', { text: t.title }),
      h('p', { class: 'hint', text: t.intro }),
      h('h2', { text: t.mappings }),
      list,
      mapping ? h('p', {}, h('a', { href: '#/injection', text: t.add })) : [],
      mappingForm(mapping, targets, [...entities], t),
      mapping ? await runSection(mapping, t) : [],
    ),
  );
}

/** The field a header most likely fills: the one whose code or name it is, whatever the case. */
const guessedField = (header, fields, t) =>
  fields.find((field) => [field, t.targetFields[field]].some((name) => name.toLowerCase() === header.trim().toLowerCase())) ?? '';

function mappingForm(mapping, targets, entities, t) {
  const form = h('form', { id: 'injection-mapping-form', class: 'card', novalidate: true });
  const target = select(
    'target',
    Object.keys(targets).map((key) => [key, t.targets[key]]),
    mapping?.target ?? 'computer',
  );
  const rows = h('tbody', {});
  // Named as the API's fields, so that what it says of them shows beside them.
  const identify = h('fieldset', { name: 'identify' }, h('legend', { text: t.identify }));
  const fieldsOfTarget = () => targets[target.value].fields;

  const fieldSelect = (index, chosen) =>
    select(
      `columns.${index}.field`,
      fieldsOfTarget().map((field) => [field, t.targetFields[field] ?? field]),
      chosen,
      t.ignore,
    );
  const addRow = (header, field) => {
    const index = rows.children.length;
    const remove = h('button', { type: 'button', class: 'secondary', text: t.removeColumn });
    const row = h(
      'tr',
      {},
      h('td', {}, labelled(t.header, h('input', { name: `columns.${index}.header`, value: header, size: 30 }))),
      h('td', {}, labelled(t.field, fieldSelect(index, field))),
      h('td', {}, remove),
    );
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  };
  const columnsNow = () =>
    [...rows.children].map((row) => ({
      header: row.querySelector('input').value.trim(),
      field: row.querySelector('select').value,
    }));
  const redraw = (columns, identified) => {
    rows.replaceChildren();
    for (const column of columns) addRow(column.header, column.field);
    identify.replaceChildren(
      h('legend', { text: t.identify }),
      ...targets[target.value].identifying.map((field) =>
        labelled(
          t.targetFields[field],
          h('input', { type: 'checkbox', name: `identify.${field}`, value: field, checked: identified.includes(field) }),
        ),
      ),
    );
  };
  target.addEventListener('change', () => {
    const fields = fieldsOfTarget();
    redraw(
      columnsNow().map((column) => ({ ...column, field: fields.includes(column.field) ? column.field : '' })),
      [],
    );
  });

  const separator = select('separator', Object.entries(t.separators), mapping?.separator ?? ';');
  const encoding = select('encoding', Object.entries(t.encodings), mapping?.encoding ?? 'utf-8');
  const headersFile = h('input', { type: 'file', name: 'headersFile', accept: '.csv,text/csv' });
  headersFile.addEventListener('change', async () => {
    const file = headersFile.files?.[0];
    if (!file) return;
    const text = new TextDecoder(encoding.value).decode(await file.slice(0, 65_536).arrayBuffer());
    const first = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    const headers = first.split(separator.value).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    redraw(
      headers.filter(Boolean).map((header) => ({ header, field: guessedField(header, fieldsOfTarget(), t) })),
      [...identify.querySelectorAll('input:checked')].map((box) => box.value),
    );
  });
  const addColumn = h('button', { type: 'button', class: 'secondary', text: t.addColumn });
  addColumn.addEventListener('click', () => addRow('', ''));

  const checkbox = (name, checked) => labelled(t.fields[name], h('input', { type: 'checkbox', name, checked }));
  form.append(
    h('h2', { text: mapping?.name ?? t.add }),
    labelled(t.fields.name, h('input', { name: 'name', required: true, value: mapping?.name ?? '', size: 40 })),
    labelled(t.fields.target, target),
    labelled(t.fields.entity, select('entity', entities, mapping?.entity ?? entities[0]?.[0])),
    labelled(t.fields.separator, separator),
    labelled(t.fields.encoding, encoding),
    labelled(
      t.fields.dateFormat,
      select(
        'dateFormat',
        DATE_FORMATS.map((format) => [format, format]),
        mapping?.dateFormat ?? 'YYYY-MM-DD',
      ),
    ),
    labelled(t.fields.decimalSeparator, select('decimalSeparator', Object.entries(t.decimals), mapping?.decimalSeparator ?? '.')),
    checkbox('allowCreate', mapping?.allowCreate ?? true),
    checkbox('allowUpdate', mapping?.allowUpdate ?? true),
    h(
      'fieldset',
      {},
      h('legend', { text: t.columns }),
      labelled(t.headersFrom, headersFile),
      h('table', { id: 'injection-columns' }, rows),
      addColumn,
    ),
    identify,
    h('button', { type: 'submit', text: t.save }),
  );
  redraw(mapping?.columns ?? [], mapping?.identify ?? []);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
    const body = {
      name: value('name'),
      target: target.value,
      entity: Number(value('entity')),
      separator: separator.value,
      encoding: encoding.value,
      dateFormat: value('dateFormat'),
      decimalSeparator: value('decimalSeparator'),
      columns: columnsNow().filter((column) => column.field !== ''),
      identify: [...identify.querySelectorAll('input:checked')].map((box) => box.value),
      allowCreate: /** @type {HTMLInputElement} */ (form.elements.namedItem('allowCreate')).checked,
      allowUpdate: /** @type {HTMLInputElement} */ (form.elements.namedItem('allowUpdate')).checked,
    };
    try {
      showFieldErrors(form, null);
      const saved = await api(
        mapping ? 'PUT' : 'POST',
        mapping ? `/api/v1/injection-mappings/${mapping.id}` : '/api/v1/injection-mappings',
        body,
      );
      say(t.saved(saved.name));
      if (mapping) await renderInjection(`#/injection/${saved.id}`);
      else location.hash = `#/injection/${saved.id}`;
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  return form;
}

/** A line's reason with the fields it names (`memoryMb: …; user: …`) in the reader's words. */
const fieldsNamed = (reason, t) =>
  reason.replace(/(^|; )(\w+)(?=: )/g, (whole, before, field) => (t.targetFields[field] ? `${before}${t.targetFields[field]}` : whole));

/** What a run did: its counts, then each line that needs reading. */
function reportOf(run, t) {
  const lines = run.report.filter((line) => line.outcome !== 'created' && line.outcome !== 'unchanged');
  const rest = run.report.length - lines.length;
  return h(
    'div',
    { id: 'injection-report' },
    h('h3', { text: t.reportTitle(run.dryRun) }),
    h('p', { role: 'status', text: t.summary(run) }),
    lines.length === 0
      ? []
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...[t.line, t.outcome, t.item, t.detail].map((name) => h('th', { scope: 'col', text: name })))),
          h(
            'tbody',
            {},
            ...lines.slice(0, SHOWN_LINES).map((line) =>
              h(
                'tr',
                { class: `outcome-${line.outcome}` },
                h('td', { text: String(line.line) }),
                h('td', { text: t.outcomes[line.outcome] }),
                h('td', { text: line.item === undefined ? '' : String(line.item) }),
                h('td', {
                  text: line.reason
                    ? fieldsNamed(line.reason, t)
                    : line.changed
                      ? t.changed(line.changed.map((field) => t.targetFields[field] ?? field))
                      : '',
                }),
              ),
            ),
          ),
        ),
    rest > 0 ? h('p', { text: t.more(rest) }) : [],
  );
}

async function runSection(mapping, t) {
  const report = h('div', { 'aria-live': 'polite' });
  const history = h('tbody', {});
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
  const dryButton = h('button', { type: 'submit', value: 'dry', text: t.dryRun });
  const injectButton = h('button', { type: 'submit', value: 'inject', class: 'secondary', text: t.inject });
  const form = h(
    'form',
    { id: 'injection-run-form', class: 'card' },
    h('h2', { text: t.run }),
    labelled(t.file, file),
    dryButton,
    ' ',
    injectButton,
  );
  // The file of the last dry run that went through: its injection opens.
  let dryRunOf = null;
  const fileKey = () => {
    const chosen = file.files?.[0];
    return chosen ? `${chosen.name}:${chosen.size}:${chosen.lastModified}` : null;
  };
  const refresh = () => {
    injectButton.disabled = dryRunOf === null || dryRunOf !== fileKey();
    injectButton.title = injectButton.disabled ? t.injectAfterDryRun : '';
  };
  file.addEventListener('change', refresh);

  async function loadHistory() {
    const { items } = await api('GET', `/api/v1/injection-mappings/${mapping.id}/runs`);
    history.replaceChildren(
      ...items.map((run) =>
        h(
          'tr',
          {},
          h('td', { text: dateTime(run.startedAt, t.locale) }),
          h('td', { text: run.dryRun ? t.dry : t.real }),
          h('td', { text: run.fileName }),
          h('td', { text: t.summary(run) }),
        ),
      ),
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const dryRun = event.submitter?.value !== 'inject';
    const chosen = file.files?.[0];
    if (!chosen) return;
    try {
      showFieldErrors(form, null);
      /** @type {RunView} */
      const run = await upload(`/api/v1/injection-mappings/${mapping.id}/runs`, chosen, { dryRun: String(dryRun) }, crypto.randomUUID());
      report.replaceChildren(reportOf(run, t));
      say(t.summary(run));
      dryRunOf = dryRun ? fileKey() : null;
      refresh();
      await loadHistory();
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });

  const remove = h('button', { type: 'button', class: 'secondary', text: t.remove });
  remove.addEventListener('click', async () => {
    if (!confirm(t.confirm(mapping.name))) return;
    try {
      await api('DELETE', `/api/v1/injection-mappings/${mapping.id}`);
      say(t.removed(mapping.name));
      location.hash = '#/injection';
    } catch (error) {
      say(error.message);
    }
  });

  refresh();
  await loadHistory();
  return [
    form,
    report,
    h('h2', { text: t.history }),
    h(
      'table',
      { id: 'injection-history' },
      h('thead', {}, h('tr', {}, ...[t.when, t.what, t.fileName, t.detail].map((name) => h('th', { scope: 'col', text: name })))),
      history,
    ),
    h('p', {}, remove),
  ];
}
