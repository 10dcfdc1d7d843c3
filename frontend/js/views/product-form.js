// A product's details as a form: a new product (id, name, price, initial
// stock, category, description) or an existing one's name, price, category
// and description. A new price is confirmed first (it prices every order
// placed from now on). Every problem the API finds is shown at its field.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api } from '../api.js';
import { formatAmount, toCents } from '../money.js';
import { typedNumber } from '../format.js';
import { addFieldError, clearMessages, whileBusy } from '../ui.js';
import { describeError, issueWords, issuesOf, sentence } from '../words.js';

/**
 * `product`: the product to edit (none: a new one). `onSaved(product)` gets
 * the saved product; `onCancel()` closes a new product's form.
 */
export function productForm({ contract, product = null, onSaved, onCancel }) {
  const creating = product === null;
  const schema = creating ? 'CreateProductRequest' : 'UpdateProductRequest';
  const fields = {};

  function field(name, label, control, hint) {
    const id = uniqueId(name);
    control.id = id;
    control.name = name;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    control.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
    const longest = contract.maxLength(schema, name);
    if (longest && control.tagName !== 'SELECT' && control.type !== 'number') control.maxLength = longest;
    fields[name] = { control, error };
    return h('div', { class: `field${name === 'description' ? ' wide' : ''}` }, h('label', { for: id }, label), control,
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, error);
  }

  const text = (value = '') => h('input', { type: 'text', value, autocomplete: 'off' });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const confirmSlot = h('div');
  const submit = h('button', { type: 'submit', class: 'button primary' }, creating ? 'Add product' : 'Save details');

  const grid = h('div', { class: 'form-grid' },
    creating ? field('product_id', 'Product id or ISBN', text(), 'Letters, digits and dashes, e.g. PROD010 or 978-1492056355') : null,
    field('product_name', 'Name', text(product ? product.product_name : '')),
    field('price', 'Price', h('input', { type: 'text', inputmode: 'decimal', value: product ? product.price : '' }),
      'Such as 29.99'),
    creating ? field('stock_quantity', 'Units in stock', h('input', { type: 'number', min: '0', step: '1', value: '0' })) : null,
    field('category', 'Category', text(product ? product.category : 'general')),
    field('description', 'Description', h('textarea', { rows: '2' }, product ? product.description || '' : '')));

  function clearErrors() {
    formError.hidden = true;
    for (const { control, error } of Object.values(fields)) {
      error.hidden = true;
      error.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  }

  /** What was typed, for the API to judge; an edit sends only what changed. */
  function body() {
    const typed = {};
    for (const [name, { control }] of Object.entries(fields)) {
      typed[name] = name === 'stock_quantity' ? typedNumber(control.value) : control.value.trim();
    }
    if (creating) {
      if (!typed.description) delete typed.description;
      return typed;
    }
    const changed = {};
    if (typed.product_name !== product.product_name) changed.product_name = typed.product_name;
    if (toCents(typed.price) === null || toCents(typed.price) !== toCents(product.price)) changed.price = typed.price;
    if (typed.category !== product.category) changed.category = typed.category;
    if (typed.description !== (product.description || '')) changed.description = typed.description || null;
    return changed;
  }

  function showError(error, sent) {
    const context = { contract, schema, body: sent };
    let focus = null;
    for (const issue of issuesOf(error)) {
      const slot = fields[issue.param];
      if (!slot) continue;
      addFieldError(slot.error, issueWords(issue, context), slot.control);
      focus = focus || slot.control;
    }
    formError.textContent = `${creating ? 'The product was not added' : 'Not saved'}: ${sentence(describeError(error, context))}`;
    formError.hidden = false;
    clearMessages();
    if (focus) focus.focus();
  }

  async function send(sent) {
    try {
      const result = creating ? await api.createProduct(sent) : await api.updateProduct(product.product_id, sent);
      replaceChildren(confirmSlot);
      onSaved(result.product);
    } catch (error) {
      replaceChildren(confirmSlot);
      showError(error, sent);
    }
  }

  /** A new price applies to every order placed from now on: say so and ask first. */
  function confirmPrice(sent) {
    const confirm = h('button', { type: 'button', class: 'button primary' }, 'Change the price');
    const back = h('button', { type: 'button', class: 'button', onclick: () => { replaceChildren(confirmSlot); submit.focus(); } },
      'Back');
    confirm.addEventListener('click', () => whileBusy(confirm, 'Saving…', () => send(sent)));
    replaceChildren(confirmSlot, h('div', { class: 'confirm-panel', role: 'group', 'aria-label': 'Confirm the new price' },
      h('p', {}, h('strong', {}, `Change the price of ${product.product_name} from ${formatAmount(product.price)} `
        + `to ${formatAmount(sent.price)}?`)),
      h('p', { class: 'hint' }, 'Orders placed from now on use the new price; orders already placed keep theirs.'),
      h('div', { class: 'form-actions' }, confirm, back)));
    confirm.focus();
  }

  async function onSubmit(event) {
    event.preventDefault();
    clearErrors();
    replaceChildren(confirmSlot);
    const sent = body();
    if (!creating && !Object.keys(sent).length) {
      formError.textContent = 'Nothing has changed.';
      formError.hidden = false;
      return;
    }
    if (!creating && sent.price !== undefined && toCents(sent.price) !== null) {
      confirmPrice(sent);
      return;
    }
    await whileBusy(submit, creating ? 'Adding…' : 'Saving…', () => send(sent));
  }

  const el = h('form', { class: `card product-form`, novalidate: true, onsubmit: onSubmit,
    'aria-label': creating ? 'New product' : 'Product details' },
  creating ? h('h2', {}, 'New product') : null,
  grid, formError, confirmSlot,
  h('div', { class: 'form-actions' }, submit,
    creating ? h('button', { type: 'button', class: 'button', onclick: () => onCancel() }, 'Cancel') : null));

  return { el, focus: () => Object.values(fields)[0].control.focus() };
}
