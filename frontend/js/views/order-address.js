// An order's shipping address on its page: shown, and editable until the order
// is shipped (the API refuses a change after; If-Match keeps someone else's
// change from being undone).
import { h, replaceChildren } from '../dom.js';
import { api } from '../api.js';
import { addressLines } from '../address.js';
import { notify, whileBusy } from '../ui.js';
import { describeError } from '../words.js';
import { addressFields } from './address-form.js';

const FIXED = new Set(['shipped', 'delivered', 'cancelled']); // the API's ADDRESS_FIXED_STATUSES

export function addressView(address) {
  const lines = addressLines(address);
  if (!lines.length) return h('p', { class: 'muted' }, 'No shipping address.');
  return h('address', { class: 'shipping-address' }, lines.map((line) => h('span', { class: 'address-line' }, line)),
    address.phone ? h('span', { class: 'address-line' }, `Phone: ${address.phone}`) : null);
}

/** `onChanged(order)` gets the order after a saved change. */
export function orderAddress({ orderId, contract, alive, onChanged }) {
  const el = h('section', { class: 'card', 'aria-labelledby': 'address-heading' });
  let order = null;
  let editing = false;

  function editForm() {
    const fields = addressFields({ legend: 'New shipping address' });
    fields.fill(order.shipping_address);
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', class: 'button primary' }, 'Save address');
    const form = h('form', {
      class: 'address-form', novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const body = { shipping_address: fields.body() || {} };
        await whileBusy(save, 'Saving…', async () => {
          try {
            const result = await api.updateOrder(orderId, body, order.version);
            if (!alive()) return;
            editing = false;
            onChanged(result.order);
            notify('Shipping address saved.', 'success');
          } catch (failure) {
            if (!alive()) return;
            error.textContent = describeError(failure, { contract, schema: 'UpdateOrderRequest', body });
            error.hidden = false;
          }
        });
      },
    }, fields.el, error, h('div', { class: 'form-actions' }, save,
      h('button', { type: 'button', class: 'button', onclick: () => { editing = false; render(); } }, 'Back')));
    return { form, fields };
  }

  function render() {
    const editable = !FIXED.has(order.status);
    const editButton = editable && !editing ? h('button', { type: 'button', class: 'button small', onclick: () => {
      editing = true;
      render();
    } }, 'Edit address') : null;
    const edit = editing && editable ? editForm() : null;
    replaceChildren(el,
      h('div', { class: 'card-header' }, h('h2', { id: 'address-heading' }, 'Ship to'), editButton),
      edit ? edit.form : addressView(order.shipping_address),
      editable ? null : h('p', { class: 'hint' }, `The address of a ${order.status} order is kept as it was shipped.`));
    if (edit) edit.fields.focus();
  }

  return {
    el,
    show(next) {
      if (order && next.version === order.version && editing) return; // keep what is being typed
      order = next;
      if (FIXED.has(order.status)) editing = false;
      render();
    },
  };
}
