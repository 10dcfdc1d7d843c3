// Shared words and formats: statuses, dates, what was typed.
// (The lifecycle and every limit come from the API's document: contract.js.)

/** Every status, in lifecycle order: the list filter, badges and charts. */
export const STATUSES = ['pending', 'processing', 'shipped', 'delivered', 'cancelled', 'failed'];

/** A number field as typed: a number when it is one, else the text (the API says what is wrong), null when empty. */
export function typedNumber(text) {
  const value = String(text ?? '').trim();
  if (value === '') return null;
  return Number.isFinite(Number(value)) ? Number(value) : value;
}

/** A whole number typed within [minimum, maximum], else null. */
export function wholeNumberIn(text, { minimum, maximum }) {
  const value = typedNumber(text);
  return Number.isInteger(value) && value >= minimum && value <= maximum ? value : null;
}

export function shortId(id) {
  return String(id || '').slice(0, 8);
}

function parse(value) {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

// One time zone everywhere, UTC (the API's days: the list's date filter, the dashboard), and said.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

/** "3 minutes ago", from now. */
export function relativeTime(value, now = Date.now()) {
  const date = parse(value);
  if (!date) return '';
  const seconds = (date.getTime() - now) / 1000;
  const unitOf = (amount) => UNITS.find(([, length]) => amount >= length) || UNITS[UNITS.length - 1];
  // Rounded in its own unit first, so 59 min 40 s reads "1 hour", not "60 minutes";
  // halves round away from now on both sides ("2 minutes ago", "in 2 minutes").
  const [, step] = unitOf(Math.abs(seconds));
  const rounded = Math.round(Math.abs(seconds) / step) * step;
  const [unit, size] = unitOf(rounded);
  return relative.format(Math.sign(seconds) * (rounded / size), unit);
}

/** "#1001" for orders with a number, else the id's first characters. */
export function orderName(order) {
  return order.order_number ? `#${order.order_number}` : shortId(order.order_id);
}
const timeWithSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' });

/** Date and time to the second in UTC, with how long ago: "Nov 25, 2026, 6:53:12 PM UTC · 3 minutes ago". */
export function formatDateTime(value) {
  const date = parse(value);
  return date ? `${dateTime.format(date)} UTC · ${relativeTime(date)}` : String(value || '—');
}

export function formatTime(value) {
  const date = parse(value);
  if (!date) return String(value || '—');
  return `${timeWithSeconds.format(date)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** "TaskStateEntered" -> "Task state entered" */
export function humanise(type) {
  const words = String(type || '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
