// Papers for packing: #/print?kind=slips&ids=<id>,<id> shows one packing slip
// per order (a printed page each), kind=picking one picking list of them all.
// It only reads the orders: printing changes nothing.
import { h, replaceChildren } from '../dom.js';
import { shopName } from '../connection.js';
import { withDetails } from '../csv.js';
import { addressLines } from '../address.js';
import { orderName } from '../format.js';
import { pickingList } from '../picking.js';
import { errorPanel } from '../ui.js';

const KINDS = { slips: 'Packing slips', picking: 'Picking list' };
const ORDER_ID = /^[0-9a-f-]{36}$/;

export function printHash(kind, orderIds) {
  return `#/print?kind=${kind}&ids=${orderIds.map(encodeURIComponent).join(',')}`;
}

/** "2026-12-04" (UTC, as the list's filter). */
const day = (value) => String(value || '').slice(0, 10);

function slip(order, shop) {
  const to = addressLines(order.shipping_address);
  return h('article', { class: 'slip', dataset: { orderId: order.order_id } },
    h('header', { class: 'slip-head' },
      h('p', { class: 'slip-shop' }, shop || 'Packing slip'),
      h('h2', {}, `Order ${orderName(order)}`),
      h('p', {}, 'Date: ', h('time', { datetime: order.created_at }, day(order.created_at)))),
    h('div', { class: 'slip-address' },
      h('h3', {}, 'Ship to'),
      to.length ? h('address', {}, to.map((line) => h('span', { class: 'address-line' }, line)),
        order.shipping_address.phone ? h('span', { class: 'address-line' }, `Phone: ${order.shipping_address.phone}`) : null)
        : h('p', {}, `${order.customer_name}: no shipping address on the order`)),
    h('table', { class: 'slip-lines' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'Id / ISBN'),
        h('th', { scope: 'col', class: 'num' }, 'Quantity'))),
      h('tbody', {}, order.items.map((line) => h('tr', {},
        h('td', {}, line.product_name), h('td', { class: 'mono' }, line.product_id),
        h('td', { class: 'num' }, String(line.quantity)))))),
    h('p', { class: 'slip-total' }, `${order.item_count} item${order.item_count === 1 ? '' : 's'} in ${order.line_count} line${order.line_count === 1 ? '' : 's'}`),
    h('p', { class: 'packed-by' }, 'Packed by: ', h('span', { class: 'blank' }), ' Date: ', h('span', { class: 'blank short' })));
}

function picking(orders, shop) {
  const entries = pickingList(orders, orderName);
  return h('article', { class: 'picking' },
    h('header', { class: 'slip-head' },
      h('p', { class: 'slip-shop' }, shop || 'Picking list'),
      h('h2', {}, `Picking list: ${orders.length} order${orders.length === 1 ? '' : 's'}`),
      h('p', {}, orders.map(orderName).join(' '))),
    h('table', { class: 'slip-lines' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'Id / ISBN'),
        h('th', { scope: 'col', class: 'num' }, 'Quantity'), h('th', { scope: 'col' }, 'Orders'))),
      h('tbody', {}, entries.map((entry) => h('tr', {},
        h('td', {}, entry.product_name), h('td', { class: 'mono' }, entry.product_id),
        h('td', { class: 'num' }, String(entry.quantity)), h('td', {}, entry.orders.join(' ')))))));
}

export function printView(ctx) {
  const kind = KINDS[ctx.params.get('kind')] ? ctx.params.get('kind') : 'slips';
  const ids = (ctx.params.get('ids') || '').split(',').filter((id) => ORDER_ID.test(id));
  const progress = h('p', { class: 'muted', 'aria-live': 'polite' });
  const papers = h('div', { class: 'papers' });
  const printButton = h('button', { type: 'button', class: 'button primary', disabled: true, onclick: () => window.print() }, 'Print');
  let left = false;
  ctx.onLeave(() => { left = true; });

  async function load() {
    replaceChildren(papers);
    if (!ids.length) {
      progress.textContent = 'No orders chosen: select orders in the list, then Print packing slips or Picking list.';
      return;
    }
    try {
      const orders = await withDetails(ids.map((order_id) => ({ order_id })), (count) => {
        progress.textContent = `${count} of ${ids.length} orders read…`;
      });
      if (left) return;
      progress.textContent = `${orders.length} order${orders.length === 1 ? '' : 's'} · printing changes nothing; ship them from the list or each order's page.`;
      const shop = shopName();
      replaceChildren(papers, kind === 'slips' ? orders.map((order) => slip(order, shop)) : picking(orders, shop));
      printButton.disabled = false;
    } catch (error) {
      if (!left) replaceChildren(papers, errorPanel(error, load));
    }
  }

  const el = h('section', { class: 'view print-view' },
    h('div', { class: 'view-header screen-only' },
      h('h1', {}, KINDS[kind]),
      h('div', { class: 'header-actions' }, printButton, h('a', { class: 'button', href: '#/orders' }, 'Back to orders'))),
    h('div', { class: 'screen-only' }, progress),
    papers);
  load();
  return { el };
}
