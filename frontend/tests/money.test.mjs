import assert from 'node:assert/strict';
import { test } from 'node:test';

import { centsToDecimal, formatAmount, formatCents, toCents } from '../js/money.js';

test('toCents reads the API\'s decimal strings exactly, in whole cents', () => {
  assert.equal(toCents('29.99'), 2999);
  assert.equal(toCents('5'), 500);
  assert.equal(toCents('5.5'), 550);
  assert.equal(toCents('0.07'), 7);
  assert.equal(toCents(' 12.30 '), 1230);
  assert.equal(toCents('1000000.00'), 100000000);
  // The largest amount it reads (13 whole digits) is still an exact integer of cents.
  assert.equal(toCents('9999999999999.99'), 999999999999999);
});

test('toCents refuses what is not an amount', () => {
  for (const text of ['', ' ', '.5', '5.', '1.234', '-1.00', '+1', '1e3', '1,000.00', '12345678901234', 'abc', '٣.٠٠']) {
    assert.equal(toCents(text), null, text);
  }
  for (const value of [5, null, undefined, {}]) assert.equal(toCents(value), null, String(value));
});

test('centsToDecimal writes what the API accepts for a price', () => {
  assert.equal(centsToDecimal(2999), '29.99');
  assert.equal(centsToDecimal(5), '0.05');
  assert.equal(centsToDecimal(0), '0.00');
  assert.equal(centsToDecimal(100000000), '1000000.00');
  assert.equal(centsToDecimal(-150), '-1.50');
  for (const text of ['0.01', '29.99', '1000000.00', '123456.70']) assert.equal(centsToDecimal(toCents(text)), text);
});

test('formatCents groups thousands and places the currency', () => {
  assert.equal(formatCents(202997), '$2,029.97');
  assert.equal(formatCents(202997, 'EUR'), '€2,029.97');
  assert.equal(formatCents(202997, 'GBP'), '£2,029.97');
  assert.equal(formatCents(202997, 'CHF'), '2,029.97 CHF');
  assert.equal(formatCents(5, ''), '0.05');
  assert.equal(formatCents(0), '$0.00');
  assert.equal(formatCents(99999999999), '$999,999,999.99');
  assert.equal(formatCents(-5), '-$0.05');
  assert.equal(formatCents(-123456, 'CHF'), '-1,234.56 CHF');
});

test('formatAmount formats an amount and shows anything else as it came', () => {
  assert.equal(formatAmount('2029.97'), '$2,029.97');
  assert.equal(formatAmount('2029.97', 'EUR'), '€2,029.97');
  assert.equal(formatAmount('not money'), 'not money');
  assert.equal(formatAmount(null), '');
  assert.equal(formatAmount(undefined), '');
});
