/* global setTimeout, clearTimeout, URLSearchParams */
// The managers' dashboards (#/dashboards): KPI tiles and charts over a period and filters,
// refreshed every 5 s in place. ECharts is loaded from our own origin the first time the view
// opens. Every value from the server is written with textContent or handed to ECharts as data.

import { api } from './api-client.js';
import { CHARTS } from './dashboard-charts.js';
import { categoryList } from './categories.js';
import { LANGUAGES, durationOf, numberOf, percentOf } from './dashboard-text.js';
import { dayMonth, timeOfDay } from './dates.js';
import { h } from './dom.js';
import { languageSwitch, savedLanguage } from './language.js';

const REFRESH_MS = 5000;
const DAY_MS = 86_400_000;

/** @type {[string, (summary: import('../../analytics/kpi.schemas').KpiSummary, t: typeof LANGUAGES.fr) => string][]} */
const TILES = [
  ['created', (s, t) => numberOf(s.created, t)],
  ['resolved', (s, t) => numberOf(s.resolved, t)],
  ['backlog', (s, t) => numberOf(s.backlog, t)],
  ['mtto', (s, t) => durationOf(s.mttoSeconds, t)],
  ['mttr', (s, t) => durationOf(s.mttrSeconds, t)],
  ['slaCompliance', (s, t) => percentOf(s.slaCompliance, t)],
  ['reopenRate', (s, t) => percentOf(s.reopenRate, t)],
  ['fcrRate', (s, t) => percentOf(s.fcrRate, t)],
  ['escalationRate', (s, t) => percentOf(s.escalationRate, t)],
  ['satisfaction', (s, t) => (s.satisfaction === null ? '—' : `${numberOf(s.satisfaction, t, 2)} / 5`)],
];

const isoDay = (time) => new Date(time).toISOString().slice(0, 10);
const isoSecond = (time) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

const lastThirtyDays = () => ({
  from: isoDay(Date.now() - 30 * DAY_MS),
  to: isoDay(Date.now()),
  category: '',
  group: '',
  priority: '',
  type: '',
});

// Kept for the page's life, so coming back from a drill-down finds the filters as they were.
let filters = lastThirtyDays();

let echartsLoaded;
function loadEcharts() {
  echartsLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/vendor/echarts.min.js';
    script.onload = () => resolve(/** @type {any} */ (window).echarts);
    script.onerror = () => {
      echartsLoaded = undefined;
      script.remove();
      reject(new Error('ECharts did not load'));
    };
    document.head.append(script);
  });
  return echartsLoaded;
}

function select(name, label, options) {
  const picker = h('select', { name });
  for (const [value, text] of options) picker.add(new Option(text, value));
  return h('label', { text: `${label} ` }, picker);
}

/** The period in UTC days, its end at most now; null when it is empty or backwards. */
function periodOf({ from, to }) {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Math.min(Date.parse(`${to}T00:00:00Z`) + DAY_MS, Math.ceil(Date.now() / 1000) * 1000);
  return start < end ? { from: start, to: end } : null;
}

/** The buckets of the charts' time axis, as the API names them: UTC days, or weeks from Monday. */
function axisOf({ from, to }, interval) {
  const step = interval === 'week' ? 7 * DAY_MS : DAY_MS;
  let start = from - (from % DAY_MS);
  if (interval === 'week') start -= ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS;
  const buckets = [];
  for (let at = start; at < to; at += step) buckets.push(isoDay(at));
  return buckets;
}

function buildView(view) {
  const { t, lang } = view;
  const languages = languageSwitch(lang, t.language, (code) => switchLanguage(view, code));
  const form = h(
    'form',
    { class: 'filters', id: 'dashboard-filters', 'aria-label': t.filters },
    h('label', { text: `${t.from} ` }, h('input', { type: 'date', name: 'from', required: '' })),
    h('label', { text: `${t.to} ` }, h('input', { type: 'date', name: 'to', required: '' })),
    select('category', t.category, [['', t.all]]),
    select('group', t.group, [['', t.all]]),
    select('priority', t.priority, [['', t.all], ...Object.entries(t.levels)]),
    select('type', t.type, [['', t.all], ...Object.entries(t.types)]),
  );
  const tiles = h('dl', { class: 'tiles' });
  for (const [key] of TILES)
    tiles.append(h('div', { class: 'tile' }, h('dt', { text: t.tiles[key] }), h('dd', { id: `kpi-${key}`, text: '—' })));
  const charts = h('div', { class: 'charts' });
  view.charts = CHARTS.map((definition) => {
    const [title, description] = t.charts[definition.key];
    const container = h('div', { class: 'chart', id: `chart-${definition.key}`, role: 'img', 'aria-label': description });
    const note = h('p', { class: 'chart-note', text: t.loading });
    const drill = h('details', { class: 'drill', hidden: '' }, h('summary', { text: t.drill }), h('ul'));
    const figure = h(
      'figure',
      { class: definition.wide ? 'chart-card wide' : 'chart-card' },
      h('figcaption', {}, h('h2', { text: title })),
      h('div', { class: 'chart-box' }, container, note),
      drill,
    );
    charts.append(figure);
    return { definition, description, container, note, drill, drillSignature: '', targets: [], chart: null };
  });
  view.root = h(
    'section',
    { class: 'dashboard', lang },
    h(
      'header',
      { class: 'dashboard-head' },
      h('h1', { text: t.title }),
      h('p', { class: 'updated', id: 'dashboard-updated', text: t.loading }),
      languages,
    ),
    form,
    h('p', { class: 'dashboard-problem', id: 'dashboard-problem', role: 'alert', hidden: '' }),
    tiles,
    charts,
  );
  view.form = form;
}

async function fillFilters(view) {
  const { form, t, lang } = view;
  for (const [name, value] of Object.entries(filters)) form.elements[name].value = value;
  const categories = (await categoryList().catch(() => []))
    .map((c) => [String(c.id), c.path[lang]])
    .sort((a, b) => a[1].localeCompare(b[1], lang));
  for (const [id, path] of categories) form.elements.category.add(new Option(path, id));
  form.elements.category.value = filters.category;
  view.categoryNames = new Map(categories);
  // There is no list of groups yet: offer those that have tickets in the period.
  const period = periodOf(filters);
  const groups = period
    ? await api(
        'GET',
        `/api/v1/kpis/breakdown?${new URLSearchParams({ metric: 'created', by: 'group', from: isoSecond(period.from), to: isoSecond(period.to) })}`,
      ).then(
        ({ items }) => items.map((item) => item.key).filter((key) => Number(key) > 0),
        () => [],
      )
    : [];
  if (filters.group && !groups.includes(filters.group)) groups.push(filters.group);
  for (const id of groups.sort((a, b) => Number(a) - Number(b))) form.elements.group.add(new Option(t.groupNumber(id), id));
  form.elements.group.value = filters.group;
}

function contextOf(view, period) {
  const { t } = view;
  const interval = period.to - period.from > 92 * DAY_MS ? 'week' : 'day';
  const axis = axisOf(period, interval);
  const common = { from: isoSecond(period.from), to: isoSecond(period.to) };
  for (const name of ['category', 'group', 'priority', 'type']) if (filters[name]) common[name] = filters[name];
  const answers = new Map();
  return {
    t,
    interval,
    axis,
    axisLabels: axis.map((bucket) => dayMonth(bucket, t.locale)),
    listFilters: { category: filters.category, group: filters.group, priority: filters.priority },
    categoryName: (key) => view.categoryNames?.get(key) ?? (Number(key) > 0 ? `n° ${key}` : t.noCategory),
    // One request per URL and refresh: the tiles and the gauge share the summary.
    get(path, params = {}) {
      const url = `${path}?${new URLSearchParams({ ...common, ...params })}`;
      if (!answers.has(url)) answers.set(url, api('GET', url));
      return answers.get(url);
    },
  };
}

async function renderTiles(view, ctx, current) {
  let summary = null;
  try {
    summary = await ctx.get('/api/v1/kpis/summary');
  } catch {
    summary = null;
  }
  if (!current()) return;
  for (const [key, format] of TILES) view.root.querySelector(`#kpi-${key}`).textContent = summary ? format(summary, view.t) : '—';
  view.root.querySelector('.tiles').classList.toggle('unavailable', !summary);
}

function showDrill(state, targets) {
  state.targets = targets;
  const links = targets.filter((target) => target.hash);
  const signature = JSON.stringify(links);
  if (signature === state.drillSignature) return;
  state.drillSignature = signature;
  state.drill.hidden = links.length === 0;
  state.drill.querySelector('ul').replaceChildren(...links.map((target) => h('li', {}, h('a', { href: target.hash, text: target.label }))));
}

function describe(state, text) {
  const label = text ? `${state.description}. ${text}` : state.description;
  if (state.container.getAttribute('aria-label') !== label) state.container.setAttribute('aria-label', label);
}

function showNote(state, text) {
  state.note.textContent = text;
  state.note.hidden = !text;
}

async function renderChart(view, state, ctx, current) {
  const { definition } = state;
  try {
    if (!state.chart) throw new Error('no chart library');
    const data = await definition.load(ctx);
    if (!current()) return;
    state.chart.setOption(definition.option(data, ctx));
    const empty = definition.empty?.(data) ?? false;
    showNote(state, empty ? view.t.noData : '');
    describe(state, empty ? view.t.noData : definition.summary(data, ctx));
    showDrill(state, definition.drill?.(data, ctx) ?? []);
  } catch (error) {
    // One chart's failure (a call refused, an endpoint missing) leaves the others drawn.
    if (!current()) return;
    console.warn(`chart ${definition.key}: ${error.message}`);
    state.chart?.clear();
    showNote(state, view.t.unavailable);
    describe(state, view.t.unavailable);
    showDrill(state, []);
  }
}

async function refresh(view) {
  const generation = ++view.generation;
  const current = () => generation === view.generation && view.root.isConnected;
  const period = periodOf(filters);
  const problem = view.root.querySelector('#dashboard-problem');
  problem.textContent = period ? '' : view.t.badPeriod;
  problem.hidden = Boolean(period);
  if (!period) return;
  const ctx = contextOf(view, period);
  await Promise.all([renderTiles(view, ctx, current), ...view.charts.map((state) => renderChart(view, state, ctx, current))]);
  if (!current()) return;
  view.root.querySelector('#dashboard-updated').textContent = view.t.updatedAt(timeOfDay(Date.now(), view.t.locale));
}

function stop(view) {
  view.stopped = true;
  clearTimeout(view.timer);
  window.removeEventListener('resize', view.resize);
  for (const state of view.charts) state.chart?.dispose();
}

// Refreshes now, then every REFRESH_MS while the view is on the page; a hidden tab asks nothing.
async function tick(view) {
  clearTimeout(view.timer);
  if (view.stopped) return;
  if (!view.root.isConnected) return stop(view);
  if (!document.hidden) await refresh(view);
  if (view.stopped) return;
  if (!view.root.isConnected) return stop(view);
  clearTimeout(view.timer);
  view.timer = setTimeout(() => tick(view), REFRESH_MS);
}

function switchLanguage(view, lang) {
  stop(view);
  renderDashboard(view.main).then(() => view.main.querySelector(`.languages [lang="${lang}"]`)?.focus());
}

/** Shows the dashboards in `main`. */
export async function renderDashboard(main) {
  const lang = savedLanguage();
  const view = { main, lang, t: LANGUAGES[lang], generation: 0, timer: undefined, stopped: false, charts: [] };
  buildView(view);
  main.replaceChildren(view.root);
  main.focus();
  view.form.addEventListener('change', () => {
    const values = new FormData(view.form);
    filters = /** @type {typeof filters} */ (
      Object.fromEntries(Object.keys(filters).map((name) => [name, String(values.get(name) ?? '')]))
    );
    tick(view);
  });
  const [echarts] = await Promise.all([loadEcharts().catch(() => null), fillFilters(view)]);
  if (!view.root.isConnected) return;
  if (echarts) {
    for (const state of view.charts) {
      state.chart = echarts.init(state.container, null, { renderer: 'canvas' });
      state.chart.on('click', (params) => {
        const hash = state.targets[params.dataIndex]?.hash;
        if (hash) location.hash = hash;
      });
    }
  }
  view.resize = () => view.charts.forEach((state) => state.chart?.resize());
  window.addEventListener('resize', view.resize);
  await tick(view);
}
