// Service targets (GET /api/v1/monitor/settings): a pickup ready within 2 h of the order, a delivery shipped within 24 h,
// and a warning when a waiting pickup's deadline is less than 12 h away. Each miss is one short, readable reason.

import { formatDuration, formatHours } from './format.js';

const HOUR = 3600000;

/** When the order was placed (from GET /orders/{id}); the fulfilment's creation is the same moment, used until the order is loaded. */
export function placedAt(f, orders) {
  return new Date(orders.get(f.orderId)?.placedAt ?? f.createdAt);
}

/** The targets a fulfilment has missed or is about to miss, now: [{ kind, text }]. */
export function targetIssues(f, settings, orders, now = Date.now()) {
  const issues = [];
  const age = now - placedAt(f, orders).getTime();
  const toPickup = f.type === 'pickup' || f.type === 'transfer_to_pickup';
  if (toPickup && (f.status === 'allocated' || f.status === 'in_transit') && age > settings.readyForPickupWithinHours * HOUR) {
    issues.push({ kind: 'late', text: `Not ready within ${formatHours(settings.readyForPickupWithinHours)}` });
  }
  if (f.type === 'delivery' && f.status === 'allocated' && age > settings.shipWithinHours * HOUR) {
    issues.push({ kind: 'late', text: `Not shipped within ${formatHours(settings.shipWithinHours)}` });
  }
  if (f.status === 'ready_for_pickup' && f.pickupDeadline) {
    const left = new Date(f.pickupDeadline).getTime() - now;
    if (left < settings.pickupDeadlineWarningHours * HOUR) {
      issues.push({ kind: 'deadline', text: left > 0 ? `Pickup deadline in ${formatDuration(left)}` : 'Pickup deadline passed' });
    }
  }
  return issues;
}
