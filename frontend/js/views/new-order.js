// Create an order: a customer (picked or typed), lines from the catalog with
// stock shown, an exact live total, and every problem the API finds shown at
// once next to the field its `param` names, in words (words.js).
import { h, replaceChildren, uniqueId } from '../dom.js';
import { api, randomKey } from '../api.js';
import { loadContract, paramPath } from '../contract.js';
import { formatCents, toCents } from '../money.js';
import { orderName, typedNumber, wholeNumberIn } from '../format.js';
import { addFieldError, clearMessages, errorPanel, fieldError, notify, whileBusy } from '../ui.js';
import { describeError, issueWords, issuesOf, sentence } from '../words.js';
import { addressFields } from './address-form.js';

export function newOrderView(ctx) {
  let products = [];
  let customers = [];
  let contract = null; // the API's limits, loaded with the catalog
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
  const nameInput = h('input', { id: nameId, name: 'customer_name', type: 'text', autocomplete: 'name', 'aria-describedby': `${nameId}-error` });
  const nameError = h('p', { class: 'field-error', id: `${nameId}-error`, hidden: true });
  const emailId = uniqueId('customer-email');
  const emailInput = h('input', { id: emailId, name: 'customer_email', type: 'email', autocomplete: 'email', spellcheck: 'false', 'aria-describedby': `${emailId}-error` });
  const emailError = h('p', { class: 'field-error', id: `${emailId}-error`, hidden: true });

  // A searchable picker: the box narrows the list (every customer is read, page by page; no cap).
  const customerFindId = uniqueId('customer-find');
  const customerFind = h('input', { id: customerFindId, type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Type a name, id or e-mail' });
  const existingFields = h('div', { class: 'field' },
    h('label', { for: customerFindId }, 'Find customer'), customerFind,
    h('label', { for: customerSelectId }, 'Customer'), customerSelect, customerSelectError);
  const emailTaken = h('div', { class: 'banner banner-info', hidden: true, role: 'status' });
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

  // ---- shipping address: the chosen customer's default address, editable for this order
  const address = addressFields();
  const addressFieldset = h('div', { class: 'card address-card' }, address.el,
    h('p', { class: 'hint' }, 'Filled from the customer\'s default address; a change here is for this order only. '
      + 'Left empty, the order takes the customer\'s default address.'));
  customerSelect.addEventListener('change', () => {
    const customer = customers.find((c) => c.customer_id === customerSelect.value);
    address.fill(customer ? customer.default_address : null);
  });

  const customerFieldset = h('fieldset', { class: 'card' },
    h('legend', {}, 'Customer'),
    h('div', { class: 'radio-row' },
      h('label', { class: 'radio' }, existingRadio, ' Existing customer'),
      h('label', { class: 'radio' }, newRadio, ' New customer (name and e-mail)')),
    existingFields, newFields, emailTaken);

  function showCustomers(text = '') {
    const wanted = text.trim().toLowerCase();
    const matching = customers.filter((c) => !wanted
      || `${c.customer_name} ${c.customer_id} ${c.email}`.toLowerCase().includes(wanted));
    const chosen = customerSelect.value;
    replaceChildren(customerSelect, h('option', { value: '' }, matching.length ? 'Choose a customer…' : 'No customer matches'),
      matching.map((c) => h('option', { value: c.customer_id }, `${c.customer_name} · ${c.customer_id} · ${c.email}`)));
    if (matching.some((c) => c.customer_id === chosen)) customerSelect.value = chosen;
  }
  customerFind.addEventListener('input', () => showCustomers(customerFind.value));

  /** "New customer" with an e-mail that already has one: show that customer and ask, never attach silently. */
  async function existingOwnerAsked(email) {
    const [owner] = await api.findCustomers(email, 1);
    if (!owner) return false;
    const useOwner = h('button', { type: 'button', class: 'button primary', onclick: () => {
      existingRadio.checked = true;
      syncCustomerMode();
      customerFind.value = '';
      showCustomers();
      customerSelect.value = owner.customer_id;
      customerSelect.dispatchEvent(new Event('change')); // its address fills the form
      emailTaken.hidden = true;
      customerSelect.focus();
    } }, `Use ${owner.customer_name}`);
    replaceChildren(emailTaken, h('p', {}, `${email} already belongs to ${owner.customer_name} (${owner.customer_id}). `
      + 'An order with this e-mail is placed for that customer, under their name.'), useOwner);
    emailTaken.hidden = false;
    return true;
  }

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

  function quantityRange() {
    return contract.range('OrderItem', 'quantity');
  }

  function quantityOf(line) {
    return wholeNumberIn(line.quantityInput.value, quantityRange());
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
    // Repeated products are merged, so more lines than an order can hold products is never useful.
    addLineButton.disabled = lines.length >= contract.maxLines();
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
    const { minimum, maximum } = quantityRange();
    const quantityInput = h('input', {
      id: `${id}-quantity`, name: 'quantity', type: 'number', inputmode: 'numeric', min: String(minimum), max: String(maximum), step: '1',
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
    productSelect.addEventListener('change', () => { clearLineError(line); recompute(); });
    quantityInput.addEventListener('input', () => { clearLineError(line); recompute(); });
    lines.push(line);
    linesBody.append(row);
    recompute();
    return line;
  }

  function clearLineError(line) {
    line.error.textContent = '';
    line.error.hidden = true;
    for (const input of [line.productSelect, line.quantityInput]) input.removeAttribute('aria-invalid');
  }

  const itemsFieldset = h('fieldset', { class: 'card' },
    h('legend', {}, 'Items'),
    linesBody, itemsError,
    h('div', { class: 'lines-footer' }, addLineButton,
      h('p', { class: 'order-total' }, h('span', {}, 'Total '), totalOutput)),
    h('p', { class: 'hint' }, 'Prices come from the catalog; the API computes the final total the same way (exact cents).'));

  // ---- errors from the API, each next to the field its param names
  function clearErrors() {
    formError.hidden = true;
    fieldError(customerSelect, customerSelectError, null);
    fieldError(nameInput, nameError, null);
    fieldError(emailInput, emailError, null);
    itemsError.hidden = true;
    lines.forEach(clearLineError);
  }

  /** Where `param` ("customer_email", "items[1].quantity", "items") is shown: {error, input?, focus?}. */
  function slotFor(param) {
    const [name, index, field] = paramPath(param);
    if (name === 'items' && Number.isInteger(index) && lines[index]) {
      const line = lines[index];
      return { error: line.error, input: field === 'product_id' ? line.productSelect : line.quantityInput };
    }
    const fields = customerMode() === 'new'
      ? { customer_name: [nameInput, nameError], customer_email: [emailInput, emailError] }
      : { customer_id: [customerSelect, customerSelectError] };
    if (fields[name] && index === undefined) return { input: fields[name][0], error: fields[name][1] };
    if (name === 'items') return { error: itemsError, focus: lines[0] ? lines[0].productSelect : addLineButton };
    return null;
  }

  /** product_not_found names no line: the lines whose product has left the catalog are the ones meant. */
  async function onTheirLines(issues) {
    const unplaced = (issue) => issue.code === 'product_not_found' && paramPath(issue.param).length < 2;
    if (!issues.some(unplaced)) return issues;
    let known;
    try {
      known = new Set((await api.products()).map((p) => p.product_id));
    } catch {
      return issues;
    }
    const gone = lines.map((line, index) => (known.has(line.productSelect.value) ? null : index)).filter((i) => i !== null);
    if (!gone.length) return issues;
    return issues.flatMap((issue) => (unplaced(issue)
      ? gone.map((index) => ({ ...issue, param: `items[${index}].product_id` })) : [issue]));
  }

  /** Shows every issue at once; returns the control to focus and the words no field could take. */
  function showIssues(issues, context) {
    let focus = null;
    const placed = [];
    const elsewhere = [];
    for (const issue of issues) {
      const words = issueWords(issue, context);
      const slot = slotFor(issue.param);
      if (!slot) {
        elsewhere.push(words);
        continue;
      }
      addFieldError(slot.error, words, slot.input);
      placed.push(words);
      focus = focus || slot.input || slot.focus;
    }
    const summary = [...elsewhere];
    if (placed.length === 1) summary.push(placed[0]);
    else if (placed.length) summary.push(`${placed.length} problems, each shown next to its field`);
    return { focus, summary: summary.join('; ') };
  }

  function requestSchema() {
    return customerMode() === 'existing' ? 'CreateOrderForCustomer' : 'CreateOrderByEmail';
  }

  function requestBody() {
    // Send what was typed and let the API say what is wrong: one set of rules, the API's.
    const items = lines.map((line) => ({ product_id: line.productSelect.value, quantity: typedNumber(line.quantityInput.value) }));
    const shipping = address.body() ? { shipping_address: address.body() } : {};
    if (customerMode() === 'existing') return { customer_id: customerSelect.value, items, ...shipping };
    return { customer_name: nameInput.value, customer_email: emailInput.value.trim(), items, ...shipping };
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
    emailTaken.hidden = true;
    if (body.customer_email && await existingOwnerAsked(body.customer_email).catch(() => false)) return;
    const bodyText = JSON.stringify(body);
    const key = lastAttempt && lastAttempt.body === bodyText ? lastAttempt.key : randomKey();
    lastAttempt = { body: bodyText, key };
    await whileBusy(submitButton, 'Creating…', async () => {
      try {
        const created = await api.createOrder(body, key);
        lastAttempt = null;
        const note = created.workflow && created.workflow.started === false && created.workflow.reason
          ? ` The workflow did not start: ${created.workflow.reason}` : '';
        notify(`Order ${orderName(created.order)} created for ${created.order.customer_name}, total ${formatCents(toCents(created.order.total_amount), created.order.currency)}.${note}`,
          'success', { carry: true });
        ctx.navigate(`#/orders/${encodeURIComponent(created.order_id)}`);
      } catch (error) {
        const context = { contract, schema: requestSchema(), body };
        const issues = await onTheirLines(issuesOf(error));
        const { focus, summary } = showIssues(issues, context);
        formError.textContent = issues.length
          ? `The order was not created: ${sentence(summary)}` : `The order was not created. ${describeError(error, context)}`;
        formError.hidden = false; // role=alert: announced; each field's words sit next to it
        clearMessages();
        if (focus) focus.focus();
      }
    });
  }

  const form = h('form', { class: 'form order-form', novalidate: true, onsubmit: submit, hidden: true },
    customerFieldset, addressFieldset, itemsFieldset, formError,
    h('div', { class: 'form-actions' }, submitButton, h('a', { class: 'button', href: '#/orders' }, 'Back to orders')));

  async function load() {
    replaceChildren(loadArea, h('p', { class: 'loading' }, 'Loading customers and products…'));
    try {
      [products, customers, contract] = await Promise.all([api.products(), api.customers(), loadContract()]);
    } catch (error) {
      replaceChildren(loadArea, errorPanel(error, load));
      return;
    }
    replaceChildren(loadArea);
    for (const [input, field] of [[nameInput, 'customer_name'], [emailInput, 'customer_email']]) {
      const longest = contract.maxLength('CreateOrderByEmail', field);
      if (longest) input.maxLength = longest;
    }
    customers.sort((a, b) => String(a.customer_name).localeCompare(String(b.customer_name)));
    showCustomers();
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
