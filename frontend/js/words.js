// What went wrong, in words for operators. An API error is worded from its
// machine-readable parts (code, the field at fault in `param`, the value that
// was sent) and the limits the contract publishes; the API's own message is
// only the fallback for codes not worded here.
import { ApiError } from './api.js';
import { formatNumber, paramPath } from './contract.js';

/**
 * Every issue of a refused request as [{code, param, message}]; [] for other
 * failures (no answer, 5xx, or 403, where the key rather than the request is at fault).
 */
export function issuesOf(error) {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500 || error.status === 403) return [];
  const body = error.body && typeof error.body === 'object' ? error.body : null;
  if (!body || typeof body.code !== 'string') return [];
  if (Array.isArray(body.errors) && body.errors.length) return body.errors;
  return [{ code: body.code, param: body.param ?? null, message: body.message }];
}

/** The value a request body held at `param` ("items[1].quantity"). */
function valueAt(body, param) {
  let value = body;
  for (const step of paramPath(param)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[step];
  }
  return value;
}

/** The API's field names as the forms call them. */
const FIELDS = {
  customer_id: { label: 'Customer', missing: 'Choose a customer', invalid: () => 'Choose a customer from the list' },
  customer_name: { label: 'Name', missing: 'Enter the customer’s name' },
  customer_email: { label: 'E-mail', missing: 'Enter an e-mail address', invalid: () => 'Enter a valid e-mail address' },
  product_id: { label: 'Product', missing: 'Choose a product', invalid: () => 'Choose a product from the list' },
  quantity: { label: 'Quantity', missing: 'Enter a quantity' },
  price: { label: 'Unit price', missing: 'Enter a unit price', invalid: (example) => `Enter a unit price such as ${example}` },
  reason: { label: 'Reason', missing: 'Enter a reason' },
  status: { label: 'Status', missing: 'Choose a status' },
  items: { label: 'Items', missing: 'Add at least one line' },
};

function fieldOf(param) {
  const name = paramPath(param).filter((step) => typeof step === 'string').pop();
  return FIELDS[name] || { label: name ? `The field ${name}` : 'A value', missing: `Enter ${name || 'a value'}` };
}

function characters(text) {
  return [...text].length; // code points, as the API counts them
}

/** invalid_value: which published rule the sent value broke. */
function invalidValue(issue, { contract, schema: component, body }) {
  const schema = contract && component ? contract.field(component, issue.param) : null;
  if (!schema) return null;
  const field = fieldOf(issue.param);
  const value = valueAt(body, issue.param);
  if (schema.type === 'integer' && schema.minimum !== undefined && schema.maximum !== undefined) {
    const range = `between ${formatNumber(schema.minimum)} and ${formatNumber(schema.maximum)}`;
    return Number.isInteger(value) ? `${field.label} must be ${range}` : `${field.label} must be a whole number ${range}`;
  }
  if (schema.type === 'array') {
    return Array.isArray(value) && schema.maxItems !== undefined && value.length > schema.maxItems
      ? `At most ${formatNumber(schema.maxItems)} lines` : field.missing;
  }
  if (Array.isArray(schema.enum)) return `${field.label} must be one of: ${schema.enum.join(', ')}`;
  if (schema.type !== 'string') return null;
  if (typeof value === 'string' && schema.maxLength !== undefined && characters(value) > schema.maxLength) {
    return `${field.label} can be at most ${formatNumber(schema.maxLength)} characters`;
  }
  if (typeof value !== 'string' || !value.trim()) return field.missing;
  const example = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  if (example !== undefined) return field.invalid ? field.invalid(example) : `Enter a valid value such as ${example}`;
  return `${field.label} cannot contain control or text-direction characters`;
}

const CODES = {
  missing_field: (issue) => fieldOf(issue.param).missing,
  invalid_value: invalidValue,
  product_not_found: (issue) => (paramPath(issue.param).pop() === 'product_id'
    ? 'This product does not exist' : 'A product on this order does not exist (any more)'),
  customer_not_found: () => 'This customer does not exist',
  quantity_too_large: (issue, { contract }) => contract
    && `Lines of the same product add up to more than ${formatNumber(contract.range('OrderItem', 'quantity').maximum)}`,
  too_many_products: (issue, { contract }) => contract
    && `An order can hold at most ${formatNumber(contract.maxLines())} different products`,
  empty_order: () => 'An order must keep at least one line; cancel the order instead',
  version_mismatch: () => 'Someone else changed this order after you opened it: reload it and retry',
  invalid_transition: () => 'The order’s status does not allow this (any more): reload it to see where it is now',
  not_editable: () => 'The items of this order can no longer change: reload it to see where it is now',
  changed_concurrently: () => 'The order kept changing while this was saved; try again',
  history_full: () => 'This order has reached its limit of changes',
  reason_required: () => 'Give a reason for this change of money',
  already_exists: (issue) => (issue.param === 'email' ? 'Another customer has this e-mail address' : issue.message),
  idempotency_in_progress: () => 'The same request is still being processed; wait a moment and reload before trying again',
};

/**
 * Words for one issue. `context` says what was sent: `schema`, the name of
 * the contract's component the body follows ("CreateOrderByEmail"), `body`,
 * and the loaded `contract`; without them, codes that need limits fall back
 * to the API's message.
 */
export function issueWords(issue, context = {}) {
  const words = CODES[issue.code] ? CODES[issue.code](issue, context) : null;
  return words || issue.message || 'The API refused the request';
}

/** Words for any error, with a hint where the words alone are not enough. */
export function describeError(error, context = {}) {
  if (!(error instanceof ApiError)) return `Something went wrong in this page: ${error && error.message}`;
  if (error.status === 403) {
    return `${error.message}: the API refused the key (or it lacks permission for this). Use “Change connection” to enter another key.`;
  }
  if (error.status >= 500) {
    const requestId = error.body && error.body.request_id ? ` (request ${error.body.request_id})` : '';
    return `${error.message}${requestId}. Try again in a moment.`;
  }
  const issues = issuesOf(error);
  return issues.length ? issues.map((issue) => issueWords(issue, context)).join('; ') : error.message;
}

/** Words ending as a sentence ends (a period unless they already end in one). */
export function sentence(words) {
  const text = String(words).trim();
  return ['.', '!', '?', '…'].some((mark) => text.endsWith(mark)) ? text : `${text}.`;
}

/**
 * Who acted, as an operator reads it: an actor object's name
 * ({type, id, name}), or the text older entries carry.
 */
export function actorName(actor) {
  if (actor && typeof actor === 'object') return actor.name || actor.id || 'someone';
  return actor ? String(actor) : 'someone';
}

/** Statuses as the whole console names them (the list's tabs, the dashboard, its links). */
export const STATUS_WORDS = {
  pending: 'Unfulfilled', processing: 'Processing', shipped: 'Shipped', delivered: 'Delivered', cancelled: 'Cancelled', failed: 'Failed',
};

export function statusWords(status) {
  return STATUS_WORDS[status] || String(status || 'unknown');
}

/**
 * The order workflow's steps in plain words (the state machine's names stay
 * behind a details toggle for support).
 */
export const WORKFLOW_STEPS = {
  ReserveStock: 'Reserve the stock',
  WhyCancelled: 'Check why the reservation stopped',
  CountConflict: 'Count a clash with another order',
  TooManyConflicts: 'Check for too many clashes',
  WaitAfterConflict: 'Wait before trying again',
  MarkFailed: 'Mark the order failed',
  OrderNoLongerPending: 'Stop: the order changed meanwhile',
  OrderFailed: 'Failed',
};

export function workflowStepWords(name) {
  return WORKFLOW_STEPS[name] || String(name || '');
}

/** A workflow run's status: "Running", "Finished", "Failed", … */
export const RUN_WORDS = { RUNNING: 'Running', SUCCEEDED: 'Finished', FAILED: 'Failed', TIMED_OUT: 'Timed out', ABORTED: 'Stopped' };
