// The orders list: search, filters, tab and paging live in the hash
// (#/orders?q=&status=&customer=&from=&to=&page=&limit=), so Back works, coming back from an
// order keeps them, and a filtered view can be shared. Days and times are UTC, as the API's.
// The selection (selection.js) is kept, visibly, through a change of tab, search or page.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatAmount } from '../money.js';
import { STATUSES, formatDateTime, orderName } from '../format.js';
import { errorPanel, notifyError, statusBadge, whileBusy } from '../ui.js';
import { csvText, download, everyOrder, withDetails } from '../csv.js';
import { LIVE_SECONDS, every } from '../live.js';
import { bulkActions } from './bulk-actions.js';
import { dateFilter } from './date-filter.js';
import { rangeProblems } from '../dates.js';
import { listKeys } from './list-keys.js';
import { selection } from './selection.js';
import { trackingView } from './tracking-link.js';

const LIMITS = [5, 10, 25, 50, 100];
// The tabs of a shop's day; "Unfulfilled" are orders not yet processed.
const TABS = [['', 'All'], ['pending', 'Unfulfilled'], ['processing', 'Processing'], ['shipped', 'Shipped'],
  ['delivered', 'Delivered'], ['failed', 'Failed'], ['cancelled', 'Cancelled']];
const SEARCH_FINDS = '#1001, an order id, a tracking number, an e-mail, any word of a customer\'s name, '
  + 'a product\'s id, ISBN or name word';

function readQuery(params) {
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : '';
  const customer = (params.get('customer') || '').trim();
  const q = (params.get('q') || '').trim();
  // A range the page would not ask for (half-typed year, backwards) is dropped, not sent.
  const asked = [params.get('from') || '', params.get('to') || ''];
  const [from, to] = rangeProblems(...asked).length ? ['', ''] : asked;
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

function orderRow(order) {
  const reason = order.status_reason
    ? h('span', { class: 'status-reason' }, order.status_reason) : null;
  const tracking = trackingView(order, 'muted small tracking');
  const box = h('input', { type: 'checkbox', class: 'select-order', 'aria-label': `Select order ${orderName(order)}` });
  box.checked = selection.has(order.order_id);
  box.addEventListener('change', () => selection.set(order, box.checked));
  return h('tr', { dataset: { orderId: order.order_id, status: order.status } },
    h('td', { 'data-label': 'Select', class: 'select-cell' }, box),
    h('td', { 'data-label': 'Order', class: 'order-cell' },
      h('a', { href: `#/orders/${encodeURIComponent(order.order_id)}`, class: 'mono order-link', title: order.order_id },
        orderName(order))),
    h('td', { 'data-label': 'Customer', class: 'customer-cell' }, h('div', { class: 'stack' },
      h('span', { class: 'customer-name' }, order.customer_name),
      h('span', { class: 'muted small mono' }, order.customer_id))),
    h('td', { 'data-label': 'Items', class: 'num items-cell' }, String(order.item_count)),
    h('td', { 'data-label': 'Total', class: 'num total-cell' }, formatAmount(order.total_amount, order.currency)),
    h('td', { 'data-label': 'Status', class: 'status-cell' }, h('div', { class: 'stack' }, statusBadge(order.status), reason, tracking)),
    h('td', { 'data-label': 'Created', class: 'created-cell' },
      h('time', { datetime: order.created_at }, formatDateTime(order.created_at))));
}

export function ordersView(ctx) {
  let query = readQuery(ctx.params);
  let loading = 0; // answers to superseded requests are dropped

  let shown = []; // ids of the rows on screen, newest first
  let shownOrders = []; // their summaries, for "select all on this page"
  let newestShown = ''; // created_at of the newest row on screen
  const searchId = uniqueId('search');
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
    placeholder: '#1001, tracking, name, product…', 'aria-describedby': `${searchId}-finds`,
  });
  const dates = dateFilter({ onChange: (from, to) => apply({ from, to, page: 1 }) });
  const tabs = h('nav', { class: 'status-tabs', 'aria-label': 'Tabs, counting all orders' });
  const newOrdersBar = h('button', { type: 'button', class: 'new-orders', hidden: true, onclick: () => showNewest() });
  const exportButton = h('button', { type: 'button', class: 'button', onclick: () => exportCsv() }, 'Export CSV');
  const exportProgress = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const bulk = bulkActions({ done: () => refresh(), navigate: ctx.navigate });
  const selectPage = h('input', { type: 'checkbox', class: 'select-page', id: uniqueId('select-page') });
  selectPage.addEventListener('change', () => selection.setMany(shownOrders, selectPage.checked));
  const limitSelect = h('select', { id: limitId, name: 'limit' },
    LIMITS.map((limit) => h('option', { value: String(limit) }, String(limit))));

  const summary = h('p', { class: 'list-summary', 'aria-live': 'polite' });
  const tableBody = h('tbody');
  const tableArea = h('div', { class: 'table-wrap' },
    h('table', { class: 'orders-table' },
      h('caption', { class: 'visually-hidden' }, 'Orders, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'select-cell' }, selectPage,
          h('label', { for: selectPage.id, class: 'visually-hidden' }, 'Select all on this page')),
        h('th', { scope: 'col' }, 'Order'),
        h('th', { scope: 'col' }, 'Customer'),
        h('th', { scope: 'col', class: 'num' }, 'Items'),
        h('th', { scope: 'col', class: 'num' }, 'Total'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Created (UTC)'))),
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

  /** Ticks on screen follow the selection (the panel may have removed one). */
  function showSelection() {
    for (const box of tableBody.querySelectorAll('input.select-order')) {
      box.checked = selection.has(box.closest('tr').dataset.orderId);
    }
    const ticked = shownOrders.filter((order) => selection.has(order.order_id)).length;
    selectPage.checked = shownOrders.length > 0 && ticked === shownOrders.length;
    selectPage.indeterminate = ticked > 0 && ticked < shownOrders.length;
    selectPage.disabled = shownOrders.length === 0;
    bulk.update();
  }

  async function loadTabs() {
    try {
      const { orders } = await api.stats();
      replaceChildren(tabs, TABS.map(([status, label]) => {
        const total = String(status ? orders.by_status[status] : orders.total);
        return h('a', {
          href: ordersHash({ ...query, status, page: 1 }), class: `tab${status === query.status ? ' current' : ''}`,
          'aria-current': status === query.status ? 'page' : undefined, dataset: { status: status || 'all' },
        }, label, ' ', h('span', { class: 'tab-count', title: `${total} ${label.toLowerCase()} orders in all` }, total));
      }), h('span', { class: 'muted small tabs-note' }, 'Counts: all orders'));
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
      selection.refresh(order);
      if (row && row.dataset.status !== order.status) row.replaceWith(orderRow(order));
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
        const listed = await everyOrder(filtersOf(query), (count, total) => {
          exportProgress.textContent = `${count}${total === null ? '' : ` of ${total}`} orders listed…`;
        });
        const orders = await withDetails(listed, (count) => {
          exportProgress.textContent = `${count} of ${listed.length} orders read…`;
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
    dates.show(query.from, query.to);
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
      + ` · updated ${new Date().toISOString().slice(11, 19)} UTC · live`;
  }

  function show(data) {
    const { orders, pagination } = data;
    const { page, total, pages } = pagination;
    shown = orders.map((order) => order.order_id);
    shownOrders = orders;
    newestShown = orders.length ? orders[0].created_at : '';
    for (const order of orders) selection.refresh(order);
    newOrdersBar.hidden = true;
    const filtered = query.status || query.customer || query.q || query.from || query.to;
    if (orders.length) {
      replaceChildren(tableBody, orders.map((order) => orderRow(order)));
    } else {
      const words = total && page > pages ? `Page ${page} is past the last page (${pages}).`
        : filtered ? `No orders match these filters. Search finds ${SEARCH_FINDS}; or Clear the filters.`
          : 'No orders yet. Create one with New order.';
      replaceChildren(tableBody, h('tr', { class: 'empty' }, h('td', { colspan: '7' }, words)));
    }
    summarise(data);
    showSelection();
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

  // On a phone the filters beyond the search fold behind one button.
  const moreFilters = h('div', { class: 'more-filters', id: uniqueId('more-filters') },
    dates.el,
    h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'), statusSelect),
    h('div', { class: 'field grow' }, h('label', { for: customerId }, 'Customer'), customerInput, customerList),
    h('div', { class: 'field' }, h('label', { for: limitId }, 'Per page'), limitSelect));
  const filtersButton = h('button', { type: 'button', class: 'button filters-toggle', 'aria-expanded': 'false',
    'aria-controls': moreFilters.id, onclick: () => showFilters(filtersButton.getAttribute('aria-expanded') !== 'true') }, 'Filters');
  function showFilters(open) {
    filtersButton.setAttribute('aria-expanded', String(open));
    moreFilters.classList.toggle('open', open);
  }
  const filters = h('form', {
    class: 'filters card', role: 'search', 'aria-label': 'Filter orders', novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      const range = dates.range();
      if (!range) return; // the date filter says what is wrong
      apply({
        q: searchInput.value.trim(), status: statusSelect.value, customer: customerInput.value.trim(),
        from: range.from, to: range.to, limit: Number(limitSelect.value), page: 1,
      });
    },
  },
  h('div', { class: 'field grow search-field' }, h('label', { for: searchId }, 'Search'), searchInput,
    h('p', { class: 'hint', id: `${searchId}-finds` }, `Finds ${SEARCH_FINDS}.`)),
  filtersButton,
  moreFilters,
  h('div', { class: 'filter-actions' },
    h('button', { type: 'submit', class: 'button primary' }, 'Apply'),
    h('button', { type: 'button', class: 'button', onclick: () => apply({
      q: '', status: '', customer: '', from: '', to: '', page: 1,
    }) }, 'Clear')));

  // Selects apply at once; the customer box applies on Enter / Apply.
  statusSelect.addEventListener('change', () => apply({ status: statusSelect.value, customer: customerInput.value.trim(), page: 1 }));
  limitSelect.addEventListener('change', () => apply({ limit: Number(limitSelect.value), customer: customerInput.value.trim(), page: 1 }));

  const keys = listKeys({ rows: () => [...tableBody.querySelectorAll('tr[data-order-id]')], search: searchInput });
  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' },
      h('h1', {}, 'Orders'),
      h('div', { class: 'header-actions' }, exportProgress, exportButton, refreshButton,
        h('a', { class: 'button primary', href: '#/new' }, 'New order'))),
    tabs, filters, errorArea, bulk.el, keys.el, summary,
    h('p', { class: 'hint keys-hint' }, 'Keys: / search, j k move, x select, Enter open, ? all shortcuts.'),
    newOrdersBar, tableArea, pager);

  syncControls();
  refresh();
  loadTabs();
  loadCustomers();
  bulk.update();
  ctx.onLeave(every(LIVE_SECONDS, checkForChanges));
  ctx.onLeave(selection.watch(showSelection));
  ctx.onLeave(dates.stop);
  ctx.onLeave(keys.stop);

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
