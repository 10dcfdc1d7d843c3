import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { Contract, formatNumber, loadContract, paramPath } from '../js/contract.js';
import { fakeApi } from './fake-api.mjs';

// The document the API publishes (make client writes it; a Python test keeps it current).
const published = JSON.parse(readFileSync(new URL('../../clients/openapi.json', import.meta.url), 'utf8'));

const small = {
  components: {
    schemas: {
      Line: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 5 } } },
      Base: { type: 'object', properties: { note: { type: 'string', maxLength: 10 } }, required: ['note'] },
      Order: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { type: 'object', properties: { lines: { type: 'array', maxItems: 3, items: { $ref: '#/components/schemas/Line' } } } },
        ],
      },
      Tracked: {
        type: 'object',
        properties: {
          carrier: { anyOf: [{ type: 'string', maxLength: 20 }, { type: 'null' }] },
          either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
          code: { type: 'string', pattern: '^[A-Z]{3}$', examples: ['ABC'] },
          emoji: { type: 'string', pattern: '^\\p{Extended_Pictographic}$' },
          broken: { type: 'string', pattern: '(' },
        },
      },
    },
  },
  'x-transitions': { pending: ['processing', 'cancelled'], cancelled: [] },
  'x-editable-statuses': ['pending'],
};

test('paramPath splits an error\'s JSON path into keys and indexes', () => {
  assert.deepEqual(paramPath('items[0].quantity'), ['items', 0, 'quantity']);
  assert.deepEqual(paramPath('items[12]'), ['items', 12]);
  assert.deepEqual(paramPath('customer.address.city'), ['customer', 'address', 'city']);
  assert.deepEqual(paramPath(''), []);
  assert.deepEqual(paramPath(null), []);
});

test('formatNumber reads a number or its text alike', () => {
  assert.equal(formatNumber('12345'), formatNumber(12345));
  assert.match(formatNumber(12345), /^12\D?345$/);
});

test('a document without schemas or lifecycle is refused', () => {
  for (const document of [null, {}, { components: {} }, { components: { schemas: {} } }]) {
    assert.throws(() => new Contract(document), /did not publish its contract/);
  }
});

test('fields are found through $ref, allOf and array items', () => {
  const contract = new Contract(small);
  assert.deepEqual(contract.range('Order', 'lines[0].quantity'), { minimum: 1, maximum: 5 });
  assert.equal(contract.maxLength('Order', 'note'), 10);
  assert.equal(contract.field('Order', 'lines').maxItems, 3);
  assert.deepEqual(contract.schema('Order').required, ['note']);
  assert.equal(contract.field('Order', 'missing'), null);
  assert.equal(contract.field('Order', 'note.deeper'), null);
  assert.equal(contract.field('Nope', 'note'), null);
  assert.deepEqual(contract.range('Order', 'nothing'), { minimum: undefined, maximum: undefined });
});

test('a nullable field is read as its non-null schema; a real choice is left alone', () => {
  const contract = new Contract(small);
  assert.equal(contract.maxLength('Tracked', 'carrier'), 20);
  assert.equal(contract.field('Tracked', 'carrier').type, 'string');
  assert.equal(contract.field('Tracked', 'either').type, undefined);
});

test('patterns are checked as the API checks them, Unicode mode', () => {
  const contract = new Contract(small);
  assert.equal(contract.matches('Tracked', 'code', 'ABC'), true);
  assert.equal(contract.matches('Tracked', 'code', 'abc'), false);
  assert.equal(contract.matches('Tracked', 'emoji', '🚚'), true);
  assert.equal(contract.matches('Tracked', 'carrier', 'anything'), false); // no pattern: no match to claim
  assert.equal(contract.matches('Tracked', 'broken', 'x'), true); // uncompilable here: the API judges
  assert.equal(contract.example('Tracked', 'code'), 'ABC');
  assert.equal(contract.example('Tracked', 'carrier'), undefined);
});

test('the lifecycle comes from the document and is handed out as copies', () => {
  const contract = new Contract(small);
  assert.deepEqual(contract.transitions('pending'), ['processing', 'cancelled']);
  assert.deepEqual(contract.transitions('unknown'), []);
  contract.transitions('pending').push('shipped');
  assert.deepEqual(contract.transitions('pending'), ['processing', 'cancelled']);
  assert.equal(contract.isEditable('pending'), true);
  assert.equal(contract.isEditable('cancelled'), false);
  contract.editableStatuses().push('cancelled');
  assert.deepEqual(contract.editableStatuses(), ['pending']);
});

test('every rule the console asks the published document for is there', () => {
  const contract = new Contract(published);
  const schemas = published.components.schemas;
  const quantity = schemas.OrderItem.properties.quantity;
  assert.deepEqual(contract.range('OrderItem', 'quantity'), { minimum: quantity.minimum, maximum: quantity.maximum });
  assert.equal(contract.maxLines(), schemas.Order.properties.items.maxItems);
  const edit = schemas.OrderLineEdit.allOf[0].properties;
  assert.deepEqual(contract.range('OrderLineEdit', 'quantity'), { minimum: edit.quantity.minimum, maximum: edit.quantity.maximum });
  assert.equal(contract.matches('OrderLineEdit', 'price', '29.99'), true);
  assert.equal(contract.matches('OrderLineEdit', 'price', '29.999'), false);
  assert.equal(contract.maxLength('CancelOrderRequest', 'reason'), schemas.CancelOrderRequest.properties.reason.maxLength);
  assert.equal(contract.maxLength('UpdateOrderRequest', 'reason'), schemas.UpdateOrderRequest.allOf[0].properties.reason.maxLength);
  for (const field of ['customer_name', 'customer_email']) {
    assert.equal(contract.maxLength('CreateOrderByEmail', field), schemas.CreateOrderByEmail.properties[field].maxLength);
  }
  assert.deepEqual(contract.transitions('pending'), published['x-transitions'].pending);
  assert.deepEqual(contract.editableStatuses(), published['x-editable-statuses']);
});

test('every pattern of the published document compiles in Unicode mode (else the console could not check it)', () => {
  const broken = [];
  (function walk(node, path) {
    if (!node || typeof node !== 'object') return;
    if (typeof node.pattern === 'string') {
      try {
        new RegExp(node.pattern, 'u');
      } catch (error) {
        broken.push(`${path}: ${error.message}`);
      }
    }
    for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
  })(published, '#');
  assert.deepEqual(broken, []);
});

test('loadContract fetches the document once per API, and again after a failure', async () => {
  let failing = true;
  const fetched = fakeApi(() => (failing ? [503, { message: 'Service unavailable' }] : [200, small]));
  await assert.rejects(loadContract(), { status: 503 });
  failing = false;
  const first = await loadContract();
  const second = await loadContract();
  assert.equal(first, second);
  assert.deepEqual(first.transitions('pending'), ['processing', 'cancelled']);
  assert.deepEqual(fetched.map((url) => url.pathname), ['/dev/openapi.json', '/dev/openapi.json']);
});
