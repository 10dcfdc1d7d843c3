// One customer: their details and default address, edited in place
// (PUT /customers/{id}; an e-mail another customer has is refused), their
// orders newest first a page at a time, and a new order for them.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError, randomKey } from '../api.js';
import { loadContract } from '../contract.js';
import { formatAmount } from '../money.js';
import { formatDateTime, orderName } from '../format.js';
import { addFieldError, clearMessages, errorPanel, notify, statusBadge, whileBusy } from '../ui.js';
import { describeError, issueWords, issuesOf, sentence } from '../words.js';

const ORDERS_PAGE = 10;
const ADDRESS_FIELDS = [['name', 'Recipient'], ['line1', 'Address line 1'], ['line2', 'Address line 2'], ['city', 'City'],
  ['region', 'State or region'], ['postal_code', 'Postal code'], ['country', 'Country'], ['phone', 'Phone at this address']];

function addressLines(address) {
  if (!address) return h('span', { class: 'muted' }, 'None');
  const place = [address.postal_code, address.city, address.region].filter(Boolean).join(' ');
  return h('span', { class: 'address' }, [address.name, address.line1, address.line2, place, address.country]
    .filter(Boolean).map((line) => h('span', { class: 'address-line' }, line)));
}

function customerIdOf(ctx) {
  try {
    return decodeURIComponent(ctx.match[1]);
  } catch {
    return ctx.match[1];
  }
}

export function customerView(ctx) {
  const customerId = customerIdOf(ctx);
  let customer = null;
  let contract = null;
  let left = false;
  let ordersPage = 1;
  let lastEdit = null; // {body, key}: the same edit sent again reuses its key
  ctx.onLeave(() => { left = true; });

  const title = h('h1', {}, customerId);
  const loadArea = h('div');
  const detailsCard = h('section', { class: 'card', 'aria-labelledby': 'customer-details-heading' });
  const ordersBody = h('div', { 'aria-live': 'polite' });
  const ordersCard = h('section', { class: 'card', 'aria-labelledby': 'customer-orders-heading' },
    h('h2', { id: 'customer-orders-heading' }, 'Orders, newest first'), ordersBody);
  const newOrder = h('a', { class: 'button primary', href: `#/new?customer=${encodeURIComponent(customerId)}` },
    'New order for this customer');

  function detailsView() {
    const entry = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
    const edit = h('button', { type: 'button', class: 'button small', onclick: () => showForm() }, 'Edit');
    replaceChildren(detailsCard,
      h('div', { class: 'card-header' }, h('h2', { id: 'customer-details-heading', tabindex: '-1' }, 'Details'), edit),
      h('dl', { class: 'facts' },
        entry('Name', customer.customer_name),
        entry('E-mail', customer.email),
        entry('Phone', customer.phone || '—'),
        entry('Address', customer.address || '—'),
        entry('Default shipping address', addressLines(customer.default_address)),
        entry('Customer ID', h('span', { class: 'mono' }, customer.customer_id)),
        entry('Customer since', formatDateTime(customer.created_at))));
  }

  function showForm() {
    const fields = {};
    const schemaOf = (name) => (name.startsWith('default_address.') ? 'Address' : 'UpdateCustomerRequest');
    function field(name, label, control, { optional = false } = {}) {
      const id = uniqueId('customer-field');
      control.id = id;
      const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
      control.setAttribute('aria-describedby', error.id);
      const longest = contract.maxLength(schemaOf(name), name.split('.').pop());
      if (longest && control.tagName !== 'SELECT') control.maxLength = longest;
      fields[name] = { control, error };
      return h('div', { class: 'field' }, h('label', { for: id }, label, optional ? h('span', { class: 'muted small' }, ' (optional)') : null),
        control, error);
    }
    const input = (value, extra = {}) => h('input', { type: 'text', value: value || '', ...extra });
    const address = customer.default_address || {};
    const countries = (contract.field('Address', 'country') || {}).enum || [];
    const country = h('select', {}, h('option', { value: '' }, '—'),
      countries.map((code) => h('option', { value: code }, code)));
    country.value = address.country || '';
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', class: 'button primary' }, 'Save customer');

    function typed() {
      const body = {};
      const value = (name) => fields[name].control.value.trim();
      if (value('customer_name') !== customer.customer_name) body.customer_name = value('customer_name');
      if (value('email') !== customer.email) body.email = value('email');
      if (value('phone') !== (customer.phone || '')) body.phone = value('phone') || null;
      if (value('address') !== (customer.address || '')) body.address = value('address') || null;
      const next = {};
      for (const [part] of ADDRESS_FIELDS) {
        const text = value(`default_address.${part}`);
        if (text) next[part] = text;
      }
      const before = customer.default_address || {};
      const changed = ADDRESS_FIELDS.some(([part]) => (next[part] || '') !== (before[part] || ''));
      if (changed) body.default_address = Object.keys(next).length ? next : null;
      return body;
    }

    function clearErrors() {
      formError.hidden = true;
      for (const { control, error } of Object.values(fields)) {
        error.hidden = true;
        error.textContent = '';
        control.removeAttribute('aria-invalid');
      }
    }

    async function submit(event) {
      event.preventDefault();
      clearErrors();
      const body = typed();
      if (!Object.keys(body).length) {
        detailsView();
        return;
      }
      const text = JSON.stringify(body);
      const key = lastEdit && lastEdit.body === text ? lastEdit.key : randomKey();
      lastEdit = { body: text, key };
      await whileBusy(save, 'Saving…', async () => {
        try {
          const result = await api.updateCustomer(customerId, body, key);
          if (left) return;
          lastEdit = null;
          customer = result.customer;
          replaceChildren(title, customer.customer_name);
          detailsView();
          notify(`Saved ${customer.customer_name}.`, 'success');
          detailsCard.querySelector('h2').focus();
        } catch (error) {
          if (left) return;
          let focus = null;
          for (const issue of issuesOf(error)) {
            const slot = fields[issue.param];
            const context = { contract, schema: schemaOf(issue.param || ''), body: issue.param && issue.param.startsWith('default_address.')
              ? body.default_address : body };
            const words = issueWords({ ...issue, param: issue.param && issue.param.split('.').pop() }, context);
            if (!slot) continue;
            addFieldError(slot.error, words, slot.control);
            focus = focus || slot.control;
          }
          formError.textContent = `Not saved: ${sentence(describeError(error, { contract, schema: 'UpdateCustomerRequest', body }))}`;
          formError.hidden = false;
          clearMessages();
          if (focus) focus.focus();
        }
      });
    }

    const form = h('form', { class: 'customer-form', novalidate: true, onsubmit: submit },
      h('div', { class: 'form-grid' },
        field('customer_name', 'Name', input(customer.customer_name, { autocomplete: 'off' })),
        field('email', 'E-mail', input(customer.email, { type: 'email', spellcheck: 'false', autocomplete: 'off' })),
        field('phone', 'Phone', input(customer.phone, { type: 'tel', autocomplete: 'off' }), { optional: true }),
        field('address', 'Address (free text)', h('textarea', { rows: '2' }, customer.address || ''), { optional: true })),
      h('fieldset', { class: 'address-fieldset' },
        h('legend', {}, 'Default shipping address'),
        h('p', { class: 'hint' }, 'Orders for this customer ship here unless an order says otherwise. Empty every field to remove it.'),
        h('div', { class: 'form-grid' }, ADDRESS_FIELDS.map(([part, label]) => field(`default_address.${part}`, label,
          part === 'country' ? country : input(address[part], { autocomplete: 'off' }),
          { optional: ['line2', 'region', 'postal_code', 'phone'].includes(part) })))),
      formError,
      h('div', { class: 'form-actions' }, save,
        h('button', { type: 'button', class: 'button', onclick: () => { detailsView(); detailsCard.querySelector('h2').focus(); } },
          'Cancel')));
    replaceChildren(detailsCard, h('h2', { id: 'customer-details-heading', tabindex: '-1' }, 'Edit customer'), form);
    fields.customer_name.control.focus();
  }

  async function loadOrders() {
    ordersBody.setAttribute('aria-busy', 'true');
    try {
      const page = await api.listOrders({ customer_id: customerId, page: ordersPage, limit: ORDERS_PAGE });
      if (left) return;
      const { pagination } = page;
      const older = h('button', { type: 'button', class: 'button small', disabled: !page.next_token && !(pagination.pages > ordersPage),
        onclick: () => { ordersPage += 1; loadOrders(); } }, 'Older orders');
      const newer = h('button', { type: 'button', class: 'button small', disabled: ordersPage === 1,
        onclick: () => { ordersPage -= 1; loadOrders(); } }, 'Newer orders');
      replaceChildren(ordersBody, page.orders.length
        ? [h('div', { class: 'table-wrap' }, h('table', { class: 'orders-table customer-orders' },
          h('caption', { class: 'visually-hidden' }, 'This customer’s orders, newest first'),
          h('thead', {}, h('tr', {}, ['Order', 'Placed', 'Status', 'Total'].map((name) =>
            h('th', { scope: 'col', class: name === 'Total' ? 'num' : null }, name)))),
          h('tbody', {}, page.orders.map((order) => h('tr', { dataset: { orderId: order.order_id } },
            h('td', { 'data-label': 'Order' }, h('a', { href: `#/orders/${encodeURIComponent(order.order_id)}`, class: 'order-link' },
              orderName(order))),
            h('td', { 'data-label': 'Placed' }, formatDateTime(order.created_at)),
            h('td', { 'data-label': 'Status' }, statusBadge(order.status)),
            h('td', { 'data-label': 'Total', class: 'num' }, formatAmount(order.total_amount, order.currency))))))),
          h('div', { class: 'pager' }, newer,
            h('span', { class: 'page-label' }, `Page ${ordersPage}${pagination.pages ? ` of ${pagination.pages}` : ''}`), older)]
        : h('p', { class: 'muted' }, ordersPage === 1 ? 'No orders yet.' : 'No older orders.'));
    } catch (error) {
      if (!left) replaceChildren(ordersBody, errorPanel(error, loadOrders));
    } finally {
      ordersBody.removeAttribute('aria-busy');
    }
  }

  async function start() {
    replaceChildren(loadArea, h('p', { class: 'loading' }, 'Loading the customer…'));
    try {
      [customer, contract] = await Promise.all([api.customer(customerId), loadContract()]);
    } catch (error) {
      if (left) return;
      replaceChildren(loadArea, error instanceof ApiError && error.status === 404
        ? h('div', { class: 'panel-error', role: 'alert' }, h('p', {}, `There is no customer ${customerId}.`),
          h('a', { class: 'button', href: '#/customers' }, 'Back to customers'))
        : errorPanel(error, start));
      return;
    }
    if (left) return;
    replaceChildren(title, customer.customer_name);
    replaceChildren(loadArea, h('div', { class: 'detail-grid' },
      h('div', { class: 'detail-main' }, ordersCard), h('div', { class: 'detail-side' }, detailsCard)));
    detailsView();
    loadOrders();
  }

  const el = h('section', { class: 'view' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/customers' }, '← Customers')),
    h('div', { class: 'view-header' }, title, h('div', { class: 'header-actions' }, newOrder)),
    loadArea);
  start();
  return { el };
}
