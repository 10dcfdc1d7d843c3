// The steps an order can take next: exactly the moves the API's document
// lists for its status (x-transitions), cancel and fail with an optional
// reason, and starting or re-running its workflow. Each change is sent with
// If-Match, so a change made by someone else meanwhile is refused, not undone.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError } from '../api.js';
import { formatNumber } from '../contract.js';
import { shortId } from '../format.js';
import { clearMessages, notify, whileBusy } from '../ui.js';
import { describeError } from '../words.js';
import { shipForm } from './ship-form.js';

const LABELS = {
  processing: 'Start processing',
  shipped: 'Mark shipped…',
  delivered: 'Mark delivered',
  cancelled: 'Cancel order…',
  failed: 'Mark failed…',
};
const NEEDS_REASON = new Set(['cancelled', 'failed']); // asked for, kept in the history and the list
const NEEDS_FORM = new Set([...NEEDS_REASON, 'shipped']); // shipping asks for tracking and carrier, then confirms

function labelOf(target) {
  return LABELS[target] || `Move to ${target}`;
}

/**
 * `reload()` reloads the order; `onChanged(order)` receives the order after a
 * status change; `onWorkflowStarted()` is awaited after a run was started.
 */
export function orderActions({ orderId, contract, alive, reload, onChanged, onWorkflowStarted }) {
  let state = { order: null, blocked: false, workflowRunning: false }; // blocked: the items have unsaved changes
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const reloadButton = h('button', {
    type: 'button', class: 'button', onclick: () => whileBusy(reloadButton, 'Reloading…', () => reload({ announce: true })),
  }, 'Reload');
  const el = h('section', { class: 'card', 'aria-labelledby': 'actions-heading' });

  function showError(failure, context) {
    replaceChildren(error, describeError(failure, context),
      failure instanceof ApiError && failure.status === 412
        ? [' ', h('button', { type: 'button', class: 'button small', onclick: () => reload({ announce: true }) }, 'Reload the order')] : null);
    error.hidden = false;
    clearMessages();
  }

  /** `details`: {reason?} or, to ship, {tracking_number?, carrier?}. */
  async function changeStatus(target, details, button) {
    error.hidden = true;
    const { order } = state;
    const cancel = target === 'cancelled';
    const reason = details && details.reason;
    const body = cancel ? (reason ? { reason } : undefined) : { status: target, ...(details || {}) };
    await whileBusy(button, 'Working…', async () => {
      try {
        const result = cancel
          ? await api.cancelOrder(orderId, reason, order.version)
          : await api.updateOrder(orderId, body, order.version);
        if (!alive()) return;
        onChanged(result.order);
        notify(`Order ${shortId(orderId)} is now ${result.order.status}.`, 'success');
        el.querySelector('h2').focus();
      } catch (failure) {
        if (!alive()) return;
        showError(failure, { contract, schema: cancel ? 'CancelOrderRequest' : 'UpdateOrderRequest', body });
      }
    });
  }

  async function runWorkflow(button) {
    error.hidden = true;
    await whileBusy(button, 'Starting…', async () => {
      try {
        await api.runWorkflow(orderId);
        if (!alive()) return;
        notify('Workflow started.', 'success');
        await onWorkflowStarted();
      } catch (failure) {
        if (!alive()) return;
        showError(failure);
      }
    });
  }

  function reasonForm(target, opener) {
    const id = uniqueId('reason');
    const schema = target === 'cancelled' ? 'CancelOrderRequest' : 'UpdateOrderRequest';
    const longest = contract.maxLength(schema, 'reason');
    const input = h('textarea', { id, name: 'reason', rows: '2', maxlength: longest ? String(longest) : null, 'aria-describedby': `${id}-hint` });
    const confirmButton = h('button', { type: 'submit', class: 'button danger' }, target === 'cancelled' ? 'Cancel order' : 'Mark failed');
    const form = h('form', {
      class: 'reason-form', novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const reason = input.value.trim();
        changeStatus(target, reason ? { reason } : null, confirmButton);
      },
      onkeydown: (event) => {
        if (event.key === 'Escape') close();
      },
    },
    h('label', { for: id }, target === 'cancelled' ? 'Why is the order cancelled?' : 'Why did the order fail?'),
    input,
    h('p', { class: 'hint', id: `${id}-hint` },
      `Optional${longest ? `, up to ${formatNumber(longest)} characters` : ''}; shown in the order list and history.`),
    h('div', { class: 'form-actions' }, confirmButton,
      h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Back')));
    function close() {
      form.remove();
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    }
    return form;
  }

  function formFor(target, button) {
    if (NEEDS_REASON.has(target)) return reasonForm(target, button);
    const close = () => {
      form.remove();
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    };
    const form = shipForm({
      orderLabel: `Order ${state.order.order_number ? `#${state.order.order_number}` : shortId(orderId)}`,
      onConfirm: (details, confirmButton) => changeStatus(target, details, confirmButton),
      onClose: close,
    });
    return form;
  }

  function transitionButton(target, reasonSlot, buttons) {
    const needsReason = NEEDS_FORM.has(target);
    const button = h('button', {
      type: 'button',
      class: `button ${NEEDS_REASON.has(target) ? 'danger-outline' : 'primary'}`,
      dataset: { action: target },
      'aria-expanded': needsReason ? 'false' : null,
      disabled: state.blocked,
    }, labelOf(target));
    button.addEventListener('click', () => {
      if (!needsReason) return changeStatus(target, null, button);
      const open = reasonSlot.querySelector('form');
      if (open) open.remove();
      for (const other of buttons) if (other.hasAttribute('aria-expanded')) other.setAttribute('aria-expanded', 'false');
      const form = formFor(target, button);
      reasonSlot.append(form);
      button.setAttribute('aria-expanded', 'true');
      form.querySelector('textarea, input').focus();
      return undefined;
    });
    return button;
  }

  function render() {
    const { order, blocked, workflowRunning, stockShort } = state;
    const reasonSlot = h('div');
    const buttons = [];
    for (const target of contract.transitions(order.status)) buttons.push(transitionButton(target, reasonSlot, buttons));
    if (order.status === 'failed' || (order.status === 'pending' && !workflowRunning)) {
      const short = order.status === 'failed' && stockShort;
      const button = h('button', { type: 'button', class: 'button', dataset: { action: 'workflow' }, disabled: blocked || short,
        'aria-describedby': short ? 'rerun-blocked' : undefined },
        order.status === 'failed' ? 'Re-run workflow' : 'Start workflow');
      button.addEventListener('click', () => runWorkflow(button));
      buttons.push(button);
    }
    replaceChildren(el,
      h('div', { class: 'card-header' }, h('h2', { id: 'actions-heading', tabindex: '-1' }, 'Actions'), reloadButton),
      buttons.length
        ? h('div', { class: 'action-buttons' }, buttons)
        : h('p', { class: 'muted' }, `A ${order.status} order has no further steps.`),
      blocked ? h('p', { class: 'hint' }, 'Save or discard the item changes first.') : null,
      order.status === 'failed' && stockShort ? h('p', { class: 'hint', id: 'rerun-blocked' },
        `Re-run waits for stock: ${stockShort}.`) : null,
      reasonSlot, error);
  }

  /** New facts ({order?, blocked?, workflowRunning?, stockShort?: words naming short products});
   * the buttons are rebuilt only when one changed. */
  function update(changes) {
    const next = { ...state, ...changes };
    if (next.order === state.order && next.blocked === state.blocked && next.workflowRunning === state.workflowRunning
      && next.stockShort === state.stockShort) return;
    const newOrder = next.order !== state.order;
    state = next;
    if (newOrder) error.hidden = true; // it was about the order as it was
    if (state.order) render();
  }

  return { el, update };
}
