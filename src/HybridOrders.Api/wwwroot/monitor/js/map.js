// The network map: an SVG drawn from the locations' coordinates, projected to fit the network's bounding box
// (equirectangular, longitudes scaled by cos(latitude) so distances look right). No tiles, nothing downloaded.
// Stores are circles, warehouses squares; every open fulfilment is a curve from its origin to its destination
// (dashed when it is a transfer to a pickup store), a pickup waiting at its own store is a dot beside the store,
// and the parts of a split order share a ring around their destination. A fulfilment its origin rejected is drawn faded with
// a ✕ at that origin, and a dotted link runs from there to the origin that took over (↻ on the new route). A location with a
// daily capacity carries a gauge ring of what it has used today.

import { s } from './dom.js';
import { statusLabel, typeLabel, formatKm, formatAddress, rejectionLabel, OPEN_STATUSES } from './format.js';

// The drawing is sized in CSS pixels (the viewBox follows the element's width), so text stays readable at any width.
let W = 1000;
let H = 560;
const PAD = 56;

function bounds(points) {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  return { minLon, maxLon, minLat, maxLat, kx, spanX: Math.max((maxLon - minLon) * kx, 0.01), spanY: Math.max(maxLat - minLat, 0.01) };
}

function projection({ minLon, maxLon, minLat, maxLat, kx, spanX, spanY }) {
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const offsetX = (W - (maxLon - minLon) * kx * scale) / 2;
  const offsetY = (H - (maxLat - minLat) * scale) / 2;
  return {
    project: (lon, lat) => [offsetX + (lon - minLon) * kx * scale, offsetY + (maxLat - lat) * scale],
    unitsPerKm: scale / 111.195,
  };
}

function scaleBar(unitsPerKm) {
  const nice = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];
  const km = nice.find((k) => k * unitsPerKm >= 70) ?? nice[nice.length - 1];
  const len = km * unitsPerKm;
  const x = 24;
  const y = H - 22;
  return s('g', { className: 'scale-bar', 'aria-hidden': 'true' },
    s('path', { d: `M${x} ${y - 6} V${y} H${x + len} V${y - 6}` }),
    s('text', { x: x + len + 8, y: y + 1 }, `${km} km`));
}

const fmt = (n) => n.toFixed(1);

/**
 * Draws the map into `svg`. `data`: { locations, fulfilments (open ones to draw), selectedId, issuesOf(f) → [],
 * splitOf(f) → { index, count } | null, orderNumberOf(f) }; `on`: { fulfilment(id), location(code) }.
 */
export function renderMap(svg, data, on) {
  const { locations, fulfilments, selectedId } = data;
  const byCode = new Map(locations.map((l) => [l.code, l]));
  const drawn = fulfilments.filter((f) => byCode.has(f.originLocationCode) && f.destination);
  const points = [
    ...locations.map((l) => [l.longitude, l.latitude]),
    ...drawn.map((f) => [f.destination.longitude, f.destination.latitude]),
  ];

  // as wide as the element; as tall as the network's shape asks, within what the window leaves for it
  W = Math.max(320, Math.round(svg.clientWidth || 1000));
  const box = points.length ? bounds(points) : null;
  const wanted = box ? (W - 2 * PAD) * (box.spanY / box.spanX) + 2 * PAD : W * 0.6;
  H = Math.round(Math.min(Math.max(wanted, 300), Math.max(320, Math.min(640, window.innerHeight - 250))));
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('height', String(H));
  svg.classList.toggle('has-selection', Boolean(selectedId && drawn.some((f) => f.id === selectedId)));
  if (!box) {
    return [s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', className: 'map-empty' }, 'No locations yet.')];
  }
  const { project, unitsPerKm } = projection(box);

  const defs = s('defs', {},
    [...OPEN_STATUSES, 'rejected'].map((status) =>
      s('marker', { id: `arrow-${status}`, viewBox: '0 0 10 10', refX: '8', refY: '5', markerWidth: '11', markerHeight: '11', markerUnits: 'userSpaceOnUse', orient: 'auto' },
        s('path', { d: 'M0 0 L10 5 L0 10 z', className: `arrow-head st-${status}` }))));

  const routes = [];
  const rings = [];
  const destinations = new Map();
  const pickupsAt = new Map();
  const pairCount = new Map();
  const rejectMarks = [];
  const links = [];
  const byId = new Map(drawn.map((f) => [f.id, f]));

  for (const f of drawn) {
    const origin = byCode.get(f.originLocationCode);
    const [x0, y0] = project(origin.longitude, origin.latitude);
    const [x1, y1] = project(f.destination.longitude, f.destination.latitude);
    const issues = data.issuesOf(f);
    const split = data.splitOf(f);
    const rejected = f.status === 'rejected';
    const old = f.replacesFulfilmentId ? byId.get(f.replacesFulfilmentId) : null;
    const rerouted = f.routing?.strategy === 'reroute_after_rejection';
    const next = rejected ? (data.replacementsOf?.(f) ?? []) : [];
    const label = `${f.code}: ${typeLabel(f.type)} from ${f.originLocationCode} to ${f.destination.locationCode ?? 'the customer'}, `
      + `${formatKm(f.distanceKm)}, ${statusLabel(f.status)}, order ${f.orderNumber}`
      + (rejected ? ` (${rejectionLabel(f.rejectionReason)} at ${f.originLocationCode}${next.length ? `; re-routed as ${next.map((r) => `${r.code} from ${r.originLocationCode}`).join(', ')}` : ''})` : '')
      + (rerouted ? `, re-routed after ${old ? `${old.code} was rejected at ${old.originLocationCode}` : 'a rejection'}` : '')
      + (split ? `, part ${split.index} of ${split.count} of a split order` : '')
      + (issues.length ? `. ${issues.map((i) => i.text).join('; ')}` : '');
    const common = {
      tabindex: '0', role: 'button', 'aria-label': label, 'data-tip': label, 'data-id': f.id, 'data-order': f.orderId,
      'data-code': f.code, 'data-focus-key': `map-${f.id}`,
      className: [f.type === 'pickup' ? 'pickup-dot' : 'route', `st-${f.status}`, `type-${f.type}`,
        issues.some((i) => i.kind === 'late') ? 'late' : '', f.id === selectedId ? 'selected' : '', split ? 'split' : '',
        rejected ? 'rejected' : '', rerouted ? 'rerouted' : ''].filter(Boolean).join(' '),
    };
    if (rejected) {
      rejectMarks.push(s('text', { x: fmt(x0 - 16), y: fmt(y0 + 18), className: 'reject-mark', 'aria-hidden': 'true', 'data-code': f.code }, '✕'));
    }
    if (rerouted && old && old.originLocationCode !== f.originLocationCode && byCode.has(old.originLocationCode)) {
      const from = byCode.get(old.originLocationCode);
      const [lx, ly] = project(from.longitude, from.latitude);
      const linkLabel = `${old.code} rejected at ${old.originLocationCode} (${rejectionLabel(old.rejectionReason)}): re-routed from ${f.originLocationCode} as ${f.code}`;
      links.push(s('path', {
        d: `M${fmt(lx)} ${fmt(ly)} L${fmt(x0)} ${fmt(y0)}`, className: 'reroute-link', tabindex: '0', 'aria-label': linkLabel, 'data-tip': linkLabel,
        'data-from': old.id, 'data-to': f.id, 'data-order': f.orderId, 'data-focus-key': `link-${f.id}`,
      }));
    }

    if (Math.hypot(x1 - x0, y1 - y0) < 4) {
      // A pickup at its own store: a dot beside the store.
      const list = pickupsAt.get(origin.code) ?? [];
      list.push({ f, common, x: x0, y: y0 });
      pickupsAt.set(origin.code, list);
      continue;
    }

    const pairKey = `${origin.code}>${fmt(x1)},${fmt(y1)}`;
    const n = pairCount.get(pairKey) ?? 0;
    pairCount.set(pairKey, n + 1);
    const len = Math.hypot(x1 - x0, y1 - y0);
    const bend = (Math.min(len * 0.14, 60) + n * 16) * (n % 2 === 0 ? 1 : -1);
    const [nx, ny] = [-(y1 - y0) / len, (x1 - x0) / len];
    const [cx, cy] = [(x0 + x1) / 2 + nx * bend, (y0 + y1) / 2 + ny * bend];
    // stop short of the destination marker so the arrow head stays visible
    const back = Math.hypot(x1 - cx, y1 - cy) || 1;
    const [ex, ey] = [x1 - ((x1 - cx) / back) * 9, y1 - ((y1 - cy) / back) * 9];
    const d = `M${fmt(x0)} ${fmt(y0)} Q${fmt(cx)} ${fmt(cy)} ${fmt(ex)} ${fmt(ey)}`;
    routes.push(s('g', common,
      s('path', { d, className: 'route-halo' }),
      s('path', { d, className: 'route-line', 'marker-end': `url(#arrow-${f.status})` }),
      s('path', { d, className: 'route-hit' })));

    if (!f.destination.locationCode) {
      const key = `${fmt(x1)},${fmt(y1)}`;
      const entry = destinations.get(key) ?? { x: x1, y: y1, address: f.destination.address, orders: new Map() };
      entry.orders.set(f.orderId, { number: f.orderNumber, count: (entry.orders.get(f.orderId)?.count ?? 0) + 1, split });
      destinations.set(key, entry);
    }
    if (split) {
      const ring = rings.find((r) => r.orderId === f.orderId);
      if (ring) ring.origins.push(f.originLocationCode);
      else rings.push({ orderId: f.orderId, x: x1, y: y1, number: f.orderNumber, count: split.count, origins: [f.originLocationCode] });
    }
  }

  const destinationMarks = [...destinations.values()].map((d) => {
    const orders = [...d.orders.values()].map((o) => o.number).join(', ');
    const label = `Delivery address: ${formatAddress(d.address) || 'customer'} (order ${orders})`;
    return s('path', {
      d: `M${fmt(d.x)} ${fmt(d.y - 7)} L${fmt(d.x + 7)} ${fmt(d.y)} L${fmt(d.x)} ${fmt(d.y + 7)} L${fmt(d.x - 7)} ${fmt(d.y)} Z`,
      className: 'destination', tabindex: '0', 'aria-label': label, 'data-tip': label, 'data-focus-key': `dest-${fmt(d.x)}-${fmt(d.y)}`,
    });
  });

  const ringMarks = rings.map((r, i) => {
    const radius = 15 + (i % 3) * 6;
    const label = `Split order ${r.number}: ${r.count} parts, from ${r.origins.join(' and ')}${r.origins.length < r.count ? ' and elsewhere' : ''}`;
    return s('g', { className: 'split-ring', 'data-order': r.orderId, tabindex: '0', 'aria-label': label, 'data-tip': label, 'data-focus-key': `ring-${r.orderId}` },
      s('circle', { cx: fmt(r.x), cy: fmt(r.y), r: radius }),
      s('text', { x: fmt(r.x - radius * 0.72 - 2), y: fmt(r.y + radius * 0.72 + 12), 'text-anchor': 'end' }, `×${r.count}`));
  });

  // a label sits up and to the right of its point, or to the left where it would run off the map
  const labelAt = (text, x, y) => {
    const right = x + 11 + text.length * 9.3 < W - 6; // bold 12px capitals are about 9 px wide
    return s('text', { x: fmt(right ? x + 11 : x - 11), y: fmt(y - 9), 'text-anchor': right ? 'start' : 'end', className: 'location-label' }, text);
  };
  const openAt = (code) => drawn.filter((f) => f.status !== 'rejected' && (f.originLocationCode === code || f.destination.locationCode === code)).length;
  const locationMarks = locations.map((l) => {
    const [x, y] = project(l.longitude, l.latitude);
    const open = openAt(l.code);
    const cap = data.capacityOf?.(l.code);
    const limited = cap && cap.dailyCapacity !== null && cap.dailyCapacity !== undefined;
    const full = limited && cap.usedToday >= cap.dailyCapacity;
    const capText = !cap ? '' : limited
      ? ` Capacity today (${cap.localDate}): ${cap.usedToday} of ${cap.dailyCapacity} used${full ? ', full: routing skips it' : ''}.`
      : ` Capacity today (${cap.localDate}): ${cap.usedToday} used, no limit.`;
    const label = `${l.code} — ${l.name} (${l.kind}${l.active === false ? ', inactive' : ''}). ${open} open fulfilment${open === 1 ? '' : 's'}.${capText} Press Enter to filter the table.`;
    const shape = l.kind === 'warehouse'
      ? s('rect', { x: fmt(x - 8), y: fmt(y - 8), width: 16, height: 16, rx: 2 })
      : s('circle', { cx: fmt(x), cy: fmt(y), r: 7 });
    let gauge = null;
    if (limited) {
      const r = 12;
      const c = 2 * Math.PI * r;
      const share = cap.dailyCapacity === 0 ? 1 : Math.min(1, cap.usedToday / cap.dailyCapacity);
      gauge = s('g', { className: `capacity${full ? ' at-capacity' : ''}`, 'data-capacity': `${cap.usedToday}/${cap.dailyCapacity}` },
        s('circle', { cx: fmt(x), cy: fmt(y), r, className: 'capacity-track' }),
        s('circle', { cx: fmt(x), cy: fmt(y), r, className: 'capacity-used', 'stroke-dasharray': `${fmt(share * c)} ${fmt(c)}`, transform: `rotate(-90 ${fmt(x)} ${fmt(y)})` }),
        s('text', { x: fmt(x), y: fmt(y + 26), 'text-anchor': 'middle', className: 'capacity-label' }, `${cap.usedToday}/${cap.dailyCapacity}`));
    }
    return s('g', {
      className: `location kind-${l.kind}${l.active === false ? ' inactive' : ''}${data.locationFilter === l.code ? ' filtered' : ''}${full ? ' full' : ''}`,
      tabindex: '0', role: 'button', 'aria-label': label, 'data-tip': label, 'data-location': l.code, 'data-focus-key': `loc-${l.code}`,
    }, gauge, shape, labelAt(l.code, x, y));
  });

  const pickupMarks = [];
  for (const list of pickupsAt.values()) {
    list.forEach(({ common, x, y }, i) => {
      const angle = ((25 + (i % 8) * 30) * Math.PI) / 180; // fan out clockwise from below-right of the store, under its label
      const ring = 17 + Math.floor(i / 8) * 12;
      pickupMarks.push(s('g', common,
        s('circle', { cx: fmt(x + Math.cos(angle) * ring), cy: fmt(y + Math.sin(angle) * ring), r: 5.5, className: 'dot' })));
    });
  }

  return [
    defs,
    s('rect', { x: 0, y: 0, width: W, height: H, className: 'map-bg' }),
    s('g', { className: 'layer-links' }, links),
    s('g', { className: 'layer-routes' }, routes),
    s('g', { className: 'layer-rings' }, ringMarks),
    s('g', { className: 'layer-destinations' }, destinationMarks),
    s('g', { className: 'layer-locations' }, locationMarks),
    s('g', { className: 'layer-pickups' }, pickupMarks),
    s('g', { className: 'layer-rejects' }, rejectMarks),
    scaleBar(unitsPerKm),
    s('text', { x: W - 24, y: 30, className: 'north', 'text-anchor': 'end', 'aria-hidden': 'true' }, 'N ↑'),
  ];
}

/** Hover and focus name what is under the pointer or the keyboard; Enter or a click selects it. */
export function wireMap(svg, tip, on) {
  const wrap = svg.parentElement;
  const show = (el, clientX, clientY) => {
    const text = el.getAttribute('data-tip');
    if (!text) return;
    tip.textContent = text;
    tip.hidden = false;
    const box = wrap.getBoundingClientRect();
    let x;
    let y;
    if (clientX === undefined) {
      const r = el.getBoundingClientRect();
      x = r.left + r.width / 2 - box.left;
      y = r.top - box.top;
    } else {
      x = clientX - box.left;
      y = clientY - box.top - 12;
    }
    const width = tip.offsetWidth;
    tip.style.left = `${Math.max(4, Math.min(box.width - width - 4, x - width / 2))}px`;
    tip.style.top = `${Math.max(4, y - tip.offsetHeight - 6)}px`;
  };
  const hide = () => { tip.hidden = true; };
  const target = (e) => e.target.closest?.('[data-tip]');
  const highlight = (orderId, on) => {
    if (!orderId) return;
    svg.querySelectorAll(`[data-order="${CSS.escape(orderId)}"]`).forEach((el) => el.classList.toggle('hl', on));
  };

  svg.addEventListener('pointermove', (e) => {
    const el = target(e);
    if (el) show(el, e.clientX, e.clientY);
    else hide();
  });
  svg.addEventListener('pointerover', (e) => highlight(target(e)?.getAttribute('data-order'), true));
  svg.addEventListener('pointerout', (e) => highlight(target(e)?.getAttribute('data-order'), false));
  svg.addEventListener('pointerleave', hide);
  svg.addEventListener('focusin', (e) => {
    const el = target(e);
    if (el) { show(el); highlight(el.getAttribute('data-order'), true); }
  });
  svg.addEventListener('focusout', (e) => { hide(); highlight(target(e)?.getAttribute('data-order'), false); });

  const activate = (e) => {
    const el = e.target.closest?.('[data-id], [data-location]');
    if (!el) return;
    if (el.dataset.id) on.fulfilment(el.dataset.id, el);
    else on.location(el.dataset.location);
  };
  svg.addEventListener('click', activate);
  svg.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(e);
    }
  });
}
