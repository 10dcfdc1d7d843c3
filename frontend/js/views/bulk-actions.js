// The selection panel of the list: the count and every selected #number (each
// removable), and what can be done to exactly those orders: ship them, each with
// its own tracking number and carrier (typed, or filled from a pasted
// "#number,tracking" list), cancel them with a reason, or print their packing
// slips or picking list. An action sends the ids the panel lists, in one request
// with an Idempotency-Key kept for the retry of the same action; once it is
// answered those orders leave the selection, and one line per order says what
// was done or why it was refused.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, randomKey } from '../api.js';
import { CARRIER_NAMES } from '../carriers.js';
import { parseTrackingList } from '../tracking-list.js';
import { notify, notifyError, whileBusy } from '../ui.js';
import { printHash } from './print.js';
import { selection } from './selection.js';

const plural = (count) => `${count} order${count === 1 ? '' : 's'}`;

export function bulkActions({ done, navigate }) {
  const carriersId = uniqueId('carriers');
  const count = h('strong', { class: 'bulk-count' });
  const chips = h('ul', { class: 'selected-orders', 'aria-label': 'Selected orders' });
  const results = h('ul', { class: 'bulk-results', 'aria-live': 'polite' });
  const formSlot = h('div');
  const typed = new Map(); // order id -> {tracking, carrier}: kept while the selection changes
  let pending = null; // {body, key}: a retry of the same action reuses its key
  let openForm = null; // 'ship' | 'cancel' | null
  let pasteNotice = ''; // what a pasted list could not fill, shown once in the rebuilt form

  async function run(button, busy, body, entries) {
    const same = pending && JSON.stringify(pending.body) === JSON.stringify(body);
    pending = same ? pending : { body, key: randomKey() };
    const names = new Map(entries.map((entry) => [entry.order_id, entry.name]));
    await whileBusy(button, busy, async () => {
      try {
        const answer = await api.bulkOrders(body, pending.key);
        pending = null;
        replaceChildren(results, answer.results.map((result) => h('li', { class: result.ok ? 'ok' : 'refused' },
          `${names.get(result.order_id) || result.order_id}: ${result.ok ? `now ${result.status}` : result.message}`)));
        notify(`${answer.succeeded} done, ${answer.failed} refused`, answer.failed ? 'error' : 'success');
        for (const entry of entries) typed.delete(entry.order_id);
        openForm = null;
        selection.remove(entries.map((entry) => entry.order_id));
        done();
      } catch (error) {
        notifyError(error, 'Nothing is known to have changed; try again (a retry cannot apply twice)');
      }
    });
  }

  function trackingRow(entry) {
    const values = typed.get(entry.order_id) || { tracking: '', carrier: '' };
    typed.set(entry.order_id, values);
    const tracking = h('input', { name: 'tracking_number', maxlength: '100', autocomplete: 'off', spellcheck: 'false',
      value: values.tracking, placeholder: 'Tracking number', 'aria-label': `Tracking number for ${entry.name}` });
    const carrier = h('input', { name: 'carrier', maxlength: '100', autocomplete: 'off', list: carriersId,
      value: values.carrier, placeholder: 'Carrier', 'aria-label': `Carrier for ${entry.name}` });
    tracking.addEventListener('input', () => { values.tracking = tracking.value; });
    carrier.addEventListener('input', () => { values.carrier = carrier.value; });
    return h('tr', { dataset: { orderId: entry.order_id } },
      h('th', { scope: 'row', class: 'mono' }, entry.name), h('td', {}, tracking), h('td', {}, carrier));
  }

  function shipForm(entries) {
    const pasteId = uniqueId('paste');
    const allCarrierId = uniqueId('all-carrier');
    const paste = h('textarea', { id: pasteId, rows: '3', spellcheck: 'false', 'aria-describedby': `${pasteId}-hint ${pasteId}-problems` });
    const problems = h('p', { class: 'field-error', id: `${pasteId}-problems`, role: 'status', hidden: !pasteNotice }, pasteNotice);
    pasteNotice = '';
    const allCarrier = h('input', { id: allCarrierId, list: carriersId, maxlength: '100', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'button primary' }, `Mark ${plural(entries.length)} shipped`);
    const fill = () => {
      const { found, problems: wrong } = parseTrackingList(paste.value);
      const byNumber = new Map(entries.map((entry) => [entry.name.replace(/^#/, ''), entry]));
      const unknown = [...found.keys()].filter((number) => !byNumber.has(number)).map((number) => `#${number} is not selected`);
      for (const [number, { tracking, carrier }] of found) {
        const entry = byNumber.get(number);
        if (!entry) continue;
        const values = typed.get(entry.order_id);
        values.tracking = tracking;
        if (carrier) values.carrier = carrier;
      }
      const words = [...wrong, ...unknown];
      if (words.length) pasteNotice = `Filled ${found.size - unknown.length} of ${plural(entries.length)}; ${words.join('; ')}.`;
      showForm('ship');
    };
    const applyCarrier = () => {
      for (const entry of entries) {
        const values = typed.get(entry.order_id);
        if (!values.carrier.trim()) values.carrier = allCarrier.value;
      }
      showForm('ship');
    };
    const rows = entries.map(trackingRow);
    return h('form', {
      class: 'ship-form', novalidate: true, 'aria-label': 'Ship the selected orders',
      onsubmit: (event) => {
        event.preventDefault();
        const sent = selection.entries();
        const orderIds = sent.map((entry) => {
          const { tracking = '', carrier = '' } = typed.get(entry.order_id) || {};
          if (!tracking.trim() && !carrier.trim()) return entry.order_id;
          return { order_id: entry.order_id, tracking_number: tracking.trim() || undefined, carrier: carrier.trim() || undefined };
        });
        run(submit, 'Shipping…', { action: 'ship', order_ids: orderIds }, sent);
      },
    },
    h('table', { class: 'ship-table' },
      h('caption', {}, 'Tracking number and carrier of each order (both optional)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Tracking number'),
        h('th', { scope: 'col' }, 'Carrier'))),
      h('tbody', {}, rows)),
    h('div', { class: 'bulk-row' },
      h('div', { class: 'field grow' }, h('label', { for: pasteId }, 'Paste a list: one “#number,tracking” a line'), paste,
        h('p', { class: 'hint', id: `${pasteId}-hint` }, 'A comma, semicolon or tab between; a third column is the carrier.'),
        problems),
      h('button', { type: 'button', class: 'button', onclick: fill }, 'Fill from the list')),
    h('div', { class: 'bulk-row' },
      h('div', { class: 'field' }, h('label', { for: allCarrierId }, 'Carrier for the orders without one'), allCarrier),
      h('button', { type: 'button', class: 'button', onclick: applyCarrier }, 'Use this carrier')),
    h('div', { class: 'form-actions' }, submit,
      h('button', { type: 'button', class: 'button', onclick: () => showForm(null) }, 'Back')));
  }

  function cancelForm(entries) {
    const reasonId = uniqueId('reason');
    const reason = h('input', { id: reasonId, name: 'reason', maxlength: '500', autocomplete: 'off' });
    const submit = h('button', { type: 'submit', class: 'button danger' }, `Cancel ${plural(entries.length)}`);
    return h('form', {
      class: 'cancel-form bulk-row', novalidate: true, 'aria-label': 'Cancel the selected orders',
      onsubmit: (event) => {
        event.preventDefault();
        if (!reason.value.trim()) {
          reason.focus();
          notify('Say why these orders are cancelled (kept in each order\'s history)', 'error');
          return;
        }
        const sent = selection.entries();
        run(submit, 'Cancelling…', { action: 'cancel', order_ids: sent.map((e) => e.order_id), reason: reason.value.trim() }, sent);
      },
    },
    h('div', { class: 'field grow' }, h('label', { for: reasonId }, 'Cancellation reason'), reason),
    submit, h('button', { type: 'button', class: 'button', onclick: () => showForm(null) }, 'Back'));
  }

  function showForm(kind) {
    openForm = selection.size() ? kind : null;
    const entries = selection.entries();
    replaceChildren(formSlot, openForm === 'ship' ? shipForm(entries) : openForm === 'cancel' ? cancelForm(entries) : null);
    shipButton.setAttribute('aria-expanded', String(openForm === 'ship'));
    cancelButton.setAttribute('aria-expanded', String(openForm === 'cancel'));
  }

  function opener(kind) {
    return () => {
      showForm(openForm === kind ? null : kind);
      const first = formSlot.querySelector('input');
      if (first) first.focus();
    };
  }

  const print = (kind) => () => navigate(printHash(kind, selection.ids()));
  const shipButton = h('button', { type: 'button', class: 'button primary', 'aria-expanded': 'false', onclick: opener('ship') }, 'Ship…');
  const cancelButton = h('button', { type: 'button', class: 'button danger-outline', 'aria-expanded': 'false',
    onclick: opener('cancel') }, 'Cancel orders…');
  const slipsButton = h('button', { type: 'button', class: 'button', onclick: print('slips') }, 'Print packing slips');
  const pickingButton = h('button', { type: 'button', class: 'button', onclick: print('picking') }, 'Picking list');
  const clearButton = h('button', { type: 'button', class: 'button small', onclick: () => selection.clear() }, 'Unselect all');
  const buttons = [shipButton, cancelButton, slipsButton, pickingButton, clearButton];

  const el = h('section', { class: 'bulk card', 'aria-label': 'Selected orders and bulk actions' },
    h('div', { class: 'bulk-head' }, h('p', { class: 'bulk-summary' }, count, ' selected'), chips),
    h('div', { class: 'bulk-buttons' }, buttons),
    formSlot, results,
    h('datalist', { id: carriersId }, CARRIER_NAMES.map((name) => h('option', { value: name }))));

  function update() {
    const entries = selection.entries();
    count.textContent = plural(entries.length);
    replaceChildren(chips, entries.length ? entries.map((entry) => h('li', { class: 'chip' },
      h('span', { class: 'mono' }, entry.name),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${entry.name} from the selection`,
        onclick: () => selection.set(entry.order, false) }, '×')))
      : h('li', { class: 'muted small' }, 'None: tick orders below (or press x on one) to ship, cancel or print them.'));
    for (const button of buttons) button.disabled = entries.length === 0;
    el.classList.toggle('is-empty', entries.length === 0); // a phone shows just the count then
    if (openForm) showForm(openForm);
  }

  return { el, update };
}
