// The fields of a postal address (the API's Address), for an order's shipping
// address: filled from an address, read back as the body the API takes.
import { h, uniqueId } from '../dom.js';
import { addressBody } from '../address.js';

const FIELDS = [
  ['name', 'Recipient name', 'name'], ['line1', 'Address line 1', 'address-line1'], ['line2', 'Address line 2 (optional)', 'address-line2'],
  ['city', 'City', 'address-level2'], ['region', 'State, province or county (optional)', 'address-level1'],
  ['postal_code', 'Postal code', 'postal-code'], ['country', 'Country code (2 letters, e.g. US, GB)', 'country'],
  ['phone', 'Phone (optional)', 'tel'],
];
const LONGEST = { name: 200, line1: 200, line2: 200, city: 100, region: 100, postal_code: 20, country: 2, phone: 40 };

/** {el, fill(address), body(): the Address to send or null when every field is empty}. */
export function addressFields({ legend = 'Shipping address' } = {}) {
  const id = uniqueId('address');
  const inputs = new Map(FIELDS.map(([field, , autocomplete]) => [field, h('input', {
    id: `${id}-${field}`, name: field, autocomplete: `shipping ${autocomplete}`, maxlength: String(LONGEST[field]),
    spellcheck: 'false', class: field === 'country' ? 'country-input' : null,
  })]));
  const el = h('fieldset', { class: 'address-fields' }, h('legend', {}, legend),
    FIELDS.map(([field, label]) => h('div', { class: `field address-${field.replace('_', '-')}` },
      h('label', { for: `${id}-${field}` }, label), inputs.get(field))));
  return {
    el,
    fill(address) {
      for (const [field, input] of inputs) input.value = (address && address[field]) || '';
    },
    body() {
      const body = addressBody(Object.fromEntries([...inputs].map(([field, input]) => [field, input.value])));
      return Object.keys(body).length ? body : null;
    },
    focus: () => inputs.get('name').focus(),
  };
}
