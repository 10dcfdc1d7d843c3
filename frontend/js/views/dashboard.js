// Order counts by status (GET /stats) and revenue per day over the last 7
// days, summed in cents from the most recent orders (GET /orders pages).
import { h, replaceChildren } from '../dom.js';
import { api } from '../api.js';
import { formatCents, toCents } from '../money.js';
import { STATUSES, localDay } from '../format.js';
import { barChart, columnChart } from '../charts.js';
import { errorPanel, whileBusy } from '../ui.js';
import { ordersHash } from './orders.js';

const DAYS = 7;
const ORDER_CAP = 300; // the revenue chart reads at most this many recent orders
const NOT_REVENUE = new Set(['cancelled', 'failed']);

function lastDays() {
  const days = [];
  const today = new Date();
  for (let back = DAYS - 1; back >= 0; back -= 1) {
    const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
    days.push({
      key: localDay(date),
      label: date.toLocaleDateString(undefined, { weekday: 'short' }),
      sublabel: date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }),
      start: date,
    });
  }
  return days;
}

/** Reads newest-first pages until the window is covered or the cap is reached. */
async function recentOrders(since) {
  const orders = [];
  let token = null;
  let reachedPast = false;
  do {
    const data = await api.listOrders({ limit: 100, next_token: token });
    for (const order of data.orders) {
      if (new Date(order.created_at) < since) {
        reachedPast = true;
        break;
      }
      orders.push(order);
    }
    token = data.next_token;
  } while (token && !reachedPast && orders.length < ORDER_CAP);
  return { orders: orders.slice(0, ORDER_CAP), complete: reachedPast || !token };
}

/** Axis and bar labels: whole units, k / M from five digits up ("$3,268", "$45k"). */
function compactMoney(cents, currency) {
  const whole = Math.round(cents / 100); // display only; sums stay in exact cents
  const unit = (text) => formatCents(0, currency).replace('0.00', text);
  if (whole >= 1e6) return unit(`${(whole / 1e6).toFixed(1)}M`);
  if (whole >= 1e4) return unit(`${Math.round(whole / 1e3)}k`);
  return formatCents(whole * 100, currency).replace(/\.00\b/, '');
}

export function dashboardView() {
  const statusArea = h('div', { class: 'chart-area' }, h('p', { class: 'loading' }, 'Loading counts…'));
  const revenueArea = h('div', { class: 'chart-area' }, h('p', { class: 'loading' }, 'Loading recent orders…'));
  const kpis = h('div', { class: 'kpis' });
  const refreshButton = h('button', { type: 'button', class: 'button', onclick: () => whileBusy(refreshButton, 'Refreshing…', load) }, 'Refresh');

  function kpi(label, value, extra) {
    return h('div', { class: 'kpi card' }, h('span', { class: 'kpi-label' }, label), h('strong', { class: 'kpi-value' }, value), extra || null);
  }

  async function loadStats() {
    try {
      const { orders } = await api.stats();
      const data = STATUSES.map((status) => ({ label: status, value: orders.by_status[status] || 0, className: `bar-${status}` }));
      const summary = `Orders by status: ${data.map((d) => `${d.label} ${d.value}`).join(', ')}; ${orders.total} in total.`;
      replaceChildren(statusArea,
        barChart({ data, summary, className: 'status-chart' }),
        h('ul', { class: 'chart-links' }, data.map((d) => h('li', {},
          h('a', { href: ordersHash({ status: d.label }) }, `${d.label}: ${d.value}`)))));
      return orders;
    } catch (error) {
      replaceChildren(statusArea, errorPanel(error, load));
      return null;
    }
  }

  async function loadRevenue() {
    const days = lastDays();
    try {
      const { orders, complete } = await recentOrders(days[0].start);
      const perDay = new Map(days.map((d) => [d.key, 0]));
      let counted = 0;
      for (const order of orders) {
        const cents = toCents(order.total_amount);
        const day = localDay(order.created_at);
        if (NOT_REVENUE.has(order.status) || cents === null || !perDay.has(day)) continue;
        perDay.set(day, perDay.get(day) + cents);
        counted += 1;
      }
      const currency = (orders[0] && orders[0].currency) || 'USD';
      const data = days.map((d) => ({
        label: d.label, sublabel: d.sublabel, value: perDay.get(d.key),
        text: formatCents(perDay.get(d.key), currency), shortText: compactMoney(perDay.get(d.key), currency),
      }));
      const total = data.reduce((sum, d) => sum + d.value, 0);
      const summary = `Revenue per day, last ${DAYS} days: ${data.map((d) => `${d.label} ${d.sublabel} ${d.text}`).join(', ')}.`;
      replaceChildren(revenueArea,
        columnChart({ data, summary, className: 'revenue-chart', formatAxis: (v) => compactMoney(v, currency) }),
        h('p', { class: 'hint chart-note' },
          `Sum of order totals per day (your time zone), excluding cancelled and failed orders: ${counted} orders, ${formatCents(total, currency)}. `
          + `Computed in the browser from the ${orders.length} most recent orders of the last ${DAYS} days; it reads at most ${ORDER_CAP} orders`
          + (complete ? '.' : ', and that cap was reached, so earlier days are incomplete.')));
      return { total, currency, counted };
    } catch (error) {
      replaceChildren(revenueArea, errorPanel(error, load));
      return null;
    }
  }

  async function load() {
    const [stats, revenue] = await Promise.all([loadStats(), loadRevenue()]);
    replaceChildren(kpis,
      kpi('Orders', stats ? String(stats.total) : '—'),
      kpi(`Revenue, last ${DAYS} days`, revenue ? formatCents(revenue.total, revenue.currency) : '—'),
      kpi('In progress', stats ? String((stats.by_status.pending || 0) + (stats.by_status.processing || 0)) : '—'),
      kpi('Failed', stats ? String(stats.by_status.failed || 0) : '—',
        stats && stats.by_status.failed ? h('a', { href: ordersHash({ status: 'failed' }), class: 'small' }, 'Review') : null));
  }

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' }, h('h1', {}, 'Dashboard'), h('div', { class: 'header-actions' }, refreshButton)),
    kpis,
    h('div', { class: 'chart-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'status-chart-heading' },
        h('h2', { id: 'status-chart-heading' }, 'Orders by status'), statusArea),
      h('section', { class: 'card', 'aria-labelledby': 'revenue-chart-heading' },
        h('h2', { id: 'revenue-chart-heading' }, `Revenue per day, last ${DAYS} days`), revenueArea)));
  load();
  return { el };
}
