/* global setTimeout, crypto */
// The GLPI import page (#/glpi-import, administrators): from GLPI's database or its CSV exports,
// a dry run first, then the import once that dry run of the same source went through; progress
// while it runs, then its report, and the earlier imports.

import { api, upload } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { formValues, labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { GLPI_IMPORT_LANGUAGES } from './glpi-import-text.js';

/** @typedef {import('../../glpi-import/glpi-import-job.schemas').GlpiImportView} GlpiImportView */

const POLL_MS = 1_000;
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The report of a finished import, as lists a person reads. */
function reportOf(t, view) {
  const report = view.report;
  if (!report) return h('p', { class: 'error', text: view.error ?? '' });
  const title = h('h3', { text: t.reportTitle(!view.apply) });
  if ('tickets' in report) {
    const parts = ['entities', 'categories', 'groups', 'users', 'tickets'];
    const head = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
    const rows = parts.map((part) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', text: t.parts[part] }),
        ...['read', 'imported', 'skipped'].map((key) => h('td', { text: String(report[part][key]) })),
        h('td', { text: String(report[part].rejected.length) }),
      ),
    );
    const problems = [
      ...parts.flatMap((part) => report[part].rejected.map((r) => t.rejected(t.parts[part], r.ref, r.reason))),
      ...report.missingFiles.map((missing) => t.missingFile(missing.ticket, missing.path)),
    ];
    return h(
      'div',
      { id: 'glpi-import-report' },
      title,
      h('table', {}, h('thead', {}, h('tr', {}, ...head)), h('tbody', {}, ...rows)),
      h('ul', {}, ...problems.map((text) => h('li', { text }))),
    );
  }
  const lines = [...report.skipped, ...report.rejected].sort((a, b) => a.line - b.line);
  return h(
    'div',
    { id: 'glpi-import-report' },
    title,
    h('p', { text: t.exportSummary(report.read, report.imported, report.skipped.length, report.encoding) }),
    h('ul', {}, ...lines.map((line) => h('li', { text: t.line(line.line, line.reason) }))),
  );
}

export async function renderGlpiImport() {
  const t = GLPI_IMPORT_LANGUAGES[savedLanguage()];
  const progress = h('progress', { max: 1, value: 0 });
  const progressText = h('p', { role: 'status' });
  const report = h('div', {});
  const status = h(
    'section',
    { id: 'glpi-import-progress', hidden: true, 'aria-live': 'polite' },
    h('h2', { text: t.progressTitle }),
    progress,
    progressText,
    report,
  );
  const history = h('tbody', {});
  // The source of the last dry run that went through: the import of that same source opens.
  let dryRunOf = null;

  /** Follows one import until it ends; answers its last view. */
  const follow = async (view) => {
    status.hidden = false;
    report.replaceChildren();
    for (;;) {
      progress.max = Math.max(view.total, 1);
      progress.value = view.done;
      progressText.textContent = `${view.apply ? t.real : t.dry} — ${t.statuses[view.status]} — ${t.progress(t.stages[view.stage] ?? view.stage, view.done, view.total)}`;
      if (view.status !== 'running') break;
      await wait(POLL_MS);
      view = await api('GET', `/api/v1/glpi-imports/${view.id}`);
    }
    report.replaceChildren(reportOf(t, view));
    await loadHistory();
    return view;
  };

  const run = async (form, source, start, apply) => {
    try {
      showFieldErrors(form, null);
      const view = await start(apply);
      say(t.started);
      const last = await follow(view);
      dryRunOf = !apply && last.status === 'done' ? source : null;
      refreshButtons();
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  };

  const databaseForm = h(
    'form',
    { id: 'glpi-database-form', class: 'card' },
    h('h2', { text: t.database }),
    labelled(t.url, h('input', { name: 'url', required: true, autocomplete: 'off', size: 60 })),
    labelled(t.filesDir, h('input', { name: 'filesDir', required: true, size: 40 })),
    h('button', { type: 'submit', value: 'dry', text: t.dryRun }),
    ' ',
    h('button', { type: 'submit', value: 'apply', class: 'secondary', text: t.apply }),
  );
  const exportForm = h(
    'form',
    { id: 'glpi-export-form', class: 'card' },
    h('h2', { text: t.exports }),
    labelled(
      t.kind,
      select(
        'kind',
        Object.entries(t.kinds).map(([kind, label]) => [kind, label]),
        'tickets',
      ),
    ),
    labelled(t.file, h('input', { name: 'file', type: 'file', accept: '.csv,text/csv', required: true })),
    labelled(t.map, h('textarea', { name: 'map', rows: 3 })),
    h('button', { type: 'submit', value: 'dry', text: t.dryRun }),
    ' ',
    h('button', { type: 'submit', value: 'apply', class: 'secondary', text: t.apply }),
  );
  const sourceOf = (form) => {
    const values = formValues(form);
    const file = form.elements.namedItem('file')?.files?.[0];
    return form === databaseForm
      ? `db ${values.url} ${values.filesDir}`
      : `file ${values.kind} ${file?.name}:${file?.size}:${file?.lastModified}`;
  };
  function refreshButtons() {
    for (const form of [databaseForm, exportForm]) {
      const button = form.querySelector('button[value="apply"]');
      button.disabled = dryRunOf === null || dryRunOf !== sourceOf(form);
      button.title = button.disabled ? t.applyAfterDryRun : '';
    }
  }
  for (const form of [databaseForm, exportForm]) form.addEventListener('input', refreshButtons);

  databaseForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const apply = event.submitter?.value === 'apply';
    const { url, filesDir } = formValues(databaseForm);
    void run(databaseForm, sourceOf(databaseForm), () => api('POST', '/api/v1/glpi-imports/database', { url, filesDir, apply }), apply);
  });
  exportForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const apply = event.submitter?.value === 'apply';
    const { kind, map } = formValues(exportForm);
    const file = exportForm.elements.namedItem('file').files[0];
    void run(
      exportForm,
      sourceOf(exportForm),
      () => upload('/api/v1/glpi-imports/export', file, { kind, apply: String(apply), map }, crypto.randomUUID()),
      apply,
    );
  });

  async function loadHistory() {
    const { items } = await api('GET', '/api/v1/glpi-imports');
    history.replaceChildren(
      ...items.map((item) =>
        h(
          'tr',
          {},
          h('td', { text: dateTime(item.startedAt, t.locale) }),
          h('td', { text: item.origin }),
          h('td', { text: item.apply ? t.real : t.dry }),
          h('td', { text: t.statuses[item.status] }),
        ),
      ),
    );
  }

  showContent(
    h(
      'section',
      { class: 'card', id: 'glpi-import' },
      h('h1', { text: t.title }),
      h('p', { class: 'hint', text: t.intro }),
      databaseForm,
      exportForm,
      status,
      h('h2', { text: t.history }),
      h('table', { id: 'glpi-import-history' }, h('tbody', {}, history)),
    ),
  );
  refreshButtons();
  await loadHistory();
}
