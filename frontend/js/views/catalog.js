// The catalog: every product with its price and stock, low stock highlighted
// (the threshold is this console's setting, kept in the browser), found by a
// word of the name or the start of the id/ISBN, and a form to add a product.
// The search lives in the hash (#/catalog?q=), so Back returns to it.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { loadContract } from '../contract.js';
import { formatAmount } from '../money.js';
import { errorPanel, notify, whileBusy } from '../ui.js';
import { productForm } from './product-form.js';

const THRESHOLD_KEY = 'oms.lowStockThreshold';
export const DEFAULT_LOW_STOCK = 5;

/** Products with this many units or fewer are low on stock (this console's setting). */
export function lowStockThreshold() {
  const saved = Number.parseInt(localStorage.getItem(THRESHOLD_KEY), 10);
  return Number.isInteger(saved) && saved >= 0 ? saved : DEFAULT_LOW_STOCK;
}

/** "Out of stock" / "Low stock" / null, as the catalog and a product's page say it. */
export function stockLevel(product, threshold = lowStockThreshold()) {
  if (product.stock_quantity <= 0) return 'Out of stock';
  return product.stock_quantity <= threshold ? 'Low stock' : null;
}

export function productHash(productId, params = {}) {
  const query = new URLSearchParams(params).toString();
  return `#/catalog/${encodeURIComponent(productId)}${query ? `?${query}` : ''}`;
}

function productRow(product, threshold) {
  const level = stockLevel(product, threshold);
  return h('tr', { class: level ? 'stock-low' : null, dataset: { productId: product.product_id } },
    h('td', { 'data-label': 'Product' }, h('div', { class: 'stack' },
      h('a', { href: productHash(product.product_id), class: 'product-link' }, product.product_name),
      h('span', { class: 'muted small mono' }, product.product_id))),
    h('td', { 'data-label': 'Category' }, product.category),
    h('td', { 'data-label': 'Price', class: 'num' }, formatAmount(product.price)),
    h('td', { 'data-label': 'In stock', class: 'num' }, h('span', { class: 'stock-figure' }, String(product.stock_quantity)),
      level ? h('span', { class: `tag ${product.stock_quantity <= 0 ? 'tag-danger' : 'tag-warning'}` }, level) : null));
}

export function catalogView(ctx) {
  let products = [];
  const listArea = h('div', { 'aria-live': 'polite' });
  const summary = h('p', { class: 'list-summary' });
  const searchId = uniqueId('catalog-search');
  const search = h('input', { id: searchId, type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'A word of the name, an id or ISBN', value: ctx.params.get('q') || '' });
  const thresholdId = uniqueId('low-stock');
  const threshold = h('input', { id: thresholdId, type: 'number', min: '0', step: '1', class: 'num-input',
    value: String(lowStockThreshold()), 'aria-describedby': `${thresholdId}-hint` });
  const createSlot = h('div');
  const newButton = h('button', { type: 'button', class: 'button primary', 'aria-expanded': 'false' }, 'New product');

  function show() {
    const limit = lowStockThreshold();
    const low = products.filter((p) => stockLevel(p, limit)).length;
    summary.textContent = `${products.length} product${products.length === 1 ? '' : 's'}`
      + `${low ? `, ${low} low or out of stock` : ''}.`;
    replaceChildren(listArea, h('div', { class: 'table-wrap' },
      h('table', { class: 'catalog-table' },
        h('caption', { class: 'visually-hidden' }, 'Products'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'Category'),
          h('th', { scope: 'col', class: 'num' }, 'Price'), h('th', { scope: 'col', class: 'num' }, 'In stock'))),
        h('tbody', {}, products.length ? products.map((p) => productRow(p, limit))
          : h('tr', { class: 'empty' }, h('td', { colspan: '4' }, search.value.trim()
            ? 'No product has a name word, id or ISBN beginning with this.' : 'The catalog has no products yet.'))))));
  }

  let ticket = 0; // an answer to an earlier search that arrives late is dropped
  async function load() {
    const q = search.value.trim();
    const mine = ++ticket;
    listArea.setAttribute('aria-busy', 'true');
    try {
      const found = q ? await api.findProducts(q, 100) : await api.products();
      if (mine !== ticket) return;
      products = found;
      show();
    } catch (error) {
      if (mine === ticket) replaceChildren(listArea, errorPanel(error, load));
    } finally {
      if (mine === ticket) listArea.removeAttribute('aria-busy');
    }
  }

  const searchForm = h('form', { class: 'filters', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const q = search.value.trim();
    ctx.navigate(`#/catalog${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  } },
  h('div', { class: 'field grow' }, h('label', { for: searchId }, 'Find a product'), search),
  h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'button' }, 'Search')),
  h('div', { class: 'field' }, h('label', { for: thresholdId }, 'Low stock at or below'), threshold,
    h('p', { class: 'hint', id: `${thresholdId}-hint` }, 'Kept in this browser.')));

  threshold.addEventListener('change', () => {
    const value = Number.parseInt(threshold.value, 10);
    if (!Number.isInteger(value) || value < 0) {
      threshold.value = String(lowStockThreshold());
      return;
    }
    localStorage.setItem(THRESHOLD_KEY, String(value));
    show();
  });

  newButton.addEventListener('click', async () => {
    if (createSlot.firstChild) {
      replaceChildren(createSlot);
      newButton.setAttribute('aria-expanded', 'false');
      return;
    }
    const contract = await loadContract();
    const form = productForm({
      contract,
      onSaved: (created) => {
        notify(`Product ${created.product_name} (${created.product_id}) added.`, 'success', { carry: true });
        ctx.navigate(productHash(created.product_id));
      },
      onCancel: () => {
        replaceChildren(createSlot);
        newButton.setAttribute('aria-expanded', 'false');
        newButton.focus();
      },
    });
    replaceChildren(createSlot, form.el);
    newButton.setAttribute('aria-expanded', 'true');
    form.focus();
  });

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' }, h('h1', {}, 'Catalog'), h('div', { class: 'header-actions' }, newButton)),
    createSlot, searchForm, summary, listArea);
  load();
  return {
    el,
    update(params) {
      search.value = params.get('q') || '';
      whileBusy(searchForm.querySelector('button'), 'Searching…', load);
    },
  };
}
