// The dashboard for a chosen range of days (UTC), all figures from the server
// (GET /dashboard: the per-day counters the backend keeps): revenue and orders per
// day, average order value, orders by status. The browser only draws them.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatAmount, formatCents, toCents } from '../money.js';
import { STATUSES } from '../format.js';
import { barChart, columnChart } from '../charts.js';
import { errorPanel, whileBusy } from '../ui.js';
import { ordersHash } from './orders.js';
import { statusWords } from '../words.js';

const DEFAULT_DAYS = 7;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function utcDay(date) {
  return date.toISOString().slice(0, 10);
}

function defaultRange() {
  const today = new Date();
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (DEFAULT_DAYS - 1)));
  return { from: utcDay(first), to: utcDay(today) };
}

/** Axis and bar labels: whole units, k / M from five digits up ("$3,268", "$45k"). */
function compactMoney(cents, currency) {
  const whole = Math.round(cents / 100); // display only; the figures are the server's exact strings
  const unit = (text) => formatCents(0, currency).replace('0.00', text);
  if (whole >= 1e6) return unit(`${(whole / 1e6).toFixed(1)}M`);
  if (whole >= 1e4) return unit(`${Math.round(whole / 1e3)}k`);
  return formatCents(whole * 100, currency).replace(/\.00\b/, '');
}

export function dashboardView(ctx) {
  const fromId = uniqueId('from');
  const toId = uniqueId('to');
  const range = defaultRange();
  const fromInput = h('input', { id: fromId, name: 'from', type: 'date' });
  const toInput = h('input', { id: toId, name: 'to', type: 'date' });
  const statusArea = h('div', { class: 'chart-area' }, h('p', { class: 'loading' }, 'Loading…'));
  const revenueArea = h('div', { class: 'chart-area' }, h('p', { class: 'loading' }, 'Loading…'));
  const kpis = h('div', { class: 'kpis' });
  const currency = 'USD';

  function readRange(params) {
    const from = DAY.test(params.get('from') || '') ? params.get('from') : range.from;
    const to = DAY.test(params.get('to') || '') ? params.get('to') : range.to;
    fromInput.value = from;
    toInput.value = to;
    return { from, to };
  }

  function kpi(label, value, extra) {
    return h('div', { class: 'kpi card' }, h('span', { class: 'kpi-label' }, label),
      h('strong', { class: 'kpi-value' }, value), extra || null);
  }

  function show(figures) {
    const statusData = STATUSES.map((status) => ({
      status, label: statusWords(status), value: figures.by_status[status] || 0, className: `bar-${status}` }));
    const listed = { from: figures.from, to: figures.to };
    replaceChildren(statusArea,
      barChart({ data: statusData, className: 'status-chart',
        summary: `Orders by status, ${figures.from} to ${figures.to}: ${statusData.map((d) => `${d.label} ${d.value}`).join(', ')}.` }),
      h('ul', { class: 'chart-links' }, statusData.map((d) => h('li', {},
        h('a', { href: ordersHash({ status: d.status, ...listed }) }, `${d.label}: ${d.value}`)))));
    const days = figures.days.map((day) => {
      const date = new Date(`${day.date}T00:00:00Z`);
      const cents = toCents(day.revenue) || 0;
      return {
        label: date.toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' }),
        sublabel: date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
        value: cents, text: `${formatAmount(day.revenue, currency)} · ${day.orders} orders`, shortText: compactMoney(cents, currency),
      };
    });
    replaceChildren(revenueArea,
      columnChart({ data: days, className: 'revenue-chart', formatAxis: (v) => compactMoney(v, currency),
        summary: `Revenue per day: ${days.map((d) => `${d.label} ${d.sublabel} ${d.text}`).join(', ')}.` }),
      h('p', { class: 'hint chart-note' }, `Per UTC day, orders not cancelled or failed: ${figures.revenue_orders} orders, `
        + `${formatAmount(figures.revenue, currency)}. Kept by the server as orders change (within seconds).`));
    replaceChildren(kpis,
      kpi('Revenue', formatAmount(figures.revenue, currency)),
      // The orders the revenue counts (not cancelled or failed), as the revenue chart's note says.
      kpi('Orders', String(figures.revenue_orders),
        h('span', { class: 'muted small' }, `of ${figures.orders} placed; cancelled and failed ones bring no revenue`)),
      kpi('Average order value', formatAmount(figures.average_order_value, currency)),
      kpi('Failed', String(figures.by_status.failed || 0),
        figures.by_status.failed ? h('a', { href: ordersHash({ status: 'failed', ...listed }), class: 'small' }, 'Review') : null));
  }

  let current = readRange(ctx.params);
  async function load() {
    try {
      show(await api.dashboard(current.from, current.to));
    } catch (error) {
      replaceChildren(revenueArea, errorPanel(error, load));
      replaceChildren(statusArea);
    }
  }

  const refreshButton = h('button', { type: 'button', class: 'button', onclick: () => whileBusy(refreshButton, 'Refreshing…', load) },
    'Refresh');
  const form = h('form', { class: 'filters card', 'aria-label': 'Range of days', novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    ctx.navigate(`#/dashboard?${new URLSearchParams({ from: fromInput.value, to: toInput.value })}`);
  } },
  h('div', { class: 'field' }, h('label', { for: fromId }, 'From (UTC)'), fromInput),
  h('div', { class: 'field' }, h('label', { for: toId }, 'To (UTC)'), toInput),
  h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Show')));

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' }, h('h1', {}, 'Dashboard'), h('div', { class: 'header-actions' }, refreshButton)),
    form, kpis,
    h('div', { class: 'chart-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'status-chart-heading' },
        h('h2', { id: 'status-chart-heading' }, 'Orders by status'), statusArea),
      h('section', { class: 'card', 'aria-labelledby': 'revenue-chart-heading' },
        h('h2', { id: 'revenue-chart-heading' }, 'Revenue per day'), revenueArea)));
  load();
  return {
    el,
    update(params) {
      current = readRange(params);
      load();
    },
  };
}
