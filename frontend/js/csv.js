// CSV export of a list: every page of the filtered list, money as the API's exact
// decimal strings, and cells a spreadsheet would run as formulas made inert.
import { api } from './api.js';

const COLUMNS = [
  ['order_number', 'Order number'], ['order_id', 'Order id'], ['created_at', 'Created (UTC)'], ['status', 'Status'],
  ['customer_id', 'Customer id'], ['customer_name', 'Customer'], ['item_count', 'Items'], ['total_amount', 'Total'],
  ['currency', 'Currency'], ['tracking_number', 'Tracking number'], ['carrier', 'Carrier'], ['status_reason', 'Reason'],
];
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

export function csvText(orders) {
  const lines = [COLUMNS.map(([, title]) => csvCell(title)).join(',')];
  for (const order of orders) lines.push(COLUMNS.map(([field]) => csvCell(order[field])).join(','));
  return `${lines.join('\r\n')}\r\n`;
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
