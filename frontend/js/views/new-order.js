// Create an order: a customer (picked or typed), lines from the catalog with
// stock shown, an exact live total, and the API's 400 messages placed next to
// the field they name.
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, ApiError, describeError, randomKey } from '../api.js';
import { formatCents, toCents } from '../money.js';
import { clearMessages, errorPanel, fieldError, notify, whileBusy } from '../ui.js';

export function newOrderView(ctx) {
  let products = [];
  let customers = [];
  const lines = []; // {row, productSelect, quantityInput, totalCell, stockNote, error}
  let lastAttempt = null; // {body, key}: a retry of the same body reuses its Idempotency-Key

  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const loadArea = h('div');

  // ---- customer
  const modeName = uniqueId('customer-mode');
  const existingRadio = h('input', { type: 'radio', name: modeName, value: 'existing', id: `${modeName}-existing`, checked: true });
  const newRadio = h('input', { type: 'radio', name: modeName, value: 'new', id: `${modeName}-new` });
  const customerSelectId = uniqueId('customer-id');
  const customerSelect = h('select', { id: customerSelectId, name: 'customer_id', 'aria-describedby': `${customerSelectId}-error` });
  const customerSelectError = h('p', { class: 'field-error', id: `${customerSelectId}-error`, hidden: true });
  const nameId = uniqueId('customer-name');
  const nameInput = h('input', { id: nameId, name: 'customer_name', type: 'text', autocomplete: 'name', maxlength: '200', 'aria-describedby': `${nameId}-error` });
  const nameError = h('p', { class: 'field-error', id: `${nameId}-error`, hidden: true });
  const emailId = uniqueId('customer-email');
  const emailInput = h('input', { id: emailId, name: 'customer_email', type: 'email', autocomplete: 'email', spellcheck: 'false', 'aria-describedby': `${emailId}-error` });
  const emailError = h('p', { class: 'field-error', id: `${emailId}-error`, hidden: true });
  const customerError = h('p', { class: 'field-error', hidden: true, id: uniqueId('customer-error') });

  const existingFields = h('div', { class: 'field' },
    h('label', { for: customerSelectId }, 'Customer'), customerSelect, customerSelectError);
  const newFields = h('div', { class: 'field-row', hidden: true },
    h('div', { class: 'field grow' }, h('label', { for: nameId }, 'Name'), nameInput, nameError),
    h('div', { class: 'field grow' }, h('label', { for: emailId }, 'E-mail'), emailInput, emailError));

  function customerMode() {
    return newRadio.checked ? 'new' : 'existing';
  }
  function syncCustomerMode() {
    existingFields.hidden = customerMode() !== 'existing';
    newFields.hidden = customerMode() !== 'new';
  }
  existingRadio.addEventListener('change', syncCustomerMode);
  newRadio.addEventListener('change', syncCustomerMode);

  const customerFieldset = h('fieldset', { class: 'card' },
    h('legend', {}, 'Customer'),
    h('div', { class: 'radio-row' },
      h('label', { class: 'radio' }, existingRadio, ' Existing customer'),
      h('label', { class: 'radio' }, newRadio, ' New customer (name and e-mail)')),
    existingFields, newFields, customerError);

  // ---- lines
  const linesBody = h('div', { class: 'lines' });
  const itemsError = h('p', { class: 'field-error', hidden: true, id: uniqueId('items-error') });
  const totalOutput = h('output', { class: 'total-amount', 'aria-live': 'polite' }, formatCents(0));
  const addLineButton = h('button', { type: 'button', class: 'button', onclick: () => addLine().productSelect.focus() }, '+ Add line');

  function productById(id) {
    return products.find((p) => p.product_id === id);
  }

  function productOption(product) {
    const stock = product.stock_quantity > 0 ? `${product.stock_quantity} in stock` : 'out of stock';
    return h('option', { value: product.product_id }, `${product.product_name} (${product.product_id}) · ${formatCents(toCents(product.price))} · ${stock}`);
  }

  function quantityOf(line) {
    const text = line.quantityInput.value.trim();
    return /^\d{1,5}$/.test(text) ? Number(text) : null;
  }

  function recompute() {
    let total = 0;
    for (const line of lines) {
      const product = productById(line.productSelect.value);
      const quantity = quantityOf(line);
      const price = product ? toCents(product.price) : null;
      const lineCents = price !== null && quantity !== null ? price * quantity : null;
      line.totalCell.textContent = lineCents === null ? '—' : formatCents(lineCents);
      if (lineCents !== null) total += lineCents;
      const short = product && quantity !== null && quantity > product.stock_quantity;
      line.stockNote.textContent = short
        ? `Only ${product.stock_quantity} in stock: the workflow will mark this order failed unless stock arrives.` : '';
      line.stockNote.hidden = !short;
    }
    totalOutput.textContent = formatCents(total);
    lines.forEach((line, index) => {
      line.number.textContent = `Line ${index + 1}`;
      line.removeButton.disabled = lines.length === 1;
      line.removeButton.setAttribute('aria-label', `Remove line ${index + 1}`);
    });
  }

  function addLine(productId, quantity = 1) {
    const id = uniqueId('line');
    const productSelect = h('select', { id: `${id}-product`, name: 'product_id', 'aria-describedby': `${id}-error ${id}-stock` },
      products.map(productOption));
    if (productId) productSelect.value = productId;
    else {
      // Default to the first product not already on another line.
      const used = new Set(lines.map((l) => l.productSelect.value));
      const free = products.find((p) => !used.has(p.product_id) && p.stock_quantity > 0) || products[0];
      if (free) productSelect.value = free.product_id;
    }
    const quantityInput = h('input', {
      id: `${id}-quantity`, name: 'quantity', type: 'number', inputmode: 'numeric', min: '1', max: '10000', step: '1',
      value: String(quantity), 'aria-describedby': `${id}-error ${id}-stock`,
    });
    const totalCell = h('output', { class: 'line-total', for: `${id}-product ${id}-quantity` }, '—');
    const stockNote = h('p', { class: 'hint warning', id: `${id}-stock`, hidden: true });
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const number = h('span', { class: 'line-number' });
    const removeButton = h('button', { type: 'button', class: 'button small danger-outline' }, 'Remove');
    const row = h('div', { class: 'line', dataset: { line: id } },
      number,
      h('div', { class: 'field grow' }, h('label', { for: `${id}-product` }, 'Product'), productSelect),
      h('div', { class: 'field qty' }, h('label', { for: `${id}-quantity` }, 'Quantity'), quantityInput),
      h('div', { class: 'field line-total-field' }, h('span', { class: 'label' }, 'Line total'), totalCell),
      h('div', { class: 'line-remove' }, removeButton),
      stockNote, error);
    const line = { row, productSelect, quantityInput, totalCell, stockNote, error, number, removeButton };
    removeButton.addEventListener('click', () => {
      const index = lines.indexOf(line);
      lines.splice(index, 1);
      row.remove();
      recompute();
      const neighbour = lines[Math.min(index, lines.length - 1)];
      if (neighbour) neighbour.productSelect.focus();
    });
    productSelect.addEventListener('change', () => { setLineError(line, null); recompute(); });
    quantityInput.addEventListener('input', () => { setLineError(line, null); recompute(); });
    lines.push(line);
    linesBody.append(row);
    recompute();
    return line;
  }

  function setLineError(line, message, field = 'quantity') {
    line.error.textContent = message || '';
    line.error.hidden = !message;
    for (const input of [line.productSelect, line.quantityInput]) input.removeAttribute('aria-invalid');
    if (message) (field === 'product' ? line.productSelect : line.quantityInput).setAttribute('aria-invalid', 'true');
  }

  const itemsFieldset = h('fieldset', { class: 'card' },
    h('legend', {}, 'Items'),
    linesBody, itemsError,
    h('div', { class: 'lines-footer' }, addLineButton,
      h('p', { class: 'order-total' }, h('span', {}, 'Total '), totalOutput)),
    h('p', { class: 'hint' }, 'Prices come from the catalog; the API computes the final total the same way (exact cents).'));

  // ---- errors from the API, placed next to the field they name
  function clearErrors() {
    formError.hidden = true;
    fieldError(customerSelect, customerSelectError, null);
    fieldError(nameInput, nameError, null);
    fieldError(emailInput, emailError, null);
    customerError.hidden = true;
    itemsError.hidden = true;
    lines.forEach((line) => setLineError(line, null));
  }

  function placeError(message) {
    let match = /items\[(\d+)\]\.?(\w+)?/.exec(message);
    if (match && lines[Number(match[1])]) {
      const line = lines[Number(match[1])];
      setLineError(line, message, match[2] === 'product_id' ? 'product' : 'quantity');
      return match[2] === 'product_id' ? line.productSelect : line.quantityInput;
    }
    match = /Product (\S+) not found|quantity for (\S+) must|Insufficient stock for (\S+)/.exec(message);
    const productId = match && (match[1] || match[2] || match[3]);
    const line = productId && lines.find((l) => l.productSelect.value === productId.replace(/[^\w.:-]+$/, ''));
    if (line) {
      setLineError(line, message, match[1] ? 'product' : 'quantity');
      return match[1] ? line.productSelect : line.quantityInput;
    }
    if (/customer_email/.test(message) && customerMode() === 'new') {
      fieldError(emailInput, emailError, message);
      return emailInput;
    }
    if (/customer_name/.test(message) && customerMode() === 'new') {
      fieldError(nameInput, nameError, message);
      return nameInput;
    }
    if (/^Customer .* not found|customer_id/.test(message) && customerMode() === 'existing') {
      fieldError(customerSelect, customerSelectError, message);
      return customerSelect;
    }
    if (/customer/i.test(message)) {
      customerError.textContent = message;
      customerError.hidden = false;
      return customerMode() === 'new' ? nameInput : customerSelect;
    }
    if (/^items|product|order can have/i.test(message)) {
      itemsError.textContent = message;
      itemsError.hidden = false;
      return lines[0] ? lines[0].productSelect : addLineButton;
    }
    return null;
  }

  function requestBody() {
    const items = lines.map((line) => {
      const text = line.quantityInput.value.trim();
      // Send what was typed (as a number when it is one) and let the API say what is wrong.
      const quantity = text === '' ? null : (Number.isFinite(Number(text)) ? Number(text) : text);
      return { product_id: line.productSelect.value, quantity };
    });
    if (customerMode() === 'existing') return { customer_id: customerSelect.value, items };
    return { customer_name: nameInput.value, customer_email: emailInput.value.trim(), items };
  }

  const submitButton = h('button', { type: 'submit', class: 'button primary' }, 'Create order');

  async function submit(event) {
    event.preventDefault();
    clearErrors();
    if (!lines.length) {
      itemsError.textContent = 'Add at least one line.';
      itemsError.hidden = false;
      addLineButton.focus();
      return;
    }
    const body = requestBody();
    const bodyText = JSON.stringify(body);
    const key = lastAttempt && lastAttempt.body === bodyText ? lastAttempt.key : randomKey();
    lastAttempt = { body: bodyText, key };
    await whileBusy(submitButton, 'Creating…', async () => {
      try {
        const created = await api.createOrder(body, key);
        lastAttempt = null;
        const note = created.workflow && created.workflow.started === false && created.workflow.reason
          ? ` The workflow did not start: ${created.workflow.reason}` : '';
        notify(`Order ${created.order_id.slice(0, 8)} created for ${created.order.customer_name}, total ${formatCents(toCents(created.order.total_amount), created.order.currency)}.${note}`,
          'success', { carry: true });
        ctx.navigate(`#/orders/${encodeURIComponent(created.order_id)}`);
      } catch (error) {
        const words = describeError(error);
        const field = error instanceof ApiError && error.status >= 400 && error.status < 500 ? placeError(words) : null;
        formError.textContent = field ? `The order was not created: ${words}` : `The order was not created. ${words}`;
        formError.hidden = false; // role=alert: announced; the field error sits next to the field
        clearMessages();
        if (field) field.focus();
      }
    });
  }

  const form = h('form', { class: 'form order-form', novalidate: true, onsubmit: submit, hidden: true },
    customerFieldset, itemsFieldset, formError,
    h('div', { class: 'form-actions' }, submitButton, h('a', { class: 'button', href: '#/orders' }, 'Back to orders')));

  async function load() {
    replaceChildren(loadArea, h('p', { class: 'loading' }, 'Loading customers and products…'));
    try {
      [products, customers] = await Promise.all([api.products(), api.customers()]);
    } catch (error) {
      replaceChildren(loadArea, errorPanel(error, load));
      return;
    }
    replaceChildren(loadArea);
    customers.sort((a, b) => String(a.customer_name).localeCompare(String(b.customer_name)));
    replaceChildren(customerSelect, customers.map((c) =>
      h('option', { value: c.customer_id }, `${c.customer_name} · ${c.customer_id} · ${c.email}`)));
    if (!customers.length) {
      newRadio.checked = true;
      syncCustomerMode();
    }
    if (!products.length) {
      replaceChildren(loadArea, h('p', { class: 'panel-error' }, 'The catalog has no products yet; add some with POST /products.'));
      return;
    }
    addLine();
    form.hidden = false;
  }

  const el = h('section', { class: 'view' },
    h('div', { class: 'view-header' }, h('h1', {}, 'New order')),
    loadArea, form);
  load();
  return { el };
}
