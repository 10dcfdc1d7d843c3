import assert from 'node:assert/strict';
import { test } from 'node:test';

import { csvCell, csvText, everyOrder, isoSecond, withDetails } from '../js/csv.js';
import { fakeApi } from './fake-api.mjs';

test('a cell is always quoted, its quotes doubled', () => {
  assert.equal(csvCell('plain'), '"plain"');
  assert.equal(csvCell('say "hi", then go'), '"say ""hi"", then go"');
  assert.equal(csvCell('two\r\nlines'), '"two\r\nlines"');
  assert.equal(csvCell(12), '"12"');
  assert.equal(csvCell(''), '""');
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(undefined), '""');
});

test('a cell a spreadsheet would run as a formula gets a leading apostrophe', () => {
  for (const text of ['=SUM(A1:A9)', '+1', '-1', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")']) {
    assert.equal(csvCell(text), `"'${text.replace(/"/g, '""')}"`, JSON.stringify(text));
  }
  for (const text of ['a=b', 'x+1', 'ACME-1', 'name@example.com', '29.99', ' plain', '\u00a0Ann']) {
    assert.equal(csvCell(text), `"${text}"`, text);
  }
});

test('look-alikes of a formula are made inert too: after any leading whitespace, and in full width', () => {
  const lookAlikes = [' =1+1', '\u00a0=1+1', '\t=1+1', '\u3000+1', '\u200b@cmd', '  -2', '\uff1dSUM(A1)', '\uff0b1',
    '\uff0d1', '\uff20cmd', '\u00a0\uff1d1', '\u22121'];
  for (const text of lookAlikes) {
    assert.equal(csvCell(text), `"'${text}"`, JSON.stringify(text));
  }
});

test('the export: a BOM, a header row, then one CRLF-ended row per order line, money as the API wrote it', () => {
  const order = {
    order_number: 1001, order_id: 'a1b2', created_at: '2026-03-01T12:00:00.123456Z', updated_at: '2026-03-01T12:05:09Z',
    status: 'shipped', customer_id: 'CUST001', customer_name: 'Ann "A" Lee', customer_email: 'ann@example.com',
    shipping_address: { name: 'Zoë Ærø', line1: '1 Rue de l\'Église', line2: null, city: 'Paris', region: null,
      postal_code: '75001', country: 'FR', phone: '+33 1 23' },
    item_count: 3, total_amount: '2029.90', currency: 'USD', tracking_number: 'TRK1', carrier: 'UPS', status_reason: null,
    items: [{ product_id: 'PROD001', product_name: 'Laptop', quantity: 1, price: '1999.99', line_total: '1999.99' },
      { product_id: '9780131103627', product_name: 'C', quantity: 2, price: '14.95', line_total: '29.90' }],
  };
  const text = csvText([order, { order_id: 'c3d4', status: 'pending' }]);
  assert.ok(text.startsWith('\ufeff"Order number"'));
  const lines = text.slice(1).split('\r\n');
  assert.deepEqual(lines, [
    '"Order number","Order id","Created (UTC)","Updated (UTC)","Status","Customer id","Customer","E-mail",'
      + '"Ship to name","Ship to line1","Ship to line2","Ship to city","Ship to region","Ship to postal code",'
      + '"Ship to country","Ship to phone","Items","Total","Currency","Tracking number","Carrier","Reason",'
      + '"Product id","Product","Quantity","Unit price","Line total"',
    '"1001","a1b2","2026-03-01T12:00:00Z","2026-03-01T12:05:09Z","shipped","CUST001","Ann ""A"" Lee","ann@example.com",'
      + '"Zoë Ærø","1 Rue de l\'Église","","Paris","","75001","FR","\'+33 1 23","3","2029.90","USD","TRK1","UPS","",'
      + '"PROD001","Laptop","1","1999.99","1999.99"',
    '"1001","a1b2","2026-03-01T12:00:00Z","2026-03-01T12:05:09Z","shipped","CUST001","Ann ""A"" Lee","ann@example.com",'
      + '"Zoë Ærø","1 Rue de l\'Église","","Paris","","75001","FR","\'+33 1 23","3","2029.90","USD","TRK1","UPS","",'
      + '"9780131103627","C","2","14.95","29.90"',
    `"","c3d4","","","pending",${Array(22).fill('""').join(',')}`,
    '',
  ]);
  assert.equal(csvText([]), `\ufeff${lines[0]}\r\n`);
});

test('timestamps are ISO 8601 in UTC to the second', () => {
  assert.equal(isoSecond('2026-11-25T12:46:24.123456Z'), '2026-11-25T12:46:24Z');
  assert.equal(isoSecond('2026-11-25T13:46:24+01:00'), '2026-11-25T12:46:24Z');
  assert.equal(isoSecond(null), '');
  assert.equal(isoSecond('soon'), 'soon');
});

test('withDetails reads each listed order in full, a few at a time, in the list\'s order', async () => {
  let open = 0;
  let most = 0;
  const fetched = fakeApi(async (url) => {
    open += 1;
    most = Math.max(most, open);
    await new Promise((resolve) => { setTimeout(resolve, 5); });
    open -= 1;
    return [200, { order_id: url.pathname.split('/').pop(), items: [] }];
  });
  const progress = [];
  const ids = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
  const orders = await withDetails(ids.map((order_id) => ({ order_id })), (count) => progress.push(count), 2);
  assert.deepEqual(orders.map((o) => o.order_id), ids);
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
  assert.equal(most, 2);
  assert.deepEqual(fetched.map((url) => url.pathname).sort(), ids.map((id) => `/dev/orders/${id}`));
});

test('everyOrder reads every page of the filtered list, reporting progress', async () => {
  const pages = { '': ['o1', 'o2'], t1: ['o3', 'o4'], t2: ['o5'] };
  const fetched = fakeApi((url) => {
    const token = url.searchParams.get('next_token') || '';
    const next = { '': 't1', t1: 't2', t2: null }[token];
    return [200, { orders: pages[token].map((order_id) => ({ order_id })), next_token: next, pagination: { total: 5 } }];
  });
  const progress = [];
  const orders = await everyOrder({ status: 'shipped', q: '' }, (count, total) => progress.push([count, total]));
  assert.deepEqual(orders.map((o) => o.order_id), ['o1', 'o2', 'o3', 'o4', 'o5']);
  assert.deepEqual(progress, [[2, 5], [4, 5], [5, 5]]);
  assert.deepEqual(fetched.map((url) => url.pathname), ['/dev/orders', '/dev/orders', '/dev/orders']);
  for (const url of fetched) {
    assert.equal(url.searchParams.get('status'), 'shipped');
    assert.equal(url.searchParams.get('limit'), '100');
    assert.equal(url.searchParams.has('q'), false); // empty filters are left out
  }
});

test('everyOrder stops at a failed page with the API\'s message', async () => {
  fakeApi(() => [503, { message: 'Service unavailable', code: 'service_unavailable' }]);
  await assert.rejects(everyOrder({}, () => {}), { name: 'ApiError', status: 503, message: 'Service unavailable' });
});
