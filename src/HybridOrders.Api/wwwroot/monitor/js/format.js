// Labels, colours and time formatting shared by every view. Instants are shown in the browser's locale and zone;
// store-side moments also in the store's own zone (a pickup deadline exactly as the API computed it).

export const STATUSES = {
  allocated: { label: 'To pick', long: 'Allocated (to pick)', open: true },
  in_transit: { label: 'In transit', long: 'In transit to the pickup store', open: true },
  ready_for_pickup: { label: 'Ready for pickup', long: 'Ready for pickup', open: true },
  shipped: { label: 'Shipped', long: 'Shipped to the customer', open: true },
  collected: { label: 'Collected', long: 'Collected by the customer', open: false },
  delivered: { label: 'Delivered', long: 'Delivered', open: false },
  expired: { label: 'Expired', long: 'Expired (not collected in time)', open: false },
  cancelled: { label: 'Cancelled', long: 'Cancelled', open: false },
  rejected: { label: 'Rejected', long: 'Rejected by its origin (re-routed)', open: false },
};

export const REJECTION_REASONS = { not_found: 'not found', damaged: 'damaged', store_unable: 'store unable' };
export const rejectionLabel = (r) => REJECTION_REASONS[r] ?? (r ? r.replaceAll('_', ' ') : '');

export const OPEN_STATUSES = Object.keys(STATUSES).filter((s) => STATUSES[s].open);

export const TYPES = {
  pickup: 'Pickup in store',
  delivery: 'Delivery',
  transfer_to_pickup: 'Transfer to pickup store',
};

const TYPES_SHORT = { pickup: 'Pickup', delivery: 'Delivery', transfer_to_pickup: 'Transfer → pickup' };

export const STRATEGIES = {
  nearest_single_location: 'Nearest location that can send everything',
  split_two_locations: 'Split over the best pair of locations',
  split_greedy_nearest: 'Split greedily, nearest first',
  pickup_at_store: 'Pickup at the chosen store',
  reroute_after_rejection: 'Re-routed after its origin rejected it',
};

export const statusLabel = (s) => STATUSES[s]?.label ?? s;
export const typeLabel = (t) => TYPES[t] ?? t;
export const typeShort = (t) => TYPES_SHORT[t] ?? t;
export const strategyLabel = (s) => STRATEGIES[s] ?? (s ? s.replaceAll('_', ' ') : '—');
export const isOpen = (f) => STATUSES[f.status]?.open ?? false;

const locale = undefined; // the browser's

const instantFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** An ISO instant in the browser's locale and time zone. */
export function formatInstant(iso) {
  if (!iso) return '—';
  return instantFormat.format(new Date(iso));
}

export function formatClock(date) {
  return timeFormat.format(date);
}

const zoneFormats = new Map();
function zoneFormat(timeZone) {
  if (!zoneFormats.has(timeZone)) {
    try {
      zoneFormats.set(timeZone, new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }));
    } catch {
      zoneFormats.set(timeZone, null);
    }
  }
  return zoneFormats.get(timeZone);
}

/** An ISO instant as wall-clock time in a store's IANA zone ("23 Nov 2026, 11:15"). */
export function formatInZone(iso, timeZone) {
  const f = iso && timeZone ? zoneFormat(timeZone) : null;
  return f ? f.format(new Date(iso)) : null;
}

const localFormat = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A store-local moment from the API ({ localDateTime: "2026-11-26T20:00", timeZone }) exactly as the store sees it. */
export function formatLocalMoment(moment, withZone = true) {
  if (!moment?.localDateTime) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(moment.localDateTime);
  const text = m ? localFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]))) : moment.localDateTime;
  return withZone ? `${text} (${moment.timeZone})` : text;
}

/** "YYYY-MM-DD" of an instant in a zone, to tell what happened "today" at a store. */
export function dayInZone(date, timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  }
}

/** A duration in milliseconds as "<1 min", "45 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(ms) {
  const minutes = Math.floor(Math.max(0, ms) / 60000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function formatHours(hours) {
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} h`;
  return formatDuration(hours * 3600000);
}

export function formatKm(km) {
  if (km === null || km === undefined) return '—';
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km`;
}

export function formatAddress(a) {
  if (!a) return '';
  return [a.line1, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
}

/** Where a fulfilment ends: the pickup store's code, or the delivery address. */
export function destinationLabel(f) {
  if (f.destination?.locationCode) return f.destination.locationCode;
  const a = f.destination?.address;
  return a ? [a.line1, a.city].filter(Boolean).join(', ') || 'Customer address' : 'Customer address';
}
