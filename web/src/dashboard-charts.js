/* global URLSearchParams */
// The dashboards' charts: what each one asks the KPI API and the ECharts option it draws from the
// answer. Every option is complete, so a refresh is one setOption that ECharts merges and animates
// in place. Tooltips are drawn on the canvas (richText): the HTML ones carry inline styles, which
// the CSP refuses.

import { durationOf, numberOf, percentOf } from './dashboard-text.js';

const PALETTE = ['#0b5cad', '#e07b00', '#2a9d5b', '#b5403a', '#6b4fbb'];
const RATING_COLOURS = ['#b5403a', '#e07b00', '#c9a400', '#7cb342', '#2a9d5b'];

// People who ask their system for less motion get charts that appear without growing.
const animated = () => !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

const base = () => ({
  color: PALETTE,
  animation: animated(),
  animationDurationUpdate: 400,
  textStyle: { fontFamily: 'system-ui, sans-serif' },
  // containLabel measures the labels a little short: a few pixels more keep their first letter.
  grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
});
const tooltip = (extra = {}) => ({ trigger: 'axis', renderMode: 'richText', ...extra });
const legend = () => ({ top: 0, itemGap: 16 });

/** A series on the dashboard's time axis: a missing bucket is 0 for a count, null (a gap) for a ratio. */
function onAxis(points, ctx, gap) {
  const byBucket = new Map(points.map((point) => [point.at.slice(0, 10), point.value]));
  return ctx.axis.map((bucket) => byBucket.get(bucket) ?? gap);
}

// The backlog is a level: a bucket without a point keeps the previous one.
function carriedOnAxis(points, ctx) {
  let last = null;
  return onAxis(points, ctx, undefined).map((value) => (last = value === undefined ? last : value));
}

const asPercent = (values) => values.map((value) => (value === null ? null : Math.round(value * 1000) / 10));
// Ratios are drawn as 0–100 and written in the language's way ("87,5 %", "87.5%").
const percentLabel = (t) => (value) => (value === null || value === undefined ? '—' : percentOf(value / 100, t));

function timeOption(ctx, series, { percent = false, bars = false } = {}) {
  const { t } = ctx;
  return {
    ...base(),
    tooltip: tooltip({ valueFormatter: percent ? percentLabel(t) : (value) => numberOf(value, t) }),
    legend: series.length > 1 ? legend() : { show: false },
    xAxis: { type: 'category', data: ctx.axisLabels, boundaryGap: bars },
    yAxis: percent
      ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: percentLabel(t) } }
      : { type: 'value', minInterval: 1, axisLabel: { formatter: (value) => numberOf(value, t) } },
    series: series.map(({ name, data }) =>
      bars ? { type: 'bar', name, data, barMaxWidth: 18 } : { type: 'line', name, data, connectNulls: true, symbolSize: 5 },
    ),
  };
}

const lastOf = (values) => values.findLast((value) => value !== null && value !== undefined) ?? null;
const sumOf = (values) => values.reduce((sum, value) => sum + (value ?? 0), 0);
const listOf = (pairs, t) => pairs.map(([label, value]) => `${label}${t.colon}${value}`).join(' ; ');

// Durations on an axis read best in one unit, chosen from the largest value.
function durationUnit(maxSeconds, t) {
  if (maxSeconds < 120) return { seconds: 1, name: 's' };
  if (maxSeconds < 2 * 3600) return { seconds: 60, name: 'min' };
  if (maxSeconds < 3 * 86_400) return { seconds: 3600, name: 'h' };
  return { seconds: 86_400, name: t.day };
}

function durationBars(ctx, items, { horizontal }) {
  const { t } = ctx;
  const unit = durationUnit(Math.max(0, ...items.map((item) => item.value)), t);
  // A category reads by its own name on the axis; its whole path is in the tooltip.
  const labels = {
    type: 'category',
    data: items.map((item) => item.label),
    inverse: horizontal,
    axisLabel: { formatter: (label) => label.split(' › ').at(-1), width: horizontal ? 140 : 90, overflow: 'truncate' },
  };
  const values = { type: 'value', name: unit.name, axisLabel: { formatter: (value) => numberOf(value, t, 1) } };
  return {
    ...base(),
    grid: { ...base().grid, top: 28, right: 24 },
    tooltip: tooltip({ axisPointer: { type: 'shadow' }, valueFormatter: (value) => durationOf(value * unit.seconds, t) }),
    xAxis: horizontal ? values : labels,
    yAxis: horizontal ? labels : values,
    series: [
      {
        type: 'bar',
        name: t.series.mttr,
        data: items.map((item) => Math.round((item.value / unit.seconds) * 100) / 100),
        barMaxWidth: 28,
        // A bar stays visible, and so clickable, however short its mean.
        barMinHeight: 3,
        cursor: 'pointer',
      },
    ],
  };
}

/** A link to the ticket list with the dashboard's filters the list knows, and `more`. */
function listHash(ctx, more) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...ctx.listFilters, ...more })) if (value) params.set(name, String(value));
  return `#/tickets?${params}`;
}

const breakdown = (ctx, metric, by) => ctx.get('/api/v1/kpis/breakdown', { metric, by });
const series = (ctx, metric) => ctx.get('/api/v1/kpis/timeseries', { metric, interval: ctx.interval });
const known = (items) => items.filter((item) => item.value !== null && item.value !== undefined);
const weekday = (index, ctx, style) =>
  new Date(Date.UTC(2024, 0, 1 + index)).toLocaleDateString(ctx.t.locale, { weekday: style, timeZone: 'UTC' });

/**
 * The charts in the order they appear. Each has `load(ctx)` (its requests), `option(data, ctx)`,
 * `summary(data, ctx)` (the figures in words, for its aria-label), and may have `empty(data)`,
 * `drill(data, ctx)` (one `{ label, hash }` per bar, followed on a click) and `wide` (a row of its own).
 */
export const CHARTS = [
  {
    key: 'backlog',
    load: (ctx) => series(ctx, 'backlog'),
    option: (data, ctx) => timeOption(ctx, [{ name: ctx.t.series.backlog, data: carriedOnAxis(data.points, ctx) }]),
    summary: (data, ctx) => `${ctx.t.series.backlog}${ctx.t.colon}${numberOf(lastOf(carriedOnAxis(data.points, ctx)), ctx.t)}`,
  },
  {
    key: 'flow',
    load: async (ctx) => {
      const [created, resolved] = await Promise.all([series(ctx, 'created'), series(ctx, 'resolved')]);
      return { created: onAxis(created.points, ctx, 0), resolved: onAxis(resolved.points, ctx, 0) };
    },
    option: (data, ctx) =>
      timeOption(
        ctx,
        [
          { name: ctx.t.series.created, data: data.created },
          { name: ctx.t.series.resolved, data: data.resolved },
        ],
        { bars: true },
      ),
    summary: (data, ctx) =>
      listOf(
        [
          [ctx.t.series.created, sumOf(data.created)],
          [ctx.t.series.resolved, sumOf(data.resolved)],
        ],
        ctx.t,
      ),
  },
  {
    key: 'mttrByCategory',
    load: async (ctx) => {
      const { items } = await breakdown(ctx, 'mttrSeconds', 'category');
      return known(items).map((item) => ({ ...item, label: ctx.categoryName(item.key) }));
    },
    option: (items, ctx) => durationBars(ctx, items, { horizontal: true }),
    empty: (items) => items.length === 0,
    drill: (items, ctx) =>
      items.map((item) => ({ label: item.label, hash: Number(item.key) > 0 ? listHash(ctx, { category: item.key }) : null })),
    summary: (items, ctx) =>
      listOf(
        items.slice(0, 8).map((item) => [item.label, durationOf(item.value, ctx.t)]),
        ctx.t,
      ),
  },
  {
    key: 'mttrByPriority',
    load: async (ctx) => {
      const { items } = await breakdown(ctx, 'mttrSeconds', 'priority');
      return known(items)
        .sort((a, b) => Number(a.key) - Number(b.key))
        .map((item) => ({ ...item, label: ctx.t.levels[item.key] ?? item.key }));
    },
    option: (items, ctx) => durationBars(ctx, items, { horizontal: false }),
    empty: (items) => items.length === 0,
    drill: (items, ctx) => items.map((item) => ({ label: item.label, hash: listHash(ctx, { priority: item.key }) })),
    summary: (items, ctx) =>
      listOf(
        items.map((item) => [item.label, durationOf(item.value, ctx.t)]),
        ctx.t,
      ),
  },
  {
    key: 'mttrByModel',
    load: async (ctx) => {
      const { items } = await breakdown(ctx, 'mttrSeconds', 'model');
      return known(items).map((item) => ({ ...item, label: item.key }));
    },
    option: (items, ctx) => durationBars(ctx, items, { horizontal: true }),
    empty: (items) => items.length === 0,
    summary: (items, ctx) =>
      listOf(
        items.slice(0, 8).map((item) => [item.label, durationOf(item.value, ctx.t)]),
        ctx.t,
      ),
  },
  {
    key: 'slaGauge',
    load: (ctx) => ctx.get('/api/v1/kpis/summary'),
    option: (summary, ctx) => {
      const value = summary.slaCompliance === null ? 0 : Math.round(summary.slaCompliance * 1000) / 10;
      const colour = value >= 95 ? '#2a9d5b' : value >= 80 ? '#e07b00' : '#b5403a';
      return {
        ...base(),
        series: [
          {
            type: 'gauge',
            min: 0,
            max: 100,
            startAngle: 210,
            endAngle: -30,
            radius: '95%',
            center: ['50%', '58%'],
            progress: { show: true, width: 16, itemStyle: { color: colour } },
            axisLine: { lineStyle: { width: 16, color: [[1, '#e4e9f0']] } },
            pointer: { show: false },
            axisTick: { show: false },
            splitLine: { show: false },
            axisLabel: { show: false },
            anchor: { show: false },
            title: { show: true, offsetCenter: [0, '32%'], color: '#4a5666', fontSize: 13 },
            detail: {
              offsetCenter: [0, '-4%'],
              fontSize: 30,
              fontWeight: 600,
              color: '#1b2430',
              formatter: (shown) => (summary.slaCompliance === null ? '—' : percentLabel(ctx.t)(shown)),
            },
            data: [{ value, name: ctx.t.series.sla }],
          },
        ],
      };
    },
    empty: (summary) => summary.slaCompliance === null,
    summary: (summary, ctx) => percentOf(summary.slaCompliance, ctx.t),
  },
  {
    key: 'slaTrend',
    load: (ctx) => series(ctx, 'slaCompliance'),
    option: (data, ctx) =>
      timeOption(ctx, [{ name: ctx.t.series.sla, data: asPercent(onAxis(data.points, ctx, null)) }], { percent: true }),
    empty: (data) => data.points.every((point) => point.value === null),
    summary: (data, ctx) => percentOf(lastOf(onAxis(data.points, ctx, null)), ctx.t),
  },
  {
    key: 'rates',
    load: async (ctx) => {
      const [reopen, fcr] = await Promise.all([series(ctx, 'reopenRate'), series(ctx, 'fcrRate')]);
      return { reopen: onAxis(reopen.points, ctx, null), fcr: onAxis(fcr.points, ctx, null) };
    },
    option: (data, ctx) =>
      timeOption(
        ctx,
        [
          { name: ctx.t.series.reopen, data: asPercent(data.reopen) },
          { name: ctx.t.series.fcr, data: asPercent(data.fcr) },
        ],
        { percent: true },
      ),
    empty: (data) => [...data.reopen, ...data.fcr].every((value) => value === null),
    summary: (data, ctx) =>
      listOf(
        [
          [ctx.t.series.reopen, percentOf(lastOf(data.reopen), ctx.t)],
          [ctx.t.series.fcr, percentOf(lastOf(data.fcr), ctx.t)],
        ],
        ctx.t,
      ),
  },
  {
    key: 'satisfaction',
    load: async (ctx) => {
      const answer = await ctx.get('/api/v1/kpis/satisfaction');
      const counts = new Map(answer.items.map((item) => [item.rating, item.count]));
      return { mean: answer.mean, counts: [1, 2, 3, 4, 5].map((rating) => counts.get(rating) ?? 0) };
    },
    option: (data, ctx) => ({
      ...base(),
      grid: { ...base().grid, top: 28 },
      title: {
        text: data.mean === null ? '' : ctx.t.mean(`${numberOf(data.mean, ctx.t, 2)} / 5`),
        right: 8,
        top: 0,
        textStyle: { fontSize: 13 },
      },
      tooltip: tooltip({ axisPointer: { type: 'shadow' } }),
      xAxis: { type: 'category', data: ['1', '2', '3', '4', '5'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: ctx.t.series.answers,
          barMaxWidth: 36,
          data: data.counts.map((value, index) => ({ value, itemStyle: { color: RATING_COLOURS[index] } })),
        },
      ],
    }),
    empty: (data) => sumOf(data.counts) === 0,
    summary: (data, ctx) =>
      `${listOf(
        data.counts.map((count, index) => [String(index + 1), count]),
        ctx.t,
      )} ; ${ctx.t.mean(numberOf(data.mean, ctx.t, 2))}`,
  },
  {
    key: 'workload',
    load: async (ctx) => (await ctx.get('/api/v1/kpis/workload')).items,
    option: (items, ctx) => ({
      ...base(),
      tooltip: tooltip({ axisPointer: { type: 'shadow' } }),
      legend: legend(),
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: items.map((item) => item.name), inverse: true },
      series: [
        { type: 'bar', name: ctx.t.series.open, data: items.map((item) => item.open), barMaxWidth: 16, cursor: 'pointer' },
        { type: 'bar', name: ctx.t.series.resolved, data: items.map((item) => item.resolved), barMaxWidth: 16, cursor: 'pointer' },
      ],
    }),
    empty: (items) => items.length === 0,
    drill: (items, ctx) => items.map((item) => ({ label: item.name, hash: listHash(ctx, { assignee: item.technician }) })),
    summary: (items, ctx) =>
      listOf(
        items
          .slice(0, 8)
          .map((item) => [
            item.name,
            `${item.open} ${ctx.t.series.open.toLowerCase()}, ${item.resolved} ${ctx.t.series.resolved.toLowerCase()}`,
          ]),
        ctx.t,
      ),
  },
  {
    key: 'heatmap',
    wide: true,
    load: async (ctx) => (await ctx.get('/api/v1/kpis/heatmap')).items,
    option: (items, ctx) => {
      const counts = new Map(items.map((item) => [`${item.weekday}-${item.hour}`, item.value]));
      const cells = [];
      for (let day = 0; day < 7; day += 1)
        for (let hour = 0; hour < 24; hour += 1) cells.push([hour, day, counts.get(`${day + 1}-${hour}`) ?? 0]);
      return {
        ...base(),
        grid: { left: 8, right: 8, top: 8, bottom: 44, containLabel: true },
        tooltip: {
          trigger: 'item',
          renderMode: 'richText',
          formatter: ({ value }) => `${weekday(value[1], ctx, 'long')} ${ctx.t.hour(value[0])}${ctx.t.colon}${value[2]}`,
        },
        xAxis: { type: 'category', data: [...Array(24).keys()].map(String), splitArea: { show: true } },
        yAxis: {
          type: 'category',
          data: [...Array(7).keys()].map((day) => weekday(day, ctx, 'short')),
          inverse: true,
          splitArea: { show: true },
        },
        visualMap: {
          min: 0,
          max: Math.max(1, ...cells.map((cell) => cell[2])),
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 160,
          itemWidth: 12,
          calculable: false,
          text: [String(Math.max(1, ...cells.map((cell) => cell[2]))), '0'],
          inRange: { color: ['#eef3fa', '#7fa8d6', '#0b5cad'] },
        },
        series: [
          { type: 'heatmap', name: ctx.t.series.tickets, data: cells, emphasis: { itemStyle: { borderColor: '#1b2430', borderWidth: 1 } } },
        ],
      };
    },
    empty: (items) => items.every((item) => !item.value),
    summary: (items, ctx) => {
      const busiest = items.reduce((top, item) => (item.value > (top?.value ?? 0) ? item : top), null);
      return busiest ? `${weekday(busiest.weekday - 1, ctx, 'long')} ${ctx.t.hour(busiest.hour)}${ctx.t.colon}${busiest.value}` : '';
    },
  },
];
