import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pickingList } from '../js/picking.js';

const name = (order) => `#${order.order_number}`;

test('the picking list sums each product over the orders, sorted by product, with the orders it goes to', () => {
  const orders = [
    { order_number: '1001', items: [{ product_id: 'B-2', product_name: 'Mouse', quantity: 2 },
      { product_id: '9780131103627', product_name: 'C Book', quantity: 1 }] },
    { order_number: '1002', items: [{ product_id: 'B-2', product_name: 'Mouse', quantity: 3 }] },
    { order_number: '1003', items: [{ product_id: 'A-1', product_name: 'Mouse', quantity: 1 }] },
  ];
  assert.deepEqual(pickingList(orders, name), [
    { product_id: '9780131103627', product_name: 'C Book', quantity: 1, orders: ['#1001'] },
    { product_id: 'A-1', product_name: 'Mouse', quantity: 1, orders: ['#1003'] },
    { product_id: 'B-2', product_name: 'Mouse', quantity: 5, orders: ['#1001', '#1002'] },
  ]);
  assert.deepEqual(pickingList([], name), []);
});
