// The orders ticked for a bulk action or for printing. It lives beside the list
// (so Back from an order keeps it) and is always shown in full by the panel:
// nothing is acted on that the operator cannot see listed there.
import { orderName } from '../format.js';

const chosen = new Map(); // order id -> the order's summary, in the order ticked
const listeners = new Set();

function changed() {
  for (const listener of listeners) listener();
}

export const selection = {
  has: (orderId) => chosen.has(orderId),
  size: () => chosen.size,
  /** [{order_id, name, order}] in the order ticked. */
  entries: () => [...chosen.values()].map((order) => ({ order_id: order.order_id, name: orderName(order), order })),
  ids: () => [...chosen.keys()],
  set(order, ticked) {
    if (ticked) chosen.set(order.order_id, order); else chosen.delete(order.order_id);
    changed();
  },
  setMany(orders, ticked) {
    for (const order of orders) {
      if (ticked) chosen.set(order.order_id, order); else chosen.delete(order.order_id);
    }
    changed();
  },
  /** Keeps the summaries fresh (a live refresh saw a new status). */
  refresh(order) {
    if (chosen.has(order.order_id)) chosen.set(order.order_id, order);
  },
  remove(orderIds) {
    for (const orderId of orderIds) chosen.delete(orderId);
    changed();
  },
  clear() {
    chosen.clear();
    changed();
  },
  /** Calls `listener` on every change; returns the function that stops it. */
  watch(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
