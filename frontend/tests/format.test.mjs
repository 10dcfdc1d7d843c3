import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  STATUSES, formatDateTime, formatTime, humanise, orderName, relativeTime, shortId, typedNumber, wholeNumberIn,
} from '../js/format.js';

test('the statuses are listed in lifecycle order', () => {
  assert.deepEqual(STATUSES, ['pending', 'processing', 'shipped', 'delivered', 'cancelled', 'failed']);
});

test('typedNumber gives a number, the text the API should judge, or null when empty', () => {
  assert.equal(typedNumber('5'), 5);
  assert.equal(typedNumber(' 12 '), 12);
  assert.equal(typedNumber('2.5'), 2.5);
  assert.equal(typedNumber('-3'), -3);
  assert.equal(typedNumber('ten'), 'ten');
  assert.equal(typedNumber('Infinity'), 'Infinity');
  assert.equal(typedNumber('5,5'), '5,5');
  for (const empty of ['', '   ', null, undefined]) assert.equal(typedNumber(empty), null);
});

test('wholeNumberIn accepts whole numbers inside the range only', () => {
  const range = { minimum: 1, maximum: 10000 };
  assert.equal(wholeNumberIn('1', range), 1);
  assert.equal(wholeNumberIn(' 10000 ', range), 10000);
  for (const text of ['0', '10001', '2.5', '-1', 'two', '', null]) assert.equal(wholeNumberIn(text, range), null, text);
});

test('orders are named by number, else by the start of their id', () => {
  assert.equal(orderName({ order_number: 1001, order_id: 'a1b2c3d4-e5f6' }), '#1001');
  assert.equal(orderName({ order_number: null, order_id: 'a1b2c3d4-e5f6' }), 'a1b2c3d4');
  assert.equal(shortId('a1b2c3d4-e5f6-4711'), 'a1b2c3d4');
  assert.equal(shortId('abc'), 'abc');
  assert.equal(shortId(null), '');
});

test('relativeTime picks the largest whole unit', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const at = (seconds) => relativeTime(new Date(now + seconds * 1000).toISOString(), now);
  assert.equal(at(0), words.format(0, 'second'));
  assert.equal(at(-30), words.format(-30, 'second'));
  assert.equal(at(-180), words.format(-3, 'minute'));
  assert.equal(at(-2 * 3600), words.format(-2, 'hour'));
  assert.equal(at(-3 * 86400), words.format(-3, 'day'));
  assert.equal(at(45 * 60), words.format(45, 'minute'));
  assert.equal(at(-45 * 60), words.format(-45, 'minute'));
});

test('relativeTime never says "60 minutes" or "24 hours", and rounds halves the same way both sides of now', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const at = (seconds) => relativeTime(new Date(now + seconds * 1000), now);
  assert.equal(at(-59.7), words.format(-1, 'minute'));
  assert.equal(at(-3575), words.format(-1, 'hour'));
  assert.equal(at(3575), words.format(1, 'hour'));
  assert.equal(at(-86000), words.format(-1, 'day'));
  assert.equal(at(-90), words.format(-2, 'minute'));
  assert.equal(at(90), words.format(2, 'minute'));
});

test('relativeTime of something that is not a time is empty', () => {
  for (const value of [null, undefined, '', 'yesterday-ish']) assert.equal(relativeTime(value), '');
});

test('times are shown in full with how long ago, or as they came when they are not times', () => {
  const shown = formatDateTime('2026-03-01T12:00:00Z');
  assert.ok(shown.endsWith(` · ${relativeTime('2026-03-01T12:00:00Z')}`), shown);
  assert.ok(shown.includes('2026'), shown);
  assert.match(formatDateTime('2026-03-01T23:30:00Z'), /(11:30:00\sPM|23:30:00) UTC · /, 'in UTC whatever the zone');
  assert.equal(formatDateTime('not a time'), 'not a time');
  assert.equal(formatDateTime(null), '—');
  assert.ok(formatTime('2026-03-01T12:00:00.042Z').endsWith('.042'));
  assert.equal(formatTime('not a time'), 'not a time');
  assert.equal(formatTime(''), '—');
});

test('humanise turns an event type into words', () => {
  assert.equal(humanise('TaskStateEntered'), 'Task state entered');
  assert.equal(humanise('ExecutionSucceeded'), 'Execution succeeded');
  assert.equal(humanise(''), '');
  assert.equal(humanise(null), '');
});
