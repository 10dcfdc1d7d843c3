// The order's lines, editable while its status allows (x-editable-statuses):
// change a quantity or unit price, remove or add a line, with a live exact
// total. Saving sends only the changed lines, with If-Match; every problem
// the API finds is shown on the line and input its `param` names.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError } from '../api.js';
import { paramPath } from '../contract.js';
import { centsToDecimal, formatAmount, formatCents, toCents } from '../money.js';
import { typedNumber, wholeNumberIn } from '../format.js';
import { addFieldError, clearMessages, errorPanel, notify, whileBusy } from '../ui.js';
import { describeError, issueWords, issuesOf, sentence } from '../words.js';
import { productPicker } from './product-picker.js';

const EDIT = 'OrderLineEdit'; // the contract's schema of one line of a change
const REQUEST = 'UpdateOrderRequest';

/** The catalog for the add-line list, fetched once per page (a failure is tried again). */
function catalogLoader() {
  let loading = null;
  return () => {
    if (!loading) loading = api.products().catch((error) => { loading = null; throw error; });
    return loading;
  };
}

/**
 * `reload()` reloads the order (dropping unsaved changes); `onSaved(order)`
 * receives the saved order; `onDirtyChange(dirty)` says when "has unsaved
 * changes" flips.
 */
export function orderItemsEditor({ orderId, contract, alive, reload, onSaved, onDirtyChange }) {
  let order = null;
  let rows = [];
  let dirty = false;
  const catalog = catalogLoader();
  const quantityRange = contract.range(EDIT, 'quantity');

  const el = h('section', { class: 'card', 'aria-labelledby': 'items-heading' });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const itemsError = h('p', { class: 'field-error', id: uniqueId('items-error'), hidden: true });
  const total = h('output', { class: 'total-amount', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'submit', class: 'button primary', disabled: true }, 'Save changes');
  const discardButton = h('button', { type: 'button', class: 'button', disabled: true, onclick: () => show(order) }, 'Discard changes');
  const unsaved = h('span', { class: 'unsaved', hidden: true }, 'Unsaved changes');
  const confirmSlot = h('div');
  let tbody = h('tbody');

  // ---- the values typed

  function quantityOf(row) {
    return wholeNumberIn(row.quantityInput.value, quantityRange);
  }

  /** Cents of a price typed in the contract's format, else null. */
  function priceOf(row) {
    const text = row.priceInput.value.trim();
    return contract.matches(EDIT, 'price', text) ? toCents(text) : null;
  }

  function isChanged(row) {
    return row.isNew || typedNumber(row.quantityInput.value) !== row.item.quantity
      || toCents(row.priceInput.value.trim()) !== toCents(row.item.price);
  }

  function recompute() {
    let cents = 0;
    let complete = true;
    for (const row of rows) {
      const quantity = quantityOf(row);
      const price = priceOf(row);
      const line = quantity === null || price === null ? null : quantity * price;
      row.totalCell.textContent = line === null ? '—' : formatCents(line, order.currency);
      if (line === null) complete = false;
      else cents += line;
      row.changed = isChanged(row);
      row.el.classList.toggle('changed', row.changed);
      row.el.classList.toggle('removed', quantity === 0);
    }
    total.textContent = complete ? formatCents(cents, order.currency) : '—';
    const nowDirty = rows.some((row) => row.changed);
    saveButton.disabled = !nowDirty;
    discardButton.disabled = !nowDirty;
    unsaved.hidden = !nowDirty;
    if (nowDirty !== dirty) {
      dirty = nowDirty;
      onDirtyChange(dirty);
    }
  }

  // ---- errors, each on the line and input its param names

  function clearErrors() {
    formError.hidden = true;
    itemsError.hidden = true;
    for (const row of rows) {
      row.error.hidden = true;
      row.priceInput.removeAttribute('aria-invalid');
      row.quantityInput.removeAttribute('aria-invalid');
    }
  }

  /** `items[i].price` of the request is row `sent[i]`'s price input; `items` is the whole list. */
  function slotFor(param, sent) {
    const [name, index, field] = paramPath(param);
    if (name !== 'items') return null;
    const row = Number.isInteger(index) ? sent[index] : null;
    if (row) return { error: row.error, input: field === 'price' ? row.priceInput : row.quantityInput };
    return { error: itemsError, focus: rows[0] && rows[0].quantityInput };
  }

  /**
   * insufficient_stock names no line: with fresh stock figures, the lines
   * asking for more than is left are the ones meant (a reserved order holds
   * its quantities, so only an increase needs stock).
   */
  async function shortLines(sent) {
    const asked = sent.map((row, index) => ({ row, index, more: (quantityOf(row) ?? 0) - (row.isNew ? 0 : row.item.quantity) }))
      .filter(({ more }) => more > 0);
    let stocks;
    try {
      stocks = await Promise.all(asked.map(({ row }) => api.product(row.item.product_id).then((p) => p.stock_quantity)));
    } catch {
      return [];
    }
    return asked.map((entry, i) => ({ ...entry, stock: stocks[i] })).filter(({ more, stock }) => more > stock)
      .map(({ row, index, stock }) => ({ index, words: `Only ${stock} in stock for ${row.item.product_name}` }));
  }

  async function showIssues(error, sent, body) {
    const context = { contract, schema: REQUEST, body };
    const issues = issuesOf(error);
    const short = issues.some((issue) => issue.code === 'insufficient_stock') && order.stock_reserved ? await shortLines(sent) : [];
    let focus = null;
    for (const { index, words } of short) {
      addFieldError(sent[index].error, words, sent[index].quantityInput);
      focus = focus || sent[index].quantityInput;
    }
    for (const issue of issues) {
      const slot = slotFor(issue.param, sent);
      if (!slot || (issue.code === 'insufficient_stock' && short.length)) continue;
      addFieldError(slot.error, issueWords(issue, context), slot.input);
      focus = focus || slot.input || slot.focus;
    }
    replaceChildren(formError, `Not saved: ${sentence(describeError(error, context))}`,
      error instanceof ApiError && error.status === 412
        ? [' ', h('button', { type: 'button', class: 'button small', onclick: () => reload() }, 'Reload the order (drops your changes)')]
        : null);
    formError.hidden = false;
    clearMessages();
    if (focus) focus.focus();
  }

  // ---- saving

  /** The changed rows and, for each, the edit the API gets: what was typed, for the API to judge. */
  function changes() {
    const sent = rows.filter((row) => row.changed);
    const items = sent.map((row) => {
      const edit = { product_id: row.item.product_id };
      const quantity = typedNumber(row.quantityInput.value);
      if (row.isNew || quantity !== row.item.quantity) edit.quantity = quantity;
      const text = row.priceInput.value.trim();
      const cents = toCents(text);
      if (cents !== toCents(row.item.price)) edit.price = cents === null ? text : centsToDecimal(cents);
      return edit;
    });
    return { sent, body: { items } };
  }

  /** Why this change of money must be confirmed with a reason (the API's rule), or null. */
  function moneyConfirmation(body) {
    // A value the API will refuse anyway is not asked about: its words come first.
    if (rows.some((row) => quantityOf(row) === null || priceOf(row) === null)) return null;
    const before = toCents(order.total_amount);
    const after = rows.reduce((sum, row) => sum + (quantityOf(row) ?? 0) * (priceOf(row) ?? 0), 0);
    const priced = body.items.filter((edit) => edit.price !== undefined);
    if (priced.length) {
      const words = priced.map((edit) => {
        const row = rows.find((r) => r.item.product_id === edit.product_id);
        return `${row.item.product_name}: ${formatAmount(row.item.price, order.currency)} → ${formatAmount(String(edit.price), order.currency)}`;
      });
      return `The unit price changes (${words.join('; ')}).`;
    }
    if (after === 0 && before > 0) return `The total goes to ${formatCents(0, order.currency)}.`;
    if (after * 2 < before) {
      return `The total goes down by more than half: ${formatCents(before, order.currency)} → ${formatCents(after, order.currency)}.`;
    }
    return null;
  }

  /** Asks to confirm a money change with a reason; `send(reason)` saves it. */
  function askToConfirm(why, send) {
    const id = uniqueId('money-reason');
    const input = h('textarea', { id, rows: '2', 'aria-describedby': `${id}-why` });
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const confirm = h('button', { type: 'button', class: 'button primary' }, 'Confirm and save');
    const panel = h('div', { class: 'confirm-panel', role: 'group', 'aria-labelledby': `${id}-title` },
      h('p', { id: `${id}-title` }, h('strong', {}, 'Confirm this change of money')),
      h('p', { id: `${id}-why` }, why),
      h('label', { for: id }, 'Reason (kept in the order’s history)'), input, error,
      h('div', { class: 'form-actions' }, confirm,
        h('button', { type: 'button', class: 'button', onclick: () => { replaceChildren(confirmSlot); saveButton.focus(); } }, 'Back')));
    confirm.addEventListener('click', async () => {
      const reason = input.value.trim();
      if (!reason) {
        addFieldError(error, 'Enter a reason', input);
        input.focus();
        return;
      }
      await whileBusy(confirm, 'Saving…', () => send(reason));
    });
    replaceChildren(confirmSlot, panel);
    input.focus();
  }

  async function save(event) {
    event.preventDefault();
    clearErrors();
    replaceChildren(confirmSlot);
    const { sent, body } = changes();
    if (!sent.length) return;
    const why = moneyConfirmation(body);
    if (why) {
      askToConfirm(why, (reason) => send(sent, { ...body, reason }));
      return;
    }
    await whileBusy(saveButton, 'Saving…', () => send(sent, body));
    recompute(); // whileBusy re-enabled Save; it stays enabled only with unsaved changes
  }

  async function send(sent, body) {
    try {
      const result = await api.updateOrder(orderId, body, order.version);
      if (!alive()) return;
      replaceChildren(confirmSlot);
      onSaved(result.order);
      notify(`Saved. The order total is now ${formatAmount(result.order.total_amount, result.order.currency)}.`, 'success');
    } catch (error) {
      if (!alive()) return;
      if (issuesOf(error).some((issue) => issue.code === 'reason_required') && !body.reason) {
        askToConfirm(sentence(error.message), (reason) => send(sent, { ...body, reason }));
        return;
      }
      replaceChildren(confirmSlot);
      await showIssues(error, sent, body);
    }
  }

  // ---- lines

  function itemRow(item, { editable, isNew = false }) {
    const id = uniqueId('item');
    const priceInput = h('input', {
      id: `${id}-price`, type: 'text', inputmode: 'decimal', value: item.price, size: '8', class: 'num-input',
      'aria-label': `Unit price of ${item.product_name}`, 'aria-describedby': `${id}-error`, readonly: !editable,
    });
    const quantityInput = h('input', {
      id: `${id}-quantity`, type: 'number', min: String(quantityRange.minimum), max: String(quantityRange.maximum), step: '1',
      value: String(item.quantity), class: 'num-input qty-input',
      'aria-label': `Quantity of ${item.product_name}`, 'aria-describedby': `${id}-error`, readonly: !editable,
    });
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const row = { item, isNew, priceInput, quantityInput, error, totalCell: h('span', { class: 'line-total' }), changed: false };
    const removeButton = editable ? h('button', {
      type: 'button', class: 'button small danger-outline', 'aria-label': `Remove ${item.product_name}`,
      onclick: () => {
        if (row.isNew) {
          rows = rows.filter((r) => r !== row);
          row.el.remove();
        } else {
          quantityInput.value = quantityInput.value === '0' ? String(item.quantity) : '0';
        }
        recompute();
      },
    }, 'Remove') : null;
    row.el = h('tr', { dataset: { productId: item.product_id } },
      h('td', { 'data-label': 'Product' },
        h('span', { class: 'product-name' }, item.product_name),
        h('span', { class: 'muted small mono product-id' }, item.product_id),
        isNew ? h('span', { class: 'tag' }, 'new') : null,
        error),
      h('td', { 'data-label': 'Unit price', class: 'num' }, editable ? priceInput : formatAmount(item.price, order.currency)),
      h('td', { 'data-label': 'Quantity', class: 'num' }, editable ? quantityInput : String(item.quantity)),
      h('td', { 'data-label': 'Line total', class: 'num' }, row.totalCell),
      editable ? h('td', { class: 'row-actions' }, removeButton) : null);
    for (const input of [priceInput, quantityInput]) {
      input.addEventListener('input', () => {
        error.hidden = true;
        input.removeAttribute('aria-invalid');
        recompute();
      });
    }
    return row;
  }

  /** Add a product from the catalog as a new line (sent on Save like any change). */
  function addLineControls() {
    const qtyId = uniqueId('add-qty');
    const addRange = contract.range('OrderItem', 'quantity'); // a new line has at least one unit
    const qty = h('input', {
      id: qtyId, type: 'number', min: String(addRange.minimum), max: String(addRange.maximum), value: '1', class: 'num-input qty-input', 'aria-describedby': `${qtyId}-error`,
    });
    const qtyError = h('p', { class: 'field-error', id: `${qtyId}-error`, hidden: true });
    const addButton = h('button', { type: 'button', class: 'button small' }, 'Add line');
    const known = new Map();
    const picker = productPicker({
      known, label: 'Add a product',
      available: (list) => {
        const present = new Set(rows.map((r) => r.item.product_id));
        return list.filter((p) => !present.has(p.product_id));
      },
    });
    const wrapper = h('div', { class: 'add-line' },
      picker.el,
      h('div', { class: 'field qty' }, h('label', { for: qtyId }, 'Quantity'), qty, qtyError),
      addButton);
    function fill() {
      picker.refresh();
      // An order holds at most maxLines products; more could never be saved.
      addButton.disabled = !picker.value() || rows.length >= contract.maxLines();
    }
    picker.select.addEventListener('change', fill);
    qty.addEventListener('input', () => { qtyError.hidden = true; qty.removeAttribute('aria-invalid'); });
    addButton.addEventListener('click', () => {
      const product = picker.product();
      const quantity = wholeNumberIn(qty.value, addRange);
      if (!product) return;
      if (quantity === null) {
        // Worded as the API's answer would be, from the same document.
        const issue = { code: 'invalid_value', param: 'quantity' };
        addFieldError(qtyError, issueWords(issue, { contract, schema: 'OrderItem', body: { quantity: typedNumber(qty.value) } }), qty);
        qty.focus();
        return;
      }
      const row = itemRow({ product_id: product.product_id, product_name: product.product_name, quantity, price: product.price },
        { editable: true, isNew: true });
      rows.push(row);
      tbody.append(row.el);
      recompute();
      fill();
      row.quantityInput.focus();
    });
    catalog().then((list) => {
      for (const product of list) known.set(product.product_id, product);
      if (alive()) fill();
    }, (error) => replaceChildren(wrapper, errorPanel(error)));
    return wrapper;
  }

  /** Shows `next`'s lines, dropping any unsaved change. */
  function show(next) {
    order = next;
    replaceChildren(confirmSlot);
    const editable = contract.isEditable(order.status);
    rows = order.items.map((item) => itemRow(item, { editable }));
    tbody = h('tbody', {}, rows.map((row) => row.el));
    clearErrors();
    const form = h('form', { class: 'items-form', novalidate: true, onsubmit: save },
      h('div', { class: 'table-wrap' },
        h('table', { class: 'items-table' },
          h('caption', { class: 'visually-hidden' }, 'Order lines'),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, 'Product'),
            h('th', { scope: 'col', class: 'num' }, 'Unit price'),
            h('th', { scope: 'col', class: 'num' }, 'Quantity'),
            h('th', { scope: 'col', class: 'num' }, 'Line total'),
            editable ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')) : null)),
          tbody,
          h('tfoot', {}, h('tr', {},
            h('th', { scope: 'row', colspan: '3' }, 'Total'),
            h('td', { class: 'num' }, total),
            editable ? h('td') : null)))),
      itemsError,
      editable ? addLineControls() : null,
      formError,
      confirmSlot,
      editable
        ? h('div', { class: 'form-actions' }, saveButton, discardButton, unsaved)
        : h('p', { class: 'hint' }, `Items can be changed only while the order is ${contract.editableStatuses().join(' or ')}; this order is ${order.status}.`));
    replaceChildren(el,
      h('h2', { id: 'items-heading' }, 'Items'),
      editable ? h('p', { class: 'hint' }, 'Change a quantity or unit price and save; quantity 0 removes the line. '
        + 'Saving checks that nobody changed the order meanwhile.') : null,
      form);
    recompute();
  }

  return { el, show, hasUnsavedChanges: () => dirty };
}
