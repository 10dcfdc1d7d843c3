// Customers: the list (by id, a page at a time) and a search by any word of
// the name or an e-mail (the API's ?q=, from its indexes). The search lives
// in the hash (#/customers?q=), so Back returns to it.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { errorPanel, whileBusy } from '../ui.js';

const PAGE = 25;

export function customerHash(customerId) {
  return `#/customers/${encodeURIComponent(customerId)}`;
}

function customerRow(customer) {
  return h('tr', { dataset: { customerId: customer.customer_id } },
    h('td', { 'data-label': 'Customer' }, h('div', { class: 'stack' },
      h('a', { href: customerHash(customer.customer_id), class: 'customer-link' }, customer.customer_name),
      h('span', { class: 'muted small mono' }, customer.customer_id))),
    h('td', { 'data-label': 'E-mail', class: 'wrap' }, customer.email),
    h('td', { 'data-label': 'Phone' }, customer.phone || '—'));
}

export function customersView(ctx) {
  let customers = [];
  let nextToken = null;
  const searchId = uniqueId('customer-search');
  const search = h('input', { id: searchId, type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Any word of the name, or an e-mail', value: ctx.params.get('q') || '' });
  const summary = h('p', { class: 'list-summary', 'aria-live': 'polite' });
  const listArea = h('div');
  const more = h('button', { type: 'button', class: 'button', hidden: true }, 'Show more customers');

  function show() {
    const q = search.value.trim();
    summary.textContent = q ? `${customers.length} found for “${q}”.` : `${customers.length}${nextToken ? '+' : ''} customers.`;
    replaceChildren(listArea, h('div', { class: 'table-wrap' },
      h('table', { class: 'customers-table' },
        h('caption', { class: 'visually-hidden' }, 'Customers'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Customer'), h('th', { scope: 'col' }, 'E-mail'),
          h('th', { scope: 'col' }, 'Phone'))),
        h('tbody', {}, customers.length ? customers.map(customerRow)
          : h('tr', { class: 'empty' }, h('td', { colspan: '3' }, q ? 'No customer matches.' : 'No customers yet.'))))));
    more.hidden = !nextToken;
  }

  let ticket = 0; // an answer to an earlier search that arrives late is dropped
  async function load({ append = false } = {}) {
    const q = search.value.trim();
    const mine = ++ticket;
    try {
      const page = await api.customerPage(q ? { q, limit: 100 } : { limit: PAGE, next_token: append ? nextToken : undefined });
      if (mine !== ticket) return;
      customers = append ? [...customers, ...page.customers] : page.customers;
      nextToken = q ? null : page.next_token;
      show();
    } catch (error) {
      if (mine === ticket) replaceChildren(listArea, errorPanel(error, () => load({ append })));
    }
  }

  more.addEventListener('click', () => whileBusy(more, 'Loading…', () => load({ append: true })));
  const searchForm = h('form', { class: 'filters', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const q = search.value.trim();
    ctx.navigate(`#/customers${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  } },
  h('div', { class: 'field grow' }, h('label', { for: searchId }, 'Find a customer'), search),
  h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'button' }, 'Search')));

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' }, h('h1', {}, 'Customers'),
      h('div', { class: 'header-actions' }, h('a', { class: 'button', href: '#/new' }, 'New order'))),
    searchForm, summary, listArea, h('div', { class: 'pager' }, more));
  load();
  return {
    el,
    update(params) {
      search.value = params.get('q') || '';
      load();
    },
  };
}
