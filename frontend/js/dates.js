// The list's date filter, in UTC days (the API's created_from/created_to are UTC
// days): presets, and the checks made before any request is sent.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EARLIEST_YEAR = 2000; // no shop's orders are older; "0002" is a half-typed year

/** "2026-12-04" of a Date, in UTC. */
export function utcDay(date) {
  return date.toISOString().slice(0, 10);
}

function shifted(date, days) {
  return new Date(date.getTime() + days * 86400000);
}

/** Today, Yesterday, Last 7 days and This month as {label, from, to}, in UTC days. */
export function presets(now = new Date()) {
  const today = utcDay(now);
  return [
    { label: 'Today', from: today, to: today },
    { label: 'Yesterday', from: utcDay(shifted(now, -1)), to: utcDay(shifted(now, -1)) },
    { label: 'Last 7 days', from: utcDay(shifted(now, -6)), to: today },
    { label: 'This month', from: `${today.slice(0, 8)}01`, to: today },
  ];
}

/** Words for what is wrong with one typed day ('' = fine or empty), `label` naming the field. */
export function dayProblem(value, label, now = new Date()) {
  if (!value) return '';
  const match = DAY.exec(value);
  const latest = now.getUTCFullYear() + 1;
  if (!match) return `${label}: enter a whole date`;
  const year = Number(match[1]);
  if (year < EARLIEST_YEAR || year > latest) return `${label}: the year must be between ${EARLIEST_YEAR} and ${latest}`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || utcDay(date) !== value) return `${label}: no such day`;
  return '';
}

/** Every problem of a range (each day, then the order of the two), [] when it can be asked for. */
export function rangeProblems(from, to, now = new Date()) {
  const problems = [dayProblem(from, 'From', now), dayProblem(to, 'To', now)].filter(Boolean);
  if (!problems.length && from && to && to < from) problems.push('To is before From: pick a To on or after the From day');
  return problems;
}
