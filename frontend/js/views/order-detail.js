// One order: its summary and history, composed with the items editor, the
// actions its status allows and its workflow panel. This page holds the
// order; the parts get each new version of it and say what they changed.
import { h, replaceChildren } from '../dom.js';
import { api, ApiError } from '../api.js';
import { loadContract } from '../contract.js';
import { formatAmount } from '../money.js';
import { formatDateTime, humanise, orderName, shortId } from '../format.js';
import { errorPanel, notify, notifyError, statusBadge } from '../ui.js';
import { ordersHash } from './orders.js';
import { orderActions } from './order-actions.js';
import { orderItemsEditor } from './order-items-editor.js';
import { workflowPanel } from './workflow-panel.js';
import { orderAddress } from './order-address.js';
import { printHash } from './print.js';
import { trackingView } from './tracking-link.js';

function orderIdOf(ctx) {
  try {
    return decodeURIComponent(ctx.match[1]);
  } catch {
    return ctx.match[1];
  }
}

function summaryView(order) {
  const entry = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  return [
    h('h2', { id: 'summary-heading' }, 'Summary'),
    h('dl', { class: 'facts' },
      entry('Order number', order.order_number ? `#${order.order_number}` : '—'),
      entry('Customer', h('span', { class: 'customer-name' }, order.customer_name)),
      entry('E-mail', order.customer_email || '—'),
      entry('Customer ID', h('a', { href: ordersHash({ customer: order.customer_id }), class: 'mono' }, order.customer_id)),
      entry('Total', h('strong', { class: 'order-total-value' }, formatAmount(order.total_amount, order.currency))),
      entry('Items', `${order.item_count} in ${order.line_count} line${order.line_count === 1 ? '' : 's'}`),
      entry('Stock reserved', order.stock_reserved ? 'Yes' : 'No'),
      order.tracking_number ? entry('Tracking', trackingView(order)) : [],
      entry('Created', formatDateTime(order.created_at)),
      entry('Updated', formatDateTime(order.updated_at)),
      entry('Version', String(order.version))),
  ];
}

function historyTitle(entry) {
  const move = entry.from_status && entry.to_status ? `${entry.from_status} → ${entry.to_status}` : entry.to_status || '';
  switch (entry.action) {
    case 'created': return `Created${entry.to_status ? ` (${entry.to_status})` : ''}`;
    case 'status': return `Status ${move}`;
    case 'edited': return 'Items changed';
    case 'workflow': return move ? `Workflow: ${move}` : 'Workflow';
    default: return humanise(entry.action);
  }
}

function historyView(order) {
  const entries = (order.history || []).slice().reverse(); // newest first
  return [
    h('h2', { id: 'history-heading' }, 'History'),
    entries.length ? h('ol', { class: 'timeline', reversed: true },
      entries.map((entry) => h('li', { class: `timeline-item action-${/^[a-z]+$/.test(entry.action) ? entry.action : 'other'}` },
        h('div', { class: 'timeline-head' },
          h('strong', {}, historyTitle(entry)),
          h('time', { datetime: entry.at, class: 'muted small' }, formatDateTime(entry.at))),
        h('p', { class: 'muted small' }, `by ${entry.actor?.name ?? entry.actor}`),
        entry.reason ? h('p', { class: 'timeline-reason' }, entry.reason) : null,
        entry.tracking_number ? h('p', { class: 'timeline-tracking' }, 'Tracking: ', trackingView(entry)) : null,
        entry.changes && entry.changes.length ? h('ul', { class: 'changes' }, entry.changes.map((change) =>
          h('li', {}, changeWords(order, change)))) : null)))
      : h('p', { class: 'muted' }, 'No history recorded.'),
  ];
}

/** One change of an edit: a line's quantity or price, or the shipping address (no product). */
function changeWords(order, change) {
  if (change.product_id === null) return `Shipping address: ${change.old ?? '(none)'} → ${change.new ?? '(none)'}`;
  return `${productLabel(order, change.product_id)} ${change.field}: ${change.old ?? '(new line)'} → ${change.new ?? '(removed)'}`;
}

/** "Wireless Mouse (PROD002)": the name the order holds beside the id. */
function productLabel(order, productId) {
  const line = (order.items || []).find((item) => item.product_id === productId);
  return line ? `${line.product_name} (${productId})` : productId;
}

/** For a failed order, each line's product with what is in stock now (null: could not be read). */
async function stockOfLines(order) {
  if (order.status !== 'failed') return null;
  try {
    return await Promise.all(order.items.map(async (line) => ({ line, product: await api.product(line.product_id) })));
  } catch {
    return null;
  }
}

function shortLines(stock) {
  return (stock || []).filter(({ line, product }) => product.stock_quantity < line.quantity);
}

function shortWords({ line, product }) {
  return `${line.product_name} (${line.product_id}): needs ${line.quantity}, ${product.stock_quantity} in stock`;
}

function bannerView(order, stock) {
  if (!order.status_reason) return null;
  const failed = order.status === 'failed';
  const short = shortLines(stock);
  return h('div', { class: `banner banner-${failed ? 'error' : 'info'}`, role: failed ? 'alert' : null },
    h('strong', {}, failed ? 'Failed: ' : order.status === 'cancelled' ? 'Cancelled: ' : 'Reason: '),
    order.status_reason,
    short.length ? h('ul', { class: 'stock-shortages' }, short.map((entry) => h('li', {}, shortWords(entry)))) : null,
    failed && stock ? h('p', { class: 'small' }, short.length
      ? 'Re-run is possible once stock covers every line: add stock, or change the lines below (cut to what is in stock, '
        + 'or remove a line).'
      : 'Stock now covers every line: the workflow can be re-run.') : null);
}

export function orderDetailView(ctx) {
  const orderId = orderIdOf(ctx);
  let order = null;
  let parts = null; // {items, actions, workflow}, built once the contract is loaded
  let left = false;
  const alive = () => !left;
  ctx.onLeave(() => {
    left = true;
    if (parts) parts.workflow.stop();
  });

  const headerBadge = h('span', { class: 'header-badge' });
  const title = h('h1', {}, `Order ${shortId(orderId)}`);
  const banner = h('div');
  const loadArea = h('div');
  const summaryCard = h('section', { class: 'card', 'aria-labelledby': 'summary-heading' });
  const historyCard = h('section', { class: 'card', 'aria-labelledby': 'history-heading' });
  const main = h('div', { class: 'detail-main' });
  const side = h('div', { class: 'detail-side' });
  const content = h('div', { class: 'detail-grid', hidden: true }, main, side);

  /** Every part shows `next` (the items editor drops unsaved changes). */
  function show(next) {
    order = next;
    content.hidden = false;
    replaceChildren(headerBadge, statusBadge(order.status));
    replaceChildren(title, `Order ${orderName(order)}`);
    replaceChildren(banner, bannerView(order, null));
    stockOfLines(order).then((stock) => {
      if (order !== next || left) return;
      replaceChildren(banner, bannerView(order, stock));
      const short = shortLines(stock);
      parts.actions.update({ stockShort: short.length ? short.map(shortWords).join('; ') : null });
    });
    replaceChildren(summaryCard, summaryView(order));
    parts.items.show(order);
    parts.address.show(order);
    parts.actions.update({ order });
    replaceChildren(historyCard, historyView(order));
  }

  function notFound() {
    return h('div', { class: 'panel-error', role: 'alert' },
      h('p', {}, `There is no order ${orderId}; it may have been deleted.`),
      h('a', { href: '#/orders', class: 'button' }, 'Back to orders'));
  }

  async function reload({ announce = false } = {}) {
    try {
      const next = await api.getOrder(orderId);
      if (left) return;
      show(next);
      if (announce) notify('Order reloaded.', 'info');
    } catch (error) {
      if (!left) notifyError(error);
    }
  }

  function build(contract) {
    const items = orderItemsEditor({
      orderId, contract, alive,
      reload: () => reload({ announce: true }),
      onSaved: (saved) => {
        show(saved);
        // Editing a pending order restarts its workflow on the new lines.
        if (saved.status === 'pending') workflow.follow({ newRun: true });
      },
      onDirtyChange: (dirty) => actions.update({ blocked: dirty }),
    });
    const actions = orderActions({
      orderId, contract, alive, reload, onChanged: show,
      onWorkflowStarted: async () => {
        await reload();
        workflow.follow({ newRun: true });
      },
    });
    const workflow = workflowPanel({
      orderId,
      currentOrder: () => order,
      onRunningChange: (running) => actions.update({ workflowRunning: running }),
      reloadOrder: () => reload(),
      hasUnsavedChanges: items.hasUnsavedChanges,
    });
    const address = orderAddress({ orderId, contract, alive, onChanged: show });
    replaceChildren(main, items.el, historyCard);
    replaceChildren(side, summaryCard, address.el, actions.el, workflow.el);
    return { items, actions, workflow, address };
  }

  async function start() {
    replaceChildren(loadArea, h('p', { class: 'loading' }, 'Loading the order…'));
    let first;
    let contract;
    try {
      [first, contract] = await Promise.all([api.getOrder(orderId), loadContract()]);
    } catch (error) {
      if (left) return;
      replaceChildren(loadArea, error instanceof ApiError && error.status === 404 ? notFound() : errorPanel(error, start));
      return;
    }
    if (left) return;
    replaceChildren(loadArea);
    if (!parts) parts = build(contract);
    show(first);
    parts.workflow.follow();
  }

  const el = h('section', { class: 'view' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/orders' }, '← All orders')),
    h('div', { class: 'view-header' }, h('div', { class: 'title-row' }, title, headerBadge),
      h('div', { class: 'header-actions' }, h('a', { class: 'button', href: printHash('slips', [orderId]) }, 'Print packing slip'))),
    h('p', { class: 'mono muted small order-full-id' }, orderId),
    banner, loadArea, content);
  start();
  return { el };
}
