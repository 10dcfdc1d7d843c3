// One order: its lines (editable while pending/processing, saved with
// If-Match), the actions its status allows, the history, and the workflow
// execution, polled until it ends.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError, describeError } from '../api.js';
import { centsToDecimal, formatAmount, formatCents, toCents } from '../money.js';
import { EDITABLE, TRANSITIONS, formatDateTime, formatTime, humanise, shortId } from '../format.js';
import { clearMessages, errorPanel, executionBadge, notify, notifyError, statusBadge, whileBusy } from '../ui.js';
import { ordersHash } from './orders.js';

const POLL_MS = 1000;
const MAX_POLLS = 180; // stop after about three minutes; the Refresh button resumes
const ACTION_LABELS = {
  processing: 'Start processing',
  shipped: 'Mark shipped',
  delivered: 'Mark delivered',
  cancelled: 'Cancel order…',
  failed: 'Mark failed…',
};
const NEEDS_REASON = new Set(['cancelled', 'failed']);

function parseQuantity(text) {
  const value = String(text).trim();
  return /^\d{1,5}$/.test(value) && Number(value) <= 10000 ? Number(value) : null;
}

/** Workflow events (oldest first) -> the states it went through and how each ended. */
function stepsOf(events) {
  const steps = [];
  let open = null;
  for (const event of events) {
    const type = event.type || '';
    if (type.endsWith('StateEntered') && event.state_name) {
      open = { name: event.state_name, kind: type.replace('StateEntered', ''), outcome: type === 'FailStateEntered' ? 'failed' : 'running' };
      if (type === 'SucceedStateEntered') open.outcome = 'succeeded';
      steps.push(open);
    } else if (type.endsWith('StateExited') && open) {
      if (open.outcome === 'running') open.outcome = 'done';
    } else if (/(Task|Lambda|Activity)Failed|TimedOut/.test(type) && open) {
      open.outcome = 'error';
    }
  }
  return steps;
}

export function orderDetailView(ctx) {
  let orderId;
  try {
    orderId = decodeURIComponent(ctx.match[1]);
  } catch {
    orderId = ctx.match[1];
  }
  let order = null;
  let catalog = null;
  let rows = []; // item rows of the edit form
  let pollTimer = null;
  let polls = 0;
  let reloadedFor = null; // execution whose end already triggered an order reload
  let sawRunning = false; // this view watched the execution run (so its end changed the order)
  let pollGeneration = 0; // an answer to a superseded status request is dropped
  let left = false;
  ctx.onLeave(() => {
    left = true;
    clearTimeout(pollTimer);
  });

  const heading = h('h1', {}, `Order ${shortId(orderId)}`);
  const headerBadge = h('span', { class: 'header-badge' });
  const fullId = h('p', { class: 'mono muted small order-full-id' }, orderId);
  const banner = h('div');
  const loadArea = h('div');
  const summaryCard = h('section', { class: 'card', 'aria-labelledby': 'summary-heading' });
  const actionsCard = h('section', { class: 'card', 'aria-labelledby': 'actions-heading' });
  const itemsCard = h('section', { class: 'card', 'aria-labelledby': 'items-heading' });
  const workflowBody = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading the workflow status…'));
  const workflowRefresh = h('button', { type: 'button', class: 'button small', onclick: () => { polls = 0; pollWorkflow(); } }, 'Refresh');
  const workflowCard = h('section', { class: 'card', 'aria-labelledby': 'workflow-heading' },
    h('div', { class: 'card-header' }, h('h2', { id: 'workflow-heading' }, 'Workflow'), workflowRefresh),
    workflowBody);
  const historyCard = h('section', { class: 'card', 'aria-labelledby': 'history-heading' });
  const reloadButton = h('button', { type: 'button', class: 'button', onclick: () => reloadOrder(true) }, 'Reload');
  const content = h('div', { class: 'detail-grid', hidden: true },
    h('div', { class: 'detail-main' }, itemsCard, historyCard),
    h('div', { class: 'detail-side' }, summaryCard, actionsCard, workflowCard));

  // ------------------------------------------------------------ loading

  async function reloadOrder(byButton = false) {
    const task = async () => {
      try {
        order = await api.getOrder(orderId);
        if (left) return;
        replaceChildren(loadArea);
        renderAll();
        if (byButton) notify('Order reloaded.', 'info');
      } catch (error) {
        if (left) return;
        if (order) notifyError(error);
        else if (error instanceof ApiError && error.status === 404) {
          replaceChildren(loadArea, h('div', { class: 'panel-error', role: 'alert' },
            h('p', {}, `${error.message}: there is no order ${orderId}.`),
            h('a', { href: '#/orders', class: 'button' }, 'Back to orders')));
        } else replaceChildren(loadArea, errorPanel(error, () => start()));
      }
    };
    if (byButton) await whileBusy(reloadButton, 'Reloading…', task);
    else await task();
  }

  async function start() {
    replaceChildren(loadArea, h('p', { class: 'loading' }, 'Loading the order…'));
    await reloadOrder();
    if (order) pollWorkflow();
  }

  function renderAll() {
    content.hidden = false;
    replaceChildren(headerBadge, statusBadge(order.status));
    const reasonText = order.status_reason;
    replaceChildren(banner, reasonText
      ? h('div', { class: `banner banner-${order.status === 'failed' ? 'error' : 'info'}`, role: order.status === 'failed' ? 'alert' : null },
        h('strong', {}, order.status === 'failed' ? 'Failed: ' : order.status === 'cancelled' ? 'Cancelled: ' : 'Reason: '),
        reasonText)
      : null);
    renderSummary();
    renderItems(); // before the actions: they are disabled while items have unsaved changes
    renderActions();
    renderHistory();
  }

  // ------------------------------------------------------------ summary

  function renderSummary() {
    const entry = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
    replaceChildren(summaryCard,
      h('h2', { id: 'summary-heading' }, 'Summary'),
      h('dl', { class: 'facts' },
        entry('Customer', h('span', { class: 'customer-name' }, order.customer_name)),
        entry('E-mail', order.customer_email || '—'),
        entry('Customer ID', h('a', { href: ordersHash({ customer: order.customer_id }), class: 'mono' }, order.customer_id)),
        entry('Total', h('strong', { class: 'order-total-value' }, formatAmount(order.total_amount, order.currency))),
        entry('Items', `${order.item_count} in ${order.line_count} line${order.line_count === 1 ? '' : 's'}`),
        entry('Stock reserved', order.stock_reserved ? 'Yes' : 'No'),
        entry('Created', formatDateTime(order.created_at)),
        entry('Updated', formatDateTime(order.updated_at)),
        entry('Version', String(order.version))));
  }

  // ------------------------------------------------------------ actions

  const actionError = h('div', { class: 'form-error', role: 'alert', hidden: true });

  function showActionError(error) {
    replaceChildren(actionError, describeError(error),
      error instanceof ApiError && error.status === 412
        ? [' ', h('button', { type: 'button', class: 'button small', onclick: () => reloadOrder(true) }, 'Reload the order')] : null);
    actionError.hidden = false;
    clearMessages();
  }

  async function changeStatus(target, reason, button) {
    actionError.hidden = true;
    await whileBusy(button, 'Working…', async () => {
      try {
        const result = target === 'cancelled'
          ? await api.cancelOrder(orderId, reason, order.version)
          : await api.updateOrder(orderId, reason ? { status: target, reason } : { status: target }, order.version);
        if (left) return;
        order = result.order;
        renderAll();
        notify(`Order ${shortId(orderId)} is now ${order.status}.`, 'success');
        actionsCard.querySelector('h2').focus();
      } catch (error) {
        if (left) return;
        showActionError(error);
      }
    });
  }

  async function runWorkflow(button) {
    actionError.hidden = true;
    await whileBusy(button, 'Starting…', async () => {
      try {
        await api.runWorkflow(orderId);
        if (left) return;
        notify('Workflow started.', 'success');
        reloadedFor = null;
        await reloadOrder();
        polls = 0;
        pollWorkflow();
      } catch (error) {
        if (left) return;
        showActionError(error);
      }
    });
  }

  function reasonForm(target, opener) {
    const id = uniqueId('reason');
    const verb = target === 'cancelled' ? 'Cancel order' : 'Mark failed';
    const input = h('textarea', { id, name: 'reason', rows: '2', maxlength: '500', 'aria-describedby': `${id}-hint` });
    const confirmButton = h('button', { type: 'submit', class: 'button danger' }, verb);
    const form = h('form', {
      class: 'reason-form', novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        changeStatus(target, input.value.trim(), confirmButton);
      },
      onkeydown: (event) => {
        if (event.key === 'Escape') close();
      },
    },
    h('label', { for: id }, target === 'cancelled' ? 'Why is the order cancelled?' : 'Why did the order fail?'),
    input,
    h('p', { class: 'hint', id: `${id}-hint` }, 'Optional, up to 500 characters; shown in the order list and history.'),
    h('div', { class: 'form-actions' }, confirmButton,
      h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Back')));
    function close() {
      form.remove();
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    }
    return form;
  }

  let workflowRunning = false;

  function renderActions() {
    const dirty = rows.some((row) => row.changed);
    const buttons = [];
    const reasonSlot = h('div');
    for (const target of TRANSITIONS[order.status] || []) {
      const needsReason = NEEDS_REASON.has(target);
      const button = h('button', {
        type: 'button',
        class: `button ${target === 'cancelled' || target === 'failed' ? 'danger-outline' : 'primary'}`,
        dataset: { action: target },
        'aria-expanded': needsReason ? 'false' : null,
        disabled: dirty,
      }, ACTION_LABELS[target]);
      button.addEventListener('click', () => {
        if (!needsReason) return changeStatus(target, null, button);
        const open = reasonSlot.querySelector('form');
        if (open) open.remove();
        for (const other of buttons) if (other.hasAttribute('aria-expanded')) other.setAttribute('aria-expanded', 'false');
        const form = reasonForm(target, button);
        reasonSlot.append(form);
        button.setAttribute('aria-expanded', 'true');
        form.querySelector('textarea').focus();
        return undefined;
      });
      buttons.push(button);
    }
    if (order.status === 'failed' || (order.status === 'pending' && !workflowRunning)) {
      const label = order.status === 'failed' ? 'Re-run workflow' : 'Start workflow';
      const button = h('button', { type: 'button', class: 'button', dataset: { action: 'workflow' }, disabled: dirty }, label);
      button.addEventListener('click', () => runWorkflow(button));
      buttons.push(button);
    }
    replaceChildren(actionsCard,
      h('div', { class: 'card-header' }, h('h2', { id: 'actions-heading', tabindex: '-1' }, 'Actions'), reloadButton),
      buttons.length
        ? h('div', { class: 'action-buttons' }, buttons)
        : h('p', { class: 'muted' }, `A ${order.status} order has no further steps.`),
      dirty ? h('p', { class: 'hint' }, 'Save or discard the item changes first.') : null,
      reasonSlot, actionError);
  }

  // ------------------------------------------------------------ items

  const itemsError = h('div', { class: 'form-error', role: 'alert', hidden: true });

  function rowTotal(row) {
    const quantity = parseQuantity(row.quantityInput.value);
    const price = toCents(row.priceInput.value);
    return quantity === null || price === null ? null : quantity * price;
  }

  function recompute() {
    let total = 0;
    let valid = true;
    for (const row of rows) {
      const cents = rowTotal(row);
      row.totalCell.textContent = cents === null ? '—' : formatCents(cents, order.currency);
      if (cents === null) valid = false;
      else total += cents;
      const quantity = parseQuantity(row.quantityInput.value);
      const price = toCents(row.priceInput.value);
      row.changed = row.isNew || quantity !== row.item.quantity || price !== toCents(row.item.price);
      row.el.classList.toggle('changed', row.changed);
      row.el.classList.toggle('removed', quantity === 0);
    }
    const dirty = rows.some((row) => row.changed);
    itemsTotal.textContent = valid ? formatCents(total, order.currency) : '—';
    saveButton.disabled = !dirty;
    discardButton.disabled = !dirty;
    unsaved.hidden = !dirty;
    const actionButtons = actionsCard.querySelectorAll('[data-action]');
    for (const button of actionButtons) button.disabled = dirty;
  }

  const itemsTotal = h('output', { class: 'total-amount', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'submit', class: 'button primary', disabled: true }, 'Save changes');
  const discardButton = h('button', { type: 'button', class: 'button', disabled: true, onclick: () => { itemsError.hidden = true; renderItems(); renderActions(); } }, 'Discard changes');
  const unsaved = h('span', { class: 'unsaved', hidden: true }, 'Unsaved changes');

  function setRowError(row, message, field) {
    row.error.textContent = message || '';
    row.error.hidden = !message;
    for (const [input, bad] of [[row.priceInput, message && field === 'price'], [row.quantityInput, message && field !== 'price']]) {
      if (bad) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  function itemRow(item, isNew = false) {
    const id = uniqueId('item');
    const editable = EDITABLE.has(order.status);
    const priceInput = h('input', {
      id: `${id}-price`, type: 'text', inputmode: 'decimal', value: item.price, size: '8', class: 'num-input',
      'aria-label': `Unit price of ${item.product_name}`, 'aria-describedby': `${id}-error`, readonly: !editable,
    });
    const quantityInput = h('input', {
      id: `${id}-quantity`, type: 'number', min: '0', max: '10000', step: '1', value: String(item.quantity), class: 'num-input qty-input',
      'aria-label': `Quantity of ${item.product_name}`, 'aria-describedby': `${id}-error`, readonly: !editable,
    });
    const totalCell = h('span', { class: 'line-total' });
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const row = { item, isNew, priceInput, quantityInput, totalCell, error, changed: false };
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
        renderActionsIfNeeded();
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
      h('td', { 'data-label': 'Line total', class: 'num' }, totalCell),
      editable ? h('td', { class: 'row-actions' }, removeButton) : null);
    for (const input of [priceInput, quantityInput]) {
      input.addEventListener('input', () => {
        setRowError(row, null);
        recompute();
        renderActionsIfNeeded();
      });
    }
    return row;
  }

  // Re-render the action buttons only when "has unsaved changes" flips.
  let lastDirty = false;
  function renderActionsIfNeeded() {
    const dirty = rows.some((row) => row.changed);
    if (dirty !== lastDirty) {
      lastDirty = dirty;
      renderActions();
    }
  }

  function validate() {
    let firstBad = null;
    for (const row of rows) {
      if (parseQuantity(row.quantityInput.value) === null) {
        setRowError(row, 'Quantity must be a whole number from 0 to 10000 (0 removes the line).', 'quantity');
        firstBad = firstBad || row.quantityInput;
      } else if (toCents(row.priceInput.value) === null) {
        setRowError(row, 'Unit price must be an amount such as 29.99.', 'price');
        firstBad = firstBad || row.priceInput;
      }
    }
    return firstBad;
  }

  function edits() {
    const list = [];
    for (const row of rows.filter((r) => r.changed)) {
      const quantity = parseQuantity(row.quantityInput.value);
      const price = toCents(row.priceInput.value);
      const edit = { product_id: row.item.product_id };
      if (row.isNew || quantity !== row.item.quantity) edit.quantity = quantity;
      if (price !== toCents(row.item.price)) edit.price = centsToDecimal(price);
      list.push({ edit, row });
    }
    return list;
  }

  async function save(event) {
    event.preventDefault();
    itemsError.hidden = true;
    rows.forEach((row) => setRowError(row, null));
    const bad = validate();
    if (bad) {
      bad.focus();
      return;
    }
    const changes = edits();
    if (!changes.length) return;
    await whileBusy(saveButton, 'Saving…', async () => {
      try {
        const result = await api.updateOrder(orderId, { items: changes.map((c) => c.edit) }, order.version);
        if (left) return;
        order = result.order;
        lastDirty = false;
        renderAll();
        notify(`Saved. The order total is now ${formatAmount(order.total_amount, order.currency)}.`, 'success');
        if (order.status === 'pending') {
          // Editing a pending order restarts its workflow on the new lines.
          reloadedFor = null;
          polls = 0;
          pollWorkflow();
        }
      } catch (error) {
        if (left) return;
        const words = describeError(error);
        const match = /items\[(\d+)\]\.?(\w+)?/.exec(words);
        const target = match && changes[Number(match[1])];
        if (target) setRowError(target.row, words, match[2]);
        const product = /(?:Insufficient stock for|Product) (\S+?)(?: |$)/.exec(words);
        const productRow = product && rows.find((r) => r.item.product_id === product[1]);
        if (productRow && !target) setRowError(productRow, words, 'quantity');
        replaceChildren(itemsError, `Not saved: ${words}`,
          error instanceof ApiError && error.status === 412
            ? [' ', h('button', { type: 'button', class: 'button small', onclick: () => reloadOrder(true) }, 'Reload the order (drops your changes)')]
            : null);
        itemsError.hidden = false;
        clearMessages();
      }
    });
    recompute(); // whileBusy re-enabled Save; it stays enabled only with unsaved changes
  }

  async function addProductControls() {
    const selectId = uniqueId('add-product');
    const qtyId = uniqueId('add-qty');
    const select = h('select', { id: selectId }, h('option', { value: '' }, 'Loading products…'));
    const qty = h('input', { id: qtyId, type: 'number', min: '1', max: '10000', value: '1', class: 'num-input qty-input' });
    const addButton = h('button', { type: 'button', class: 'button small' }, 'Add line');
    const wrapper = h('div', { class: 'add-line' },
      h('div', { class: 'field grow' }, h('label', { for: selectId }, 'Add a product'), select),
      h('div', { class: 'field qty' }, h('label', { for: qtyId }, 'Quantity'), qty),
      addButton);
    function fill() {
      const present = new Set(rows.map((r) => r.item.product_id));
      const available = catalog.filter((p) => !present.has(p.product_id));
      replaceChildren(select, available.length
        ? available.map((p) => h('option', { value: p.product_id },
          `${p.product_name} (${p.product_id}) · ${formatAmount(p.price)} · ${p.stock_quantity} in stock`))
        : h('option', { value: '' }, 'Every product is already on the order'));
      addButton.disabled = !available.length;
    }
    addButton.addEventListener('click', () => {
      const product = catalog.find((p) => p.product_id === select.value);
      const quantity = parseQuantity(qty.value);
      if (!product || !quantity) {
        qty.setAttribute('aria-invalid', 'true');
        qty.focus();
        return;
      }
      qty.removeAttribute('aria-invalid');
      const row = itemRow({ product_id: product.product_id, product_name: product.product_name, quantity, price: product.price }, true);
      rows.push(row);
      tbody.append(row.el);
      recompute();
      renderActionsIfNeeded();
      fill();
      row.quantityInput.focus();
    });
    try {
      if (!catalog) catalog = await api.products();
      fill();
    } catch (error) {
      replaceChildren(select, h('option', { value: '' }, 'Products could not be loaded'));
      addButton.disabled = true;
      replaceChildren(wrapper, errorPanel(error));
    }
    return wrapper;
  }

  let tbody = h('tbody');

  function renderItems() {
    const editable = EDITABLE.has(order.status);
    rows = order.items.map((item) => itemRow(item));
    tbody = h('tbody', {}, rows.map((row) => row.el));
    lastDirty = false;
    const addArea = h('div');
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
            h('td', { class: 'num' }, itemsTotal),
            editable ? h('td') : null)))),
      editable ? addArea : null,
      itemsError,
      editable
        ? h('div', { class: 'form-actions' }, saveButton, discardButton, unsaved)
        : h('p', { class: 'hint' }, `Items can be changed only while the order is pending or processing; this order is ${order.status}.`));
    replaceChildren(itemsCard,
      h('h2', { id: 'items-heading' }, 'Items'),
      editable ? h('p', { class: 'hint' }, 'Change a quantity or unit price and save; quantity 0 removes the line. '
        + 'Saving checks that nobody changed the order meanwhile.') : null,
      form);
    recompute();
    if (editable) addProductControls().then((controls) => replaceChildren(addArea, controls));
  }

  // ------------------------------------------------------------ history

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

  function renderHistory() {
    const entries = (order.history || []).slice().reverse(); // newest first
    replaceChildren(historyCard,
      h('h2', { id: 'history-heading' }, 'History'),
      entries.length ? h('ol', { class: 'timeline', reversed: true },
        entries.map((entry) => h('li', { class: `timeline-item action-${/^[a-z]+$/.test(entry.action) ? entry.action : 'other'}` },
          h('div', { class: 'timeline-head' },
            h('strong', {}, historyTitle(entry)),
            h('time', { datetime: entry.at, class: 'muted small' }, formatDateTime(entry.at))),
          h('p', { class: 'muted small' }, `by ${entry.actor}`),
          entry.reason ? h('p', { class: 'timeline-reason' }, entry.reason) : null,
          entry.changes && entry.changes.length ? h('ul', { class: 'changes' }, entry.changes.map((change) =>
            h('li', {}, `${change.product_id} ${change.field}: ${change.old ?? '(new line)'} → ${change.new ?? '(removed)'}`))) : null)))
        : h('p', { class: 'muted' }, 'No history recorded.'));
  }

  // ------------------------------------------------------------ workflow

  function setWorkflowRunning(running) {
    if (running !== workflowRunning) {
      workflowRunning = running;
      if (order) renderActions();
      if (order) recompute();
    }
  }

  function renderWorkflow(status) {
    const events = (status.recent_events || []).slice().reverse(); // oldest first
    const steps = stepsOf(events);
    const running = status.status === 'RUNNING';
    replaceChildren(workflowBody,
      h('p', { class: 'workflow-status' }, 'Execution ', executionBadge(status.status),
        running ? h('span', { class: 'muted small' }, ' checking every second…') : null),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Name'), h('dd', { class: 'mono small wrap' }, status.execution_name || '—'),
        h('dt', {}, 'Attempt'), h('dd', {}, String(order.workflow_attempt || 1)),
        h('dt', {}, 'Started'), h('dd', {}, formatDateTime(status.start_date)),
        h('dt', {}, 'Ended'), h('dd', {}, status.stop_date ? formatDateTime(status.stop_date) : 'still running')),
      steps.length ? h('ol', { class: 'steps', 'aria-label': 'Workflow steps' },
        steps.map((step) => h('li', { class: `step step-${step.outcome}` },
          h('span', { class: 'step-name' }, step.name),
          h('span', { class: 'muted small' }, ` ${step.kind.toLowerCase()} · ${step.outcome}`)))) : null,
      events.length ? h('details', { class: 'events' },
        h('summary', {}, `All events (${events.length}, oldest first)`),
        h('ol', {}, events.map((event) => h('li', {},
          h('span', { class: 'mono small' }, formatTime(event.timestamp)), ' ',
          humanise(event.type), event.state_name ? h('span', { class: 'muted' }, ` · ${event.state_name}`) : null)))) : null);
  }

  async function pollWorkflow() {
    clearTimeout(pollTimer);
    const generation = ++pollGeneration;
    if (left || !order) return;
    if (!order.execution_arn) {
      setWorkflowRunning(false);
      replaceChildren(workflowBody, h('p', { class: 'muted' }, order.status === 'pending'
        ? 'No workflow is running for this order. Start it with “Start workflow”.'
        : 'This order has no workflow execution.'));
      return;
    }
    try {
      const status = await api.workflowStatus(orderId);
      if (left || generation !== pollGeneration) return;
      renderWorkflow(status);
      const running = status.status === 'RUNNING';
      setWorkflowRunning(running);
      if (running) {
        sawRunning = true;
        polls += 1;
        if (polls < MAX_POLLS) pollTimer = setTimeout(pollWorkflow, POLL_MS);
        else workflowBody.append(h('p', { class: 'hint' }, 'Still running; press Refresh to keep watching.'));
        return;
      }
      // The execution ended: its last step changed the order, so show that
      // (once per execution, and not over unsaved edits).
      const stale = sawRunning || order.status === 'pending';
      if (stale && reloadedFor !== status.execution_arn && !rows.some((row) => row.changed)) {
        reloadedFor = status.execution_arn;
        sawRunning = false;
        const before = order.execution_arn;
        await reloadOrder();
        if (!left && order.execution_arn !== before) pollWorkflow();
      }
    } catch (error) {
      if (left || generation !== pollGeneration) return;
      if (error instanceof ApiError && error.status === 404) {
        setWorkflowRunning(false);
        // Just created: the execution may not be visible yet.
        if (order.status === 'pending' && polls < 5) {
          polls += 1;
          pollTimer = setTimeout(pollWorkflow, POLL_MS);
        }
        replaceChildren(workflowBody, h('p', { class: 'muted' }, `${error.message}.`));
        return;
      }
      replaceChildren(workflowBody, errorPanel(error, () => { polls = 0; pollWorkflow(); }));
    }
  }

  const el = h('section', { class: 'view' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/orders' }, '← All orders')),
    h('div', { class: 'view-header' }, h('div', { class: 'title-row' }, heading, headerBadge)),
    fullId, banner, loadArea, content);
  start();
  return { el };
}
