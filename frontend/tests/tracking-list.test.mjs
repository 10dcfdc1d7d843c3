import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseTrackingList } from '../js/tracking-list.js';

test('a pasted two-column list gives each order number its tracking number', () => {
  const { found, problems } = parseTrackingList('#1001,1Z999AA1\r\n1002;9400111\n\n#1003\tJD0146 , DHL\n');
  assert.deepEqual([...found], [['1001', { tracking: '1Z999AA1', carrier: '' }], ['1002', { tracking: '9400111', carrier: '' }],
    ['1003', { tracking: 'JD0146', carrier: 'DHL' }]]);
  assert.deepEqual(problems, []);
});

test('a header row is skipped; a line that is not "#number,tracking" is named', () => {
  const { found, problems } = parseTrackingList('Order,Tracking\n#1001,T1\nhello\n#1002\n#10x3,T3');
  assert.deepEqual([...found.keys()], ['1001']);
  assert.deepEqual(problems, ['line 3 (“hello”) is not “#number,tracking”', 'line 4 (“#1002”) is not “#number,tracking”',
    'line 5 (“#10x3,T3”) is not “#number,tracking”']);
});

test('an order listed twice keeps the last tracking number and says so', () => {
  const { found, problems } = parseTrackingList('#1001,A\n#1001,B');
  assert.equal(found.get('1001').tracking, 'B');
  assert.deepEqual(problems, ['line 2: #1001 is listed twice; the last one is kept']);
});
