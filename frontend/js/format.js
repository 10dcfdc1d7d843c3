// Shared words and formats: statuses, the allowed transitions, dates.

export const STATUSES = ['pending', 'processing', 'shipped', 'delivered', 'cancelled', 'failed'];
export const EDITABLE = new Set(['pending', 'processing']);

/** The API's lifecycle (order_rules.ALLOWED_TRANSITIONS), for offering only valid actions. */
export const TRANSITIONS = {
  pending: ['processing', 'cancelled', 'failed'],
  processing: ['shipped', 'cancelled', 'failed'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
  failed: ['cancelled'],
};

export function shortId(id) {
  return String(id || '').slice(0, 8);
}

function parse(value) {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeWithSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatDateTime(value) {
  const date = parse(value);
  return date ? dateTime.format(date) : String(value || '—');
}

export function formatTime(value) {
  const date = parse(value);
  if (!date) return String(value || '—');
  return `${timeWithSeconds.format(date)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Local calendar day "YYYY-MM-DD" of a timestamp (for per-day sums). */
export function localDay(value) {
  const date = value instanceof Date ? value : parse(value);
  if (!date) return null;
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "TaskStateEntered" -> "Task state entered" */
export function humanise(type) {
  const words = String(type || '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
