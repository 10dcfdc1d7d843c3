// Bulk actions on the selected orders of the list: mark shipped (optional tracking
// number and carrier) or cancel (reason). One request with an Idempotency-Key kept
// for the retry of the same action, then one line per order: what was done, what was refused and why.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, randomKey } from '../api.js';
import { notify, notifyError, whileBusy } from '../ui.js';

export function bulkActions({ selected, names, done }) {
  const trackingId = uniqueId('tracking');
  const carrierId = uniqueId('carrier');
  const reasonId = uniqueId('reason');
  const tracking = h('input', { id: trackingId, name: 'tracking_number', maxlength: '100', autocomplete: 'off' });
  const carrier = h('input', { id: carrierId, name: 'carrier', maxlength: '100', autocomplete: 'off' });
  const reason = h('input', { id: reasonId, name: 'reason', maxlength: '500', autocomplete: 'off' });
  const count = h('strong', { class: 'bulk-count' });
  const results = h('ul', { class: 'bulk-results', 'aria-live': 'polite' });
  let pending = null; // {body, key}: a retry of the same action reuses its key

  async function run(button, busy, body) {
    const same = pending && JSON.stringify(pending.body) === JSON.stringify(body);
    pending = same ? pending : { body, key: randomKey() };
    await whileBusy(button, busy, async () => {
      try {
        const answer = await api.bulkOrders(body, pending.key);
        pending = null;
        replaceChildren(results, answer.results.map((result) => h('li', { class: result.ok ? 'ok' : 'refused' },
          `${names.get(result.order_id) || result.order_id}: ${result.ok ? `now ${result.status}` : result.message}`)));
        notify(`${answer.succeeded} done, ${answer.failed} refused`, answer.failed ? 'error' : 'success');
        done();
      } catch (error) {
        notifyError(error, 'Nothing is known to have changed; try again (a retry cannot apply twice)');
      }
    });
  }

  const shipButton = h('button', { type: 'button', class: 'button primary', onclick: () => run(shipButton, 'Shipping…', {
    action: 'ship', order_ids: [...selected], tracking_number: tracking.value.trim() || undefined,
    carrier: carrier.value.trim() || undefined,
  }) }, 'Mark shipped');
  const cancelButton = h('button', { type: 'button', class: 'button danger', onclick: () => {
    if (!reason.value.trim()) {
      reason.focus();
      notify('Say why these orders are cancelled (kept in each order\'s history)', 'error');
      return;
    }
    run(cancelButton, 'Cancelling…', { action: 'cancel', order_ids: [...selected], reason: reason.value.trim() });
  } }, 'Cancel orders');

  const el = h('section', { class: 'bulk card', 'aria-label': 'Bulk actions', hidden: true },
    h('p', {}, count, ' selected'),
    h('div', { class: 'bulk-row' },
      h('div', { class: 'field' }, h('label', { for: trackingId }, 'Tracking number (optional)'), tracking),
      h('div', { class: 'field' }, h('label', { for: carrierId }, 'Carrier (optional)'), carrier),
      shipButton),
    h('div', { class: 'bulk-row' },
      h('div', { class: 'field grow' }, h('label', { for: reasonId }, 'Cancellation reason'), reason),
      cancelButton),
    results);

  return {
    el,
    update() {
      el.hidden = selected.size === 0 && !results.childElementCount;
      count.textContent = `${selected.size} order${selected.size === 1 ? '' : 's'}`;
      shipButton.disabled = cancelButton.disabled = selected.size === 0;
    },
  };
}
