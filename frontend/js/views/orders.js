// The orders list: search, filters, tab and paging live in the hash
// (#/orders?q=&status=&customer=&from=&to=&page=&limit=), so Back works, coming back from an
// order keeps them, and a filtered view can be shared.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatAmount } from '../money.js';
import { STATUSES, formatDateTime, orderName } from '../format.js';
import { errorPanel, notifyError, statusBadge, whileBusy } from '../ui.js';
import { csvText, download, everyOrder } from '../csv.js';
import { LIVE_SECONDS, every } from '../live.js';
import { bulkActions } from './bulk-actions.js';

const LIMITS = [5, 10, 25, 50, 100];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// The tabs of a shop's day; "Unfulfilled" are orders not yet processed.
const TABS = [['', 'All'], ['pending', 'Unfulfilled'], ['processing', 'Processing'], ['shipped', 'Shipped'],
  ['failed', 'Failed'], ['cancelled', 'Cancelled']];

function readQuery(params) {
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : '';
  const customer = (params.get('customer') || '').trim();
  const q = (params.get('q') || '').trim();
  const from = DAY.test(params.get('from') || '') ? params.get('from') : '';
  const to = DAY.test(params.get('to') || '') ? params.get('to') : '';
  const page = Math.max(1, Number.parseInt(params.get('page'), 10) || 1);
  const limitParam = Number.parseInt(params.get('limit'), 10);
  const limit = limitParam >= 1 && limitParam <= 100 ? limitParam : 10;
  return { status, customer, q, from, to, page, limit };
}

export function ordersHash({ status = '', customer = '', q = '', from = '', to = '', page = 1, limit = 10 } = {}) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (status) params.set('status', status);
  if (customer) params.set('customer', customer);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (page > 1) params.set('page', String(page));
  if (limit !== 10) params.set('limit', String(limit));
  const query = params.toString();
  return `#/orders${query ? `?${query}` : ''}`;
}

function orderRow(order, selected, onSelect) {
  const reason = order.status_reason
    ? h('span', { class: 'status-reason' }, order.status_reason) : null;
  const tracking = order.tracking_number
    ? h('span', { class: 'muted small' }, `${order.carrier ? `${order.carrier} ` : ''}${order.tracking_number}`) : null;
  const box = h('input', { type: 'checkbox', class: 'select-order', 'aria-label': `Select order ${orderName(order)}` });
  box.checked = selected.has(order.order_id);
  box.addEventListener('change', () => onSelect(order.order_id, box.checked));
  return h('tr', { dataset: { orderId: order.order_id, status: order.status } },
    h('td', { 'data-label': 'Select', class: 'select-cell' }, box),
    h('td', { 'data-label': 'Order' },
      h('a', { href: `#/orders/${encodeURIComponent(order.order_id)}`, class: 'mono order-link', title: order.order_id },
        orderName(order))),
    h('td', { 'data-label': 'Customer' }, h('div', { class: 'stack' },
      h('span', { class: 'customer-name' }, order.customer_name),
      h('span', { class: 'muted small mono' }, order.customer_id))),
    h('td', { 'data-label': 'Items', class: 'num' }, String(order.item_count)),
    h('td', { 'data-label': 'Total', class: 'num' }, formatAmount(order.total_amount, order.currency)),
    h('td', { 'data-label': 'Status' }, h('div', { class: 'stack' }, statusBadge(order.status), reason, tracking)),
    h('td', { 'data-label': 'Created' },
      h('time', { datetime: order.created_at }, formatDateTime(order.created_at))));
}

export function ordersView(ctx) {
  let query = readQuery(ctx.params);
  let loading = 0; // answers to superseded requests are dropped

  const selected = new Set(); // order ids ticked for a bulk action
  const names = new Map(); // order id -> "#1001", for the bulk results
  let shown = []; // ids of the rows on screen, newest first
  let newestShown = ''; // created_at of the newest row on screen
  const searchId = uniqueId('search');
  const fromId = uniqueId('from');
  const toId = uniqueId('to');
  const statusId = uniqueId('status');
  const customerId = uniqueId('customer');
  const limitId = uniqueId('limit');
  const datalistId = uniqueId('customers');

  const statusSelect = h('select', { id: statusId, name: 'status' },
    h('option', { value: '' }, 'All statuses'),
    STATUSES.map((status) => h('option', { value: status }, status)));
  const customerInput = h('input', {
    id: customerId, name: 'customer', type: 'search', list: datalistId, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Customer ID, e.g. CUST001',
  });
  const customerList = h('datalist', { id: datalistId });
  const searchInput = h('input', {
    id: searchId, name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false', maxlength: '100',
    placeholder: '#1001, order id, e-mail or customer name',
  });
  const fromInput = h('input', { id: fromId, name: 'from', type: 'date' });
  const toInput = h('input', { id: toId, name: 'to', type: 'date' });
  const tabs = h('nav', { class: 'status-tabs', 'aria-label': 'Tabs with counts' });
  const newOrdersBar = h('button', { type: 'button', class: 'new-orders', hidden: true, onclick: () => showNewest() });
  const exportButton = h('button', { type: 'button', class: 'button', onclick: () => exportCsv() }, 'Export CSV');
  const exportProgress = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const bulk = bulkActions({ selected, names, done: () => refresh() });
  const limitSelect = h('select', { id: limitId, name: 'limit' },
    LIMITS.map((limit) => h('option', { value: String(limit) }, String(limit))));

  const summary = h('p', { class: 'list-summary', 'aria-live': 'polite' });
  const tableBody = h('tbody');
  const tableArea = h('div', { class: 'table-wrap' },
    h('table', { class: 'orders-table' },
      h('caption', { class: 'visually-hidden' }, 'Orders, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Select')),
        h('th', { scope: 'col' }, 'Order'),
        h('th', { scope: 'col' }, 'Customer'),
        h('th', { scope: 'col', class: 'num' }, 'Items'),
        h('th', { scope: 'col', class: 'num' }, 'Total'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Created'))),
      tableBody));
  const errorArea = h('div');
  const previousButton = h('button', { type: 'button', class: 'button', onclick: () => goToPage(query.page - 1) }, '← Previous');
  const nextButton = h('button', { type: 'button', class: 'button', onclick: () => goToPage(query.page + 1) }, 'Next →');
  const pageLabel = h('span', { class: 'page-label' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' }, previousButton, pageLabel, nextButton);
  const refreshButton = h('button', { type: 'button', class: 'button', onclick: () => refresh(true) }, 'Refresh');

  function apply(changes) {
    ctx.navigate(ordersHash({ ...query, ...changes }));
  }

  function goToPage(page) {
    apply({ page: Math.max(1, page) });
  }

  function filtersOf(q) {
    return { q: q.q, status: q.status, customer_id: q.customer, created_from: q.from, created_to: q.to };
  }

  function select(orderId, ticked) {
    if (ticked) selected.add(orderId); else selected.delete(orderId);
    bulk.update();
  }

  async function loadTabs() {
    try {
      const { orders } = await api.stats();
      replaceChildren(tabs, TABS.map(([status, label]) => h('a', {
        href: ordersHash({ ...query, status, page: 1 }), class: `tab${status === query.status ? ' current' : ''}`,
        'aria-current': status === query.status ? 'page' : undefined, dataset: { status: status || 'all' },
      }, label, ' ', h('span', { class: 'tab-count' }, String(status ? orders.by_status[status] : orders.total)))));
    } catch {
      replaceChildren(tabs); // the counts are a help; the list still works
    }
  }

  // Live: the page the operator looks at is asked for again every few seconds.
  // Newer orders are announced, not pushed in, so a row never moves under the pointer;
  // rows already shown are updated in place.
  async function checkForChanges() {
    if (query.page !== 1 || loading === 0) return;
    const ticket = loading;
    const data = await api.listOrders({ ...filtersOf(query), page: 1, limit: query.limit }).catch(() => null);
    if (!data || ticket !== loading) return;
    const newer = data.orders.filter((order) => order.created_at > newestShown && !shown.includes(order.order_id));
    for (const order of data.orders) {
      const row = tableBody.querySelector(`tr[data-order-id="${order.order_id}"]`);
      if (row && row.dataset.status !== order.status) row.replaceWith(orderRow(order, selected, select));
    }
    summarise(data);
    newOrdersBar.hidden = newer.length === 0;
    newOrdersBar.textContent = `${newer.length} new order${newer.length === 1 ? '' : 's'} · show`;
  }

  function showNewest() {
    newOrdersBar.hidden = true;
    refresh();
    loadTabs();
  }

  async function exportCsv() {
    await whileBusy(exportButton, 'Exporting…', async () => {
      try {
        const orders = await everyOrder(filtersOf(query), (count, total) => {
          exportProgress.textContent = `${count}${total === null ? '' : ` of ${total}`} orders read…`;
        });
        download(csvText(orders), `orders-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`);
        exportProgress.textContent = `${orders.length} orders exported`;
      } catch (error) {
        exportProgress.textContent = '';
        notifyError(error, 'The export stopped; nothing was downloaded');
      }
    });
  }

  function syncControls() {
    searchInput.value = query.q;
    fromInput.value = query.from;
    toInput.value = query.to;
    statusSelect.value = query.status;
    customerInput.value = query.customer;
    limitSelect.value = LIMITS.includes(query.limit) ? String(query.limit) : '10';
    if (!LIMITS.includes(query.limit)) {
      // A hand-written limit (e.g. ?limit=3) stays selectable.
      limitSelect.append(h('option', { value: String(query.limit) }, String(query.limit)));
      limitSelect.value = String(query.limit);
    }
  }

  async function refresh(byButton = false) {
    const ticket = ++loading;
    tableArea.setAttribute('aria-busy', 'true');
    previousButton.disabled = true;
    nextButton.disabled = true;
    const task = async () => {
      try {
        const data = await api.listOrders({ ...filtersOf(query), page: query.page, limit: query.limit });
        if (ticket !== loading) return;
        replaceChildren(errorArea);
        show(data);
      } catch (error) {
        if (ticket !== loading) return;
        replaceChildren(errorArea, errorPanel(error, () => refresh()));
        summary.textContent = '';
        pageLabel.textContent = '';
        previousButton.disabled = query.page <= 1;
        nextButton.disabled = true;
        if (byButton) notifyError(error);
      } finally {
        if (ticket === loading) tableArea.removeAttribute('aria-busy');
      }
    };
    if (byButton) await whileBusy(refreshButton, 'Refreshing…', task);
    else await task();
  }

  /** The count (kept by the server within seconds of a change, so each live tick refreshes it). */
  function summarise(data) {
    const { total } = data.pagination;
    const filtered = query.status || query.customer || query.q || query.from || query.to;
    const counted = total === null ? `${data.orders.length}${data.next_token ? '+' : ''}` : String(total);
    summary.textContent = `${counted} order${total === 1 ? '' : 's'}${filtered ? ' matching the filters' : ''} · newest first`
      + ` · updated ${new Date().toLocaleTimeString()} · live`;
  }

  function show(data) {
    const { orders, pagination } = data;
    const { page, total, pages } = pagination;
    shown = orders.map((order) => order.order_id);
    newestShown = orders.length ? orders[0].created_at : '';
    for (const order of orders) names.set(order.order_id, orderName(order));
    newOrdersBar.hidden = true;
    const filtered = query.status || query.customer || query.q || query.from || query.to;
    if (orders.length) {
      replaceChildren(tableBody, orders.map((order) => orderRow(order, selected, select)));
    } else {
      const words = total && page > pages ? `Page ${page} is past the last page (${pages}).`
        : filtered ? `No orders match these filters. Search by order number (#1001), an order id's first characters, `
          + 'a customer\'s e-mail or the start of their name, or Clear the filters.'
          : 'No orders yet. Create one with New order.';
      replaceChildren(tableBody, h('tr', { class: 'empty' }, h('td', { colspan: '7' }, words)));
    }
    summarise(data);
    pageLabel.textContent = pages ? `Page ${page} of ${pages}` : `Page ${page}`;
    previousButton.disabled = page <= 1;
    nextButton.disabled = !(page < pages || (data.next_token && orders.length));
  }

  async function loadCustomers() {
    try {
      const customers = await api.customers();
      customers.sort((a, b) => String(a.customer_name).localeCompare(String(b.customer_name)));
      replaceChildren(customerList, customers.map((c) => h('option', { value: c.customer_id, label: `${c.customer_name} (${c.email})` })));
    } catch {
      // Suggestions only; typing an id still works.
    }
  }

  const filters = h('form', {
    class: 'filters card', role: 'search', 'aria-label': 'Filter orders', novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      apply({
        q: searchInput.value.trim(), status: statusSelect.value, customer: customerInput.value.trim(),
        from: fromInput.value, to: toInput.value, limit: Number(limitSelect.value), page: 1,
      });
    },
  },
  h('div', { class: 'field grow' }, h('label', { for: searchId }, 'Search'), searchInput),
  h('div', { class: 'field' }, h('label', { for: fromId }, 'Created from'), fromInput),
  h('div', { class: 'field' }, h('label', { for: toId }, 'Created to'), toInput),
  h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'), statusSelect),
  h('div', { class: 'field grow' }, h('label', { for: customerId }, 'Customer'), customerInput, customerList),
  h('div', { class: 'field' }, h('label', { for: limitId }, 'Per page'), limitSelect),
  h('div', { class: 'filter-actions' },
    h('button', { type: 'submit', class: 'button primary' }, 'Apply'),
    h('button', { type: 'button', class: 'button', onclick: () => apply({
      q: '', status: '', customer: '', from: '', to: '', page: 1,
    }) }, 'Clear')));

  // Selects apply at once; the customer box applies on Enter / Apply.
  statusSelect.addEventListener('change', () => apply({ status: statusSelect.value, customer: customerInput.value.trim(), page: 1 }));
  for (const input of [fromInput, toInput]) {
    input.addEventListener('change', () => apply({ from: fromInput.value, to: toInput.value, page: 1 }));
  }
  limitSelect.addEventListener('change', () => apply({ limit: Number(limitSelect.value), customer: customerInput.value.trim(), page: 1 }));

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' },
      h('h1', {}, 'Orders'),
      h('div', { class: 'header-actions' }, exportProgress, exportButton, refreshButton,
        h('a', { class: 'button primary', href: '#/new' }, 'New order'))),
    tabs, filters, errorArea, bulk.el, summary, newOrdersBar, tableArea, pager);

  syncControls();
  refresh();
  loadTabs();
  loadCustomers();
  bulk.update();
  ctx.onLeave(every(LIVE_SECONDS, checkForChanges));

  return {
    el,
    update(params) {
      query = readQuery(params);
      syncControls();
      refresh();
      loadTabs();
    },
  };
}
