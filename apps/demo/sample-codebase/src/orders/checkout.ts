import type { Order, OrderStore } from './order-store.js';

async function saveOrder(store: OrderStore, order: Order): Promise<void> {
  await store.insert(order);
}

async function sendReceipt(order: Order): Promise<void> {
  console.log(`receipt for ${order.id} sent to ${order.email}`);
}

export async function checkout(store: OrderStore, order: Order): Promise<string> {
  saveOrder(store, order);
  // TODO: retry the receipt when the mail server is down
  await sendReceipt(order);
  return order.id;
}
