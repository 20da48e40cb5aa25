// A storefront, a POS terminal and a logistics desk, written against the client generated from the running service's
// OpenAPI document (openapi-typescript + openapi-fetch) and compiled with `tsc --strict`. Fields every response always
// has are used as they are: no `!`, no `?.`. Fields that really can be null are checked before use.
// Usage: node out/flows.js <baseUrl> <adminKey> <storefrontKey> <logisticsKey> <posKey> <store> <warehouse> <sku>
import createClient from "openapi-fetch";
import type { paths, components } from "./schema.js";

type Order = components["schemas"]["OrderResponse"];
type Fulfilment = components["schemas"]["FulfilmentResponse"];

const [baseUrl, adminKey, storefrontKey, logisticsKey, posKey, store, warehouse, sku] = process.argv.slice(2);
const client = (key: string) => createClient<paths>({ baseUrl, headers: { "X-Api-Key": key } });
const admin = client(adminKey), storefront = client(storefrontKey), logistics = client(logisticsKey), pos = client(posKey);

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

// --- the network, as an admin sets it up ---------------------------------------------------------------------------
const created = ok(await admin.POST("/api/v1/locations", { body: {
  code: store, name: "Client test store", kind: "store", latitude: 52.52, longitude: 13.40, timeZone: "Europe/Berlin",
  pickupEnabled: true, shipFromEnabled: false,
  openingHours: [{ day: "monday", opens: "09:00", closes: "20:00" }] } }), "createLocation");
check(created.code === store && created.kind === "store", "location echoed");
ok(await admin.POST("/api/v1/locations", { body: {
  code: warehouse, name: "Client test warehouse", kind: "warehouse", latitude: 52.40, longitude: 13.50, timeZone: "Europe/Berlin",
  pickupEnabled: false, shipFromEnabled: true } }), "createLocation");
const product = ok(await admin.POST("/api/v1/products", { body: { sku, name: "Client test kettle", unitPrice: 39.9 } }), "createProduct");
check(product.unitPrice === 39.9, "price echoed");
for (const locationCode of [store, warehouse])
  ok(await admin.POST("/api/v1/stock/receipts", { body: { locationCode, lines: [{ sku, quantity: 5 }], reference: "client-test" } }), "receiveStock");

// --- storefront: availability, a delivery order, the order again -----------------------------------------------------
const availability = ok(await storefront.GET("/api/v1/availability/{sku}", { params: { path: { sku } } }), "getAvailability");
check(availability.available === 10, `available ${availability.available}`);
const byLocation = new Map(availability.locations.map(l => [l.locationCode, l.available]));
check(byLocation.get(store) === 5, "store has 5");

const order: Order = ok(await storefront.POST("/api/v1/orders", { body: {
  channel: "web", customer: { email: "client-test@example.com" }, lines: [{ sku, quantity: 2 }],
  fulfilment: { type: "delivery", address: { line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE",
    latitude: 52.517, longitude: 13.389 } } } }), "placeOrder");
const delivery: Fulfilment = order.fulfilments[0];
check(order.number.length > 0 && order.status === "placed", `order ${order.number} ${order.status}`);
check(order.lines[0].sku === sku && order.lines[0].lineTotal === 79.8 && order.total === 79.8, "priced from the catalogue");
check(delivery.originLocationCode === warehouse && delivery.type === "delivery", `routed to ${delivery.originLocationCode}`);
check(delivery.routing.candidates.some(c => c.chosen && c.locationCode === warehouse), "routing decision names the warehouse");
check(delivery.readyAt === null && delivery.pickupDeadlineLocal === null, "nothing ready yet");
const address = delivery.destination.address;
check(address !== null && address.city === "Berlin", "delivery address");
const again = ok(await storefront.GET("/api/v1/orders/{id}", { params: { path: { id: order.id } } }), "getOrder");
check(again.id === order.id && again.fulfilments.length === 1, "the order reads back");

// --- POS: hold at the till, then sell --------------------------------------------------------------------------------
const hold = ok(await pos.POST("/api/v1/reservations", {
  params: { header: { "Idempotency-Key": `client-${sku}` } },
  body: { locationCode: store, channel: "pos", customer: { name: "Anna" }, lines: [{ sku, quantity: 1 }], holdMinutes: 30 } }), "holdStock");
check(hold.status === "active" && hold.lines[0].quantity === 1 && hold.closedAt === null, "held");
check(Date.parse(hold.expiresAt) > Date.parse(hold.createdAt), "expires later");
const sold = ok(await pos.POST("/api/v1/reservations/{id}/fulfil", { params: { path: { id: hold.id } } }), "fulfilReservation");
check(sold.status === "fulfilled" && sold.closedAt !== null, "sold at the till");

// --- logistics: the route, shipped and delivered ----------------------------------------------------------------------
const queue = ok(await logistics.GET("/api/v1/fulfilments", { params: { query: { locationCode: warehouse, status: "allocated" } } }), "listFulfilments");
const mine = queue.items.find(f => f.id === delivery.id);
check(mine !== undefined && mine.orderNumber === order.number, "logistics sees the delivery");
const shipped = ok(await logistics.POST("/api/v1/fulfilments/{id}/ship", { params: { path: { id: delivery.id } } }), "shipFulfilment");
check(shipped.status === "shipped" && shipped.shippedAt !== null, "shipped");
const delivered = ok(await logistics.POST("/api/v1/fulfilments/{id}/deliver", { params: { path: { id: delivery.id } } }), "deliverFulfilment");
check(delivered.status === "delivered", "delivered");

// --- a refusal is a typed problem with its code ------------------------------------------------------------------------
const refused = await storefront.POST("/api/v1/orders", { body: {
  channel: "app", customer: { phone: "+49 170 5550001" }, lines: [{ sku, quantity: 999 }], fulfilment: { type: "pickup", locationCode: store } } });
check(refused.data === undefined && refused.response.status === 409, `expected 409, got ${refused.response.status}`);
check(refused.error !== undefined && "code" in refused.error && refused.error.code === "insufficient_stock", JSON.stringify(refused.error));

const stock = ok(await admin.GET("/api/v1/locations/{code}/stock", { params: { path: { code: warehouse } } }), "listLocationStock");
check(stock.items[0].onHand === 3 && stock.nextCursor === null, `warehouse on hand ${stock.items[0].onHand}`);
console.log(`flows ok: order ${order.number} delivered from ${delivery.originLocationCode}; hold ${hold.id} sold`);
