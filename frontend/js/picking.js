// The picking list of some orders: each product once, with the quantity to pick
// over all of them and the orders it goes to, sorted by product name then id.

/** [{product_id, product_name, quantity, orders: ["#1001", ...]}] of full orders (with items). */
export function pickingList(orders, nameOf) {
  const byProduct = new Map();
  for (const order of orders) {
    for (const line of order.items || []) {
      const entry = byProduct.get(line.product_id)
        || { product_id: line.product_id, product_name: line.product_name, quantity: 0, orders: [] };
      entry.quantity += line.quantity;
      const name = nameOf(order);
      if (!entry.orders.includes(name)) entry.orders.push(name);
      byProduct.set(line.product_id, entry);
    }
  }
  return [...byProduct.values()].sort((a, b) => a.product_name.localeCompare(b.product_name)
    || a.product_id.localeCompare(b.product_id));
}
