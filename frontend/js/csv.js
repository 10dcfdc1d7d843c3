// CSV export of a list: every page of the filtered list, each order read in full, money as the API's exact
// decimal strings, and cells a spreadsheet would run as formulas made inert.
import { api } from './api.js';
import { ADDRESS_FIELDS } from './address.js';

// One row per order line: the order's columns repeat on each of its lines, so a
// spreadsheet can filter or sum by product as well as by order.
const ORDER_COLUMNS = [
  ['order_number', 'Order number'], ['order_id', 'Order id'], ['created_at', 'Created (UTC)', isoSecond],
  ['updated_at', 'Updated (UTC)', isoSecond], ['status', 'Status'], ['customer_id', 'Customer id'],
  ['customer_name', 'Customer'], ['customer_email', 'E-mail'],
  ...ADDRESS_FIELDS.map((field) => [field, `Ship to ${field.replace('_', ' ')}`, null, 'shipping_address']),
  ['item_count', 'Items'], ['total_amount', 'Total'], ['currency', 'Currency'], ['tracking_number', 'Tracking number'],
  ['carrier', 'Carrier'], ['status_reason', 'Reason'],
];
const LINE_COLUMNS = [['product_id', 'Product id'], ['product_name', 'Product'], ['quantity', 'Quantity'],
  ['price', 'Unit price'], ['line_total', 'Line total']];
// A spreadsheet keeps accents of a UTF-8 file it is told about by this mark.
const BOM = '\ufeff';

/** ISO 8601 in UTC to the second: "2026-11-25T12:46:24Z" (the API keeps microseconds). */
export function isoSecond(value) {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? `${date.toISOString().slice(0, 19)}Z` : (value ?? '');
}

// A spreadsheet reads a formula after leading whitespace of any kind (space,
// no-break space, ideographic space, zero-width space, tab) and from the
// full-width signs as from the ASCII ones.
const FORMULA_START = /^[\s\u200b\u2060]*[=+\-@\u2212\uff1d\uff0b\uff0d\uff20]|^[\t\r]/u;

/** One cell: quoted, with a leading ' where a spreadsheet would read a formula. */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function orderCells(order) {
  return ORDER_COLUMNS.map(([field, , format, within]) => {
    const value = within ? (order[within] || {})[field] : order[field];
    return csvCell(format ? format(value) : value);
  });
}

/** The file: a BOM, a header row, then one CRLF-ended row per line of each order (one row for an order without lines). */
export function csvText(orders) {
  const header = [...ORDER_COLUMNS, ...LINE_COLUMNS].map(([, title]) => csvCell(title)).join(',');
  const rows = [header];
  for (const order of orders) {
    const cells = orderCells(order);
    const lines = order.items && order.items.length ? order.items : [{}];
    for (const line of lines) rows.push([...cells, ...LINE_COLUMNS.map(([field]) => csvCell(line[field]))].join(','));
  }
  return `${BOM}${rows.join('\r\n')}\r\n`;
}

/** Every order of the filtered list, page by page; `progress(count, total)` after each page. */
export async function everyOrder(filters, progress) {
  const orders = [];
  let token = null;
  do {
    const data = await api.listOrders({ ...filters, limit: 100, next_token: token });
    orders.push(...data.orders);
    token = data.next_token;
    progress(orders.length, data.pagination.total);
  } while (token);
  return orders;
}

/** The full orders (e-mail, address, lines) of listed ones, a few requests at a time; `progress(count)` after each. */
export async function withDetails(summaries, progress, parallel = 4) {
  const orders = new Array(summaries.length);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < summaries.length) {
      const index = next++;
      orders[index] = await api.getOrder(summaries[index].order_id);
      progress(++done);
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, summaries.length) }, worker));
  return orders;
}

export function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
