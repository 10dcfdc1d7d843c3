// Feedback shared by every view: the message bar (an aria-live region),
// status badges, and buttons that show they are busy and always come back.
import { h, replaceChildren, clear } from './dom.js';
import { RUN_WORDS, describeError, statusWords } from './words.js';
import { STATUSES } from './format.js';

let carryOver = false;

function region() {
  return document.getElementById('messages');
}

/** Show one message; `carry` keeps it through the next navigation (e.g. "Order created" then open it). */
export function notify(text, kind = 'info', { carry = false } = {}) {
  carryOver = carry;
  const box = region();
  const message = h('div', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', {}, text),
    h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss message', onclick: () => clear(box) }, '×'));
  replaceChildren(box, message);
}

export function notifyError(error, context) {
  notify(describeError(error, context), 'error');
}

/** An inline error is showing: a stale success message above would contradict it. */
export function clearMessages() {
  clear(region());
}

export function clearMessagesOnNavigate() {
  if (!carryOver) clear(region());
  carryOver = false;
}

/** An order's status in the console's words ("Unfulfilled" for pending); the API's name stays in data-status. */
export function statusBadge(status) {
  const known = STATUSES.includes(status) ? status : 'unknown';
  return h('span', { class: `badge badge-${known}`, dataset: { status: status || 'unknown' } }, statusWords(status));
}

export function executionBadge(status) {
  const known = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'].includes(status) ? status.toLowerCase() : 'unknown';
  return h('span', { class: `badge badge-exec-${known}`, dataset: { status: status || 'unknown' } }, RUN_WORDS[status] || status || 'unknown');
}

/**
 * Run `task` with `button` disabled and labelled `busyLabel`; the button is
 * restored whatever happens, so no action leaves the page stuck.
 */
export async function whileBusy(button, busyLabel, task) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (busyLabel) button.textContent = busyLabel;
  try {
    return await task();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}

/** An inline error block with an optional retry button. */
export function errorPanel(error, retry) {
  return h('div', { class: 'panel-error', role: 'alert' },
    h('p', {}, describeError(error)),
    retry ? h('button', { type: 'button', class: 'button', onclick: retry }, 'Try again') : null);
}

/** The field-error slot for an input: a <p> wired through aria-describedby. */
export function fieldError(input, errorElement, message) {
  errorElement.textContent = message || '';
  errorElement.hidden = !message;
  if (message) markInvalid(input, errorElement);
  else input.removeAttribute('aria-invalid');
}

/** Marks `input` invalid and makes sure it is described by its error slot. */
function markInvalid(input, errorElement) {
  input.setAttribute('aria-invalid', 'true');
  if (!errorElement.id) return;
  const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (!ids.includes(errorElement.id)) input.setAttribute('aria-describedby', [...ids, errorElement.id].join(' '));
}

/**
 * Adds words to an error slot that may already hold some (one line can break
 * several rules, and every problem is shown at once); `input`, if given, is
 * marked invalid.
 */
export function addFieldError(errorElement, message, input) {
  errorElement.textContent = errorElement.hidden || !errorElement.textContent
    ? message : `${errorElement.textContent}; ${message}`;
  errorElement.hidden = false;
  if (input) markInvalid(input, errorElement);
}
