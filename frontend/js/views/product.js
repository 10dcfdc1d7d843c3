// One product: its details (edited in place, a new price confirmed), a
// restock (units added, or taken with a negative number, and why) and its
// recent stock movements: restocks and corrections with their reason, and
// the orders holding it. A restock carries an Idempotency-Key, reused when
// the same restock is sent again after a failure, so a retried request moves
// the stock once. #/catalog/<id>?restock=<units> opens with the restock filled in.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError, randomKey } from '../api.js';
import { loadContract } from '../contract.js';
import { formatAmount } from '../money.js';
import { formatDateTime, orderName, typedNumber } from '../format.js';
import { addFieldError, clearMessages, errorPanel, notify, statusBadge, whileBusy } from '../ui.js';
import { actorName, describeError, issueWords, issuesOf, sentence } from '../words.js';
import { lowStockThreshold, productHash, stockLevel } from './catalog.js';
import { productForm } from './product-form.js';

const MOVEMENT_POLLS = 10; // the products stream records a restock within seconds

export function restockHash(productId, units) {
  return productHash(productId, units > 0 ? { restock: String(units) } : {});
}

function signed(units) {
  return units > 0 ? `+${units}` : units < 0 ? `−${-units}` : '0';
}

function movementRow(move) {
  const what = move.kind === 'order'
    ? h('span', {}, 'Order ', h('a', { href: `#/orders/${encodeURIComponent(move.order_id)}` }, orderName(move)), ' ',
      statusBadge(move.status), h('span', { class: 'muted small' }, ` · ${move.quantity} ordered`))
    : move.change > 0 ? 'Put in stock' : 'Taken out of stock';
  return h('tr', { dataset: { kind: move.kind } },
    h('td', { 'data-label': 'When' }, h('time', { datetime: move.at }, formatDateTime(move.at))),
    h('td', { 'data-label': 'What' }, what),
    h('td', { 'data-label': 'Change', class: 'num' }, signed(move.change)),
    h('td', { 'data-label': 'Reason' }, move.reason || '—'),
    h('td', { 'data-label': 'By' }, move.kind === 'order' || !move.actor ? '—' : actorName(move.actor)));
}

function productIdOf(ctx) {
  try {
    return decodeURIComponent(ctx.match[1]);
  } catch {
    return ctx.match[1];
  }
}

export function productView(ctx) {
  const productId = productIdOf(ctx);
  let product = null;
  let contract = null;
  let left = false;
  let lastRestock = null; // {body, key}: the same restock sent again reuses its key
  ctx.onLeave(() => { left = true; });

  const title = h('h1', {}, productId);
  const stockLine = h('p', { class: 'stock-line', 'aria-live': 'polite' });
  const loadArea = h('div');
  const detailsCard = h('section', { class: 'card', 'aria-labelledby': 'details-heading' });
  const movementsBody = h('div', { 'aria-live': 'polite' });
  const movementsCard = h('section', { class: 'card', 'aria-labelledby': 'movements-heading' },
    h('div', { class: 'card-header' }, h('h2', { id: 'movements-heading' }, 'Recent stock movements'),
      h('button', { type: 'button', class: 'button small', onclick: () => loadMovements() }, 'Refresh')),
    movementsBody);

  // ---- restock
  const unitsId = uniqueId('restock-units');
  const units = h('input', { id: unitsId, name: 'add_stock', type: 'number', step: '1', class: 'num-input',
    value: ctx.params.get('restock') || '', 'aria-describedby': `${unitsId}-hint ${unitsId}-error` });
  const unitsError = h('p', { class: 'field-error', id: `${unitsId}-error`, hidden: true });
  const reasonId = uniqueId('restock-reason');
  const reason = h('input', { id: reasonId, name: 'reason', type: 'text', autocomplete: 'off',
    placeholder: 'e.g. Delivery from the supplier', 'aria-describedby': `${reasonId}-error` });
  const reasonError = h('p', { class: 'field-error', id: `${reasonId}-error`, hidden: true });
  const restockError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const restockButton = h('button', { type: 'submit', class: 'button primary' }, 'Restock');
  const restockCard = h('form', { class: 'card restock', novalidate: true, 'aria-labelledby': 'restock-heading', onsubmit: restock },
    h('h2', { id: 'restock-heading' }, 'Restock'),
    h('div', { class: 'field-row' },
      h('div', { class: 'field' }, h('label', { for: unitsId }, 'Units to add'), units,
        h('p', { class: 'hint', id: `${unitsId}-hint` }, 'A negative number takes units out (damaged, lost).'), unitsError),
      h('div', { class: 'field grow' }, h('label', { for: reasonId }, 'Reason'), reason, reasonError)),
    restockError,
    h('div', { class: 'form-actions' }, restockButton));

  function clearRestockErrors() {
    restockError.hidden = true;
    for (const [input, error] of [[units, unitsError], [reason, reasonError]]) {
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  }

  async function restock(event) {
    event.preventDefault();
    clearRestockErrors();
    const body = { add_stock: typedNumber(units.value), reason: reason.value.trim() };
    if (!units.value.trim()) addFieldError(unitsError, 'Enter how many units to add', units);
    if (!body.reason) addFieldError(reasonError, 'Say why the stock changes: it is kept with the movement', reason);
    if (!units.value.trim() || !body.reason) {
      (units.value.trim() ? reason : units).focus();
      return;
    }
    const text = JSON.stringify(body);
    const key = lastRestock && lastRestock.body === text ? lastRestock.key : randomKey();
    lastRestock = { body: text, key };
    await whileBusy(restockButton, 'Restocking…', async () => {
      try {
        const result = await api.updateProduct(productId, body, key);
        if (left) return;
        lastRestock = null;
        units.value = '';
        reason.value = '';
        showProduct(result.product);
        notify(`${body.add_stock >= 0 ? `Added ${body.add_stock} to` : `Took ${-body.add_stock} from`} the stock of `
          + `${result.product.product_name}: ${result.product.stock_quantity} in stock now.`, 'success');
        loadMovements({ awaiting: result.product.updated_at });
      } catch (error) {
        if (left) return;
        const context = { contract, schema: 'UpdateProductRequest', body };
        for (const issue of issuesOf(error)) {
          const slot = issue.param === 'reason' ? [reasonError, reason] : issue.param === 'add_stock' ? [unitsError, units] : null;
          if (slot) addFieldError(slot[0], issueWords(issue, context), slot[1]);
        }
        // No answer: the restock may have landed. The same restock sent again carries the same key: it moves the stock once.
        const answered = error instanceof ApiError && error.status > 0 && error.status < 500;
        restockError.textContent = answered
          ? `The stock did not change: ${sentence(describeError(error, context))}`
          : `${sentence(describeError(error, context))} Press Restock again: the same restock moves the stock once, even if it already arrived.`;
        restockError.hidden = false;
        clearMessages();
      }
    });
  }

  // ---- movements
  let movementTicket = 0;
  async function loadMovements({ awaiting = null, polls = 0 } = {}) {
    const mine = ++movementTicket;
    try {
      const { movements } = await api.stockMovements(productId, 20);
      if (left || mine !== movementTicket) return;
      replaceChildren(movementsBody, movements.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'movements-table' },
          h('caption', { class: 'visually-hidden' }, 'Stock movements, newest first'),
          h('thead', {}, h('tr', {}, ['When', 'What', 'Change', 'Reason', 'By'].map((name) =>
            h('th', { scope: 'col', class: name === 'Change' ? 'num' : null }, name)))),
          h('tbody', {}, movements.map(movementRow))))
        : h('p', { class: 'muted' }, 'No stock movements yet.'));
      const recorded = !awaiting || movements.some((move) => move.kind === 'stock' && move.at >= awaiting);
      if (!recorded && polls < MOVEMENT_POLLS) {
        movementsBody.append(h('p', { class: 'hint' }, 'Recording the restock…'));
        setTimeout(() => { if (!left && mine === movementTicket) loadMovements({ awaiting, polls: polls + 1 }); }, 1000);
      }
    } catch (error) {
      if (!left && mine === movementTicket) replaceChildren(movementsBody, errorPanel(error, () => loadMovements()));
    }
  }

  function showProduct(next) {
    product = next;
    replaceChildren(title, product.product_name);
    const level = stockLevel(product, lowStockThreshold());
    replaceChildren(stockLine, h('strong', { class: 'stock-figure' }, `${product.stock_quantity} in stock`),
      level ? [' ', h('span', { class: `tag ${product.stock_quantity <= 0 ? 'tag-danger' : 'tag-warning'}` }, level)] : null,
      h('span', { class: 'muted' }, ` · ${formatAmount(product.price)} · ${product.category} · `),
      h('span', { class: 'mono muted' }, product.product_id));
    const form = productForm({
      contract, product,
      onSaved: (saved) => {
        showProduct(saved);
        notify(`Saved ${saved.product_name}.`, 'success');
      },
    });
    replaceChildren(detailsCard, h('h2', { id: 'details-heading' }, 'Details'), form.el);
  }

  async function start() {
    replaceChildren(loadArea, h('p', { class: 'loading' }, 'Loading the product…'));
    try {
      [product, contract] = await Promise.all([api.product(productId), loadContract()]);
    } catch (error) {
      if (left) return;
      replaceChildren(loadArea, error instanceof ApiError && error.status === 404
        ? h('div', { class: 'panel-error', role: 'alert' }, h('p', {}, `There is no product ${productId}.`),
          h('a', { class: 'button', href: '#/catalog' }, 'Back to the catalog'))
        : errorPanel(error, start));
      return;
    }
    if (left) return;
    replaceChildren(loadArea, h('div', { class: 'detail-grid' },
      h('div', { class: 'detail-main' }, detailsCard, movementsCard),
      h('div', { class: 'detail-side' }, restockCard)));
    showProduct(product);
    loadMovements();
    if (ctx.params.get('restock')) units.focus();
  }

  const el = h('section', { class: 'view' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/catalog' }, '← Catalog')),
    h('div', { class: 'view-header' }, title),
    stockLine, loadArea);
  start();
  return { el };
}
