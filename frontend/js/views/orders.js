// The orders list: filters and paging live in the hash (#/orders?status=&customer=&page=&limit=),
// so Back works and a filtered view can be shared.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatAmount } from '../money.js';
import { STATUSES, formatDateTime, shortId } from '../format.js';
import { errorPanel, notifyError, statusBadge, whileBusy } from '../ui.js';

const LIMITS = [5, 10, 25, 50, 100];

function readQuery(params) {
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : '';
  const customer = (params.get('customer') || '').trim();
  const page = Math.max(1, Number.parseInt(params.get('page'), 10) || 1);
  const limitParam = Number.parseInt(params.get('limit'), 10);
  const limit = limitParam >= 1 && limitParam <= 100 ? limitParam : 10;
  return { status, customer, page, limit };
}

export function ordersHash({ status = '', customer = '', page = 1, limit = 10 } = {}) {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (customer) params.set('customer', customer);
  if (page > 1) params.set('page', String(page));
  if (limit !== 10) params.set('limit', String(limit));
  const query = params.toString();
  return `#/orders${query ? `?${query}` : ''}`;
}

function orderRow(order) {
  const reason = order.status_reason
    ? h('span', { class: 'status-reason' }, order.status_reason) : null;
  return h('tr', { dataset: { orderId: order.order_id, status: order.status } },
    h('td', { 'data-label': 'Order' },
      h('a', { href: `#/orders/${encodeURIComponent(order.order_id)}`, class: 'mono order-link', title: order.order_id },
        shortId(order.order_id))),
    h('td', { 'data-label': 'Customer' }, h('div', { class: 'stack' },
      h('span', { class: 'customer-name' }, order.customer_name),
      h('span', { class: 'muted small mono' }, order.customer_id))),
    h('td', { 'data-label': 'Items', class: 'num' }, String(order.item_count)),
    h('td', { 'data-label': 'Total', class: 'num' }, formatAmount(order.total_amount, order.currency)),
    h('td', { 'data-label': 'Status' }, h('div', { class: 'stack' }, statusBadge(order.status), reason)),
    h('td', { 'data-label': 'Created' },
      h('time', { datetime: order.created_at }, formatDateTime(order.created_at))));
}

export function ordersView(ctx) {
  let query = readQuery(ctx.params);
  let loading = 0; // answers to superseded requests are dropped

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
  const limitSelect = h('select', { id: limitId, name: 'limit' },
    LIMITS.map((limit) => h('option', { value: String(limit) }, String(limit))));

  const summary = h('p', { class: 'list-summary', 'aria-live': 'polite' });
  const tableBody = h('tbody');
  const tableArea = h('div', { class: 'table-wrap' },
    h('table', { class: 'orders-table' },
      h('caption', { class: 'visually-hidden' }, 'Orders, newest first'),
      h('thead', {}, h('tr', {},
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

  function syncControls() {
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
        const data = await api.listOrders({
          page: query.page, limit: query.limit, status: query.status, customer_id: query.customer,
        });
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

  function show(data) {
    const { orders, pagination } = data;
    const { page, total, pages } = pagination;
    if (orders.length) {
      replaceChildren(tableBody, orders.map(orderRow));
    } else {
      const words = total && page > pages ? `Page ${page} is past the last page (${pages}).` : 'No orders match these filters.';
      replaceChildren(tableBody, h('tr', { class: 'empty' }, h('td', { colspan: '6' }, words)));
    }
    const filtered = query.status || query.customer ? ' matching the filters' : '';
    summary.textContent = `${total} order${total === 1 ? '' : 's'}${filtered} · newest first · updated ${new Date().toLocaleTimeString()}`;
    pageLabel.textContent = pages ? `Page ${page} of ${pages}` : 'Page 1 of 1';
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
      apply({ status: statusSelect.value, customer: customerInput.value.trim(), limit: Number(limitSelect.value), page: 1 });
    },
  },
  h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'), statusSelect),
  h('div', { class: 'field grow' }, h('label', { for: customerId }, 'Customer'), customerInput, customerList),
  h('div', { class: 'field' }, h('label', { for: limitId }, 'Per page'), limitSelect),
  h('div', { class: 'filter-actions' },
    h('button', { type: 'submit', class: 'button primary' }, 'Apply'),
    h('button', { type: 'button', class: 'button', onclick: () => apply({ status: '', customer: '', page: 1 }) }, 'Clear')));

  // Selects apply at once; the customer box applies on Enter / Apply.
  statusSelect.addEventListener('change', () => apply({ status: statusSelect.value, customer: customerInput.value.trim(), page: 1 }));
  limitSelect.addEventListener('change', () => apply({ limit: Number(limitSelect.value), customer: customerInput.value.trim(), page: 1 }));

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' },
      h('h1', {}, 'Orders'),
      h('div', { class: 'header-actions' }, refreshButton, h('a', { class: 'button primary', href: '#/new' }, 'New order'))),
    filters, errorArea, summary, tableArea, pager);

  syncControls();
  refresh();
  loadCustomers();

  return {
    el,
    update(params) {
      query = readQuery(params);
      syncControls();
      refresh();
    },
  };
}
