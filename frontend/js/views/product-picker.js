// A product chosen by typing: the box finds products by a word of the name or
// the start of the id/ISBN (the API's ?q=, from its indexes); the list below
// it shows each match with its price and stock, out-of-stock ones marked.
// Typing picks the first match, so "type, then Tab on" is enough.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatAmount } from '../money.js';

const SEARCH_DELAY_MS = 200;
const MATCHES = 25;

export function stockWords(product) {
  return product.stock_quantity > 0 ? `${product.stock_quantity} in stock` : 'out of stock';
}

export function productOptionText(product) {
  return `${product.product_name} (${product.product_id}) · ${formatAmount(product.price)} · ${stockWords(product)}`;
}

/**
 * `known`: a Map id -> product the caller shares (the catalog as loaded;
 * matches found here refresh it). `available()` narrows what may be chosen
 * (e.g. not a product already on the order); `onChange()` runs when the
 * chosen product changes. Returns {el, select, find, value(), set(id), refresh()}.
 */
export function productPicker({ known, label = 'Product', available = (list) => list, onChange = () => {}, describedBy, chosen }) {
  const id = uniqueId('product');
  const find = h('input', {
    id: `${id}-find`, type: 'search', autocomplete: 'off', spellcheck: 'false', class: 'picker-find',
    placeholder: 'Type to find', 'aria-controls': `${id}-select`,
  });
  const select = h('select', { id: `${id}-select`, name: 'product_id', 'aria-describedby': describedBy || null });
  const status = h('p', { class: 'muted small picker-status', 'aria-live': 'polite' });
  const el = h('div', { class: 'field grow picker' },
    h('label', { for: find.id }, 'Find by name, id or ISBN'), find,
    h('label', { for: select.id }, label), select, status);
  let matches = null; // null: no search typed, every known product is offered
  let ticket = 0;
  let timer = null;
  let ready = false; // the first fill chooses without telling

  function fill() {
    const before = select.value;
    const offered = available(matches || [...known.values()]);
    replaceChildren(select, offered.length
      ? offered.map((product) => h('option', { value: product.product_id, dataset: { stock: String(product.stock_quantity) } },
        productOptionText(product)))
      : h('option', { value: '' }, matches ? 'No product matches' : 'No product to add'));
    if (offered.some((product) => product.product_id === before)) select.value = before;
    if (ready && select.value !== before) onChange();
  }

  async function search() {
    const text = find.value.trim();
    const mine = ++ticket;
    if (!text) {
      matches = null;
      status.textContent = '';
      fill();
      return;
    }
    try {
      const found = await api.findProducts(text, MATCHES);
      if (mine !== ticket) return;
      for (const product of found) known.set(product.product_id, product);
      matches = found;
      status.textContent = found.length ? `${found.length} found` : `No product has a name word or id beginning “${text}”`;
      fill();
    } catch (error) {
      if (mine === ticket) status.textContent = `Could not search: ${error.message}`;
    }
  }

  find.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });
  find.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { // the form is not sent from the search box: Enter searches now
      event.preventDefault();
      clearTimeout(timer);
      search();
    }
  });
  select.addEventListener('change', () => onChange());

  fill();
  if (chosen && known.has(chosen)) select.value = chosen;
  ready = true;
  return {
    el, select, find,
    value: () => select.value,
    product: () => known.get(select.value) || null,
    /** Offer again what is available (after the lines changed). */
    refresh: fill,
  };
}
