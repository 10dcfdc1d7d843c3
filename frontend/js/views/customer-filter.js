// The orders list's Customer box: type a word of a name or an e-mail, pick
// one of the customers found (the API's GET /customers?q=, from its indexes),
// and the list filters by that customer's id. A pasted id still works as is.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';

const SEARCH_DELAY_MS = 250;
const MATCHES = 8;

/**
 * `onPick(customerId)` runs when a match is chosen. Returns {el, value(),
 * show(id), stop()}: value() is the id to filter by (the one match found for
 * what was typed, else the text as typed, an id pasted).
 */
export function customerFilter({ onPick }) {
  const id = uniqueId('customer');
  const input = h('input', {
    id, name: 'customer', type: 'search', autocomplete: 'off', spellcheck: 'false', maxlength: '100',
    placeholder: 'Name, e-mail or customer ID', 'aria-describedby': `${id}-found`, 'aria-controls': `${id}-matches`,
  });
  const found = h('p', { class: 'muted small picker-status', id: `${id}-found`, 'aria-live': 'polite' });
  const list = h('ul', { class: 'customer-matches', id: `${id}-matches`, 'aria-label': 'Matches found', hidden: true });
  let matches = [];
  let ticket = 0;
  let timer = null;

  function clearMatches() {
    ++ticket;
    clearTimeout(timer);
    matches = [];
    list.hidden = true;
    replaceChildren(list);
    found.textContent = '';
  }

  function pick(customer) {
    clearMatches();
    input.value = customer.customer_id;
    onPick(customer.customer_id);
  }

  async function search() {
    const text = input.value.trim();
    const mine = ++ticket;
    if (text.length < 2) {
      clearMatches();
      return;
    }
    try {
      const customers = await api.findCustomers(text, MATCHES);
      if (mine !== ticket) return;
      matches = customers;
      replaceChildren(list, customers.map((customer) => h('li', {},
        h('button', { type: 'button', class: 'customer-match', onclick: () => pick(customer) },
          `${customer.customer_name} · ${customer.email}`))));
      list.hidden = !customers.length;
      found.textContent = customers.length
        ? `${customers.length} customer${customers.length === 1 ? '' : 's'} found: pick one`
        : `No customer has a name word beginning “${text}” or this e-mail; an id is used as typed`;
    } catch (error) {
      if (mine === ticket) found.textContent = `Could not search customers: ${error.message}`;
    }
  }

  input.addEventListener('input', () => {
    clearMatches(); // matches of what was typed before never stand for what is typed now
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });

  return {
    el: h('div', { class: 'field grow customer-filter' }, h('label', { for: id }, 'Customer'), input, found, list),
    value() {
      const text = input.value.trim();
      return matches.length === 1 && text !== matches[0].customer_id ? matches[0].customer_id : text;
    },
    show(customerId) {
      clearMatches();
      input.value = customerId;
    },
    stop: () => clearMatches(),
  };
}
