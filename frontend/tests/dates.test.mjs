import assert from 'node:assert/strict';
import { test } from 'node:test';

import { dayProblem, presets, rangeProblems, utcDay } from '../js/dates.js';

const NOW = new Date('2026-03-01T00:30:00Z'); // early in a UTC day, in a month after a short one

test('the presets are UTC days, counted from the UTC day it is', () => {
  assert.deepEqual(presets(NOW), [
    { label: 'Today', from: '2026-03-01', to: '2026-03-01' },
    { label: 'Yesterday', from: '2026-02-28', to: '2026-02-28' },
    { label: 'Last 7 days', from: '2026-02-23', to: '2026-03-01' },
    { label: 'This month', from: '2026-03-01', to: '2026-03-01' },
  ]);
  assert.equal(utcDay(new Date('2026-12-31T23:59:59Z')), '2026-12-31');
});

test('a half-typed or impossible day is refused with words, never sent', () => {
  assert.equal(dayProblem('', 'From', NOW), '');
  assert.equal(dayProblem('2026-02-28', 'From', NOW), '');
  assert.match(dayProblem('0002-01-01', 'From', NOW), /^From: the year must be between 2000 and 2027$/);
  assert.match(dayProblem('0020-01-01', 'To', NOW), /^To: the year/);
  assert.match(dayProblem('2028-01-01', 'To', NOW), /^To: the year/);
  assert.equal(dayProblem('2026-02-30', 'From', NOW), 'From: no such day');
  assert.equal(dayProblem('2026-2-3', 'From', NOW), 'From: enter a whole date');
});

test('a backwards range says which way round it must be; each day is checked first', () => {
  assert.deepEqual(rangeProblems('2026-02-10', '2026-02-01', NOW), ['To is before From: pick a To on or after the From day']);
  assert.deepEqual(rangeProblems('2026-02-01', '2026-02-01', NOW), []);
  assert.deepEqual(rangeProblems('2026-02-01', '', NOW), []);
  assert.deepEqual(rangeProblems('', '', NOW), []);
  assert.equal(rangeProblems('0002-01-01', '0001-01-01', NOW).length, 2);
});
