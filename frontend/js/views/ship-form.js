// Marking one order shipped asks first: its tracking number and carrier (both
// optional), then a confirmation naming what will be recorded.
import { h, uniqueId } from '../dom.js';
import { CARRIER_NAMES, trackingUrl } from '../carriers.js';

/** `onConfirm({tracking_number?, carrier?}, button)`; `onClose()` puts focus back. */
export function shipForm({ orderLabel, onConfirm, onClose }) {
  const id = uniqueId('ship');
  const tracking = h('input', { id: `${id}-tracking`, name: 'tracking_number', maxlength: '100', autocomplete: 'off', spellcheck: 'false' });
  const carrier = h('input', { id: `${id}-carrier`, name: 'carrier', maxlength: '100', autocomplete: 'off', list: `${id}-carriers` });
  const confirmWords = h('p', { class: 'hint', id: `${id}-confirm`, 'aria-live': 'polite' });
  const confirmButton = h('button', { type: 'submit', class: 'button primary', 'aria-describedby': `${id}-confirm` },
    'Confirm: mark shipped');
  const details = () => ({ tracking_number: tracking.value.trim() || undefined, carrier: carrier.value.trim() || undefined });
  const describe = () => {
    const { tracking_number: number, carrier: name } = details();
    confirmWords.textContent = `${orderLabel} will be marked shipped`
      + (number ? ` with tracking ${name ? `${name} ` : ''}${number}${trackingUrl(name, number) ? ' (linked to the carrier)' : ''}.`
        : name ? ` by ${name}, without a tracking number.` : ', without a tracking number or carrier.');
  };
  tracking.addEventListener('input', describe);
  carrier.addEventListener('input', describe);
  describe();
  const form = h('form', {
    class: 'reason-form ship-one', novalidate: true, 'aria-label': 'Mark shipped',
    onsubmit: (event) => {
      event.preventDefault();
      onConfirm(details(), confirmButton);
    },
    onkeydown: (event) => {
      if (event.key === 'Escape') onClose();
    },
  },
  h('label', { for: `${id}-tracking` }, 'Tracking number (optional)'), tracking,
  h('label', { for: `${id}-carrier` }, 'Carrier (optional)'), carrier,
  h('datalist', { id: `${id}-carriers` }, CARRIER_NAMES.map((name) => h('option', { value: name }))),
  confirmWords,
  h('div', { class: 'form-actions' }, confirmButton, h('button', { type: 'button', class: 'button', onclick: () => onClose() }, 'Back')));
  return form;
}
