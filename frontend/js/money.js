// Money is exact: the API sends decimal strings ("2029.97"); we compute in
// integer cents and only turn cents back into strings. Never float arithmetic.
// Cents fit in a JS number exactly up to 2^53 (about 90 trillion dollars),
// far above any order the API's limits allow (see its document).

const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "29.99" -> 2999, "5" -> 500, "5.5" -> 550; null when not an amount. */
export function toCents(text) {
  if (typeof text !== 'string') return null;
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] || '').padEnd(2, '0'));
}

/** 2999 -> "29.99" (what the API accepts for a price). */
export function centsToDecimal(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const SYMBOLS = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** 202997 -> "$2,029.97"; other currencies: "2,029.97 CHF". */
export function formatCents(cents, currency = 'USD') {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${whole}.${String(abs % 100).padStart(2, '0')}`;
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${amount} ${currency || ''}`.trim();
}

/** A decimal string from the API, formatted; falls back to the raw text. */
export function formatAmount(text, currency = 'USD') {
  const cents = toCents(String(text ?? ''));
  return cents === null ? String(text ?? '') : formatCents(cents, currency);
}
