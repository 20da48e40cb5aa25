CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "IdempotencyRecords" (
    "Scope" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "StatusCode" INTEGER NULL,
    "ContentType" TEXT NULL,
    "Body" TEXT NULL,
    "Location" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY ("Scope", "Key")
);

CREATE TABLE "Locations" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Locations" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "PickupEnabled" INTEGER NOT NULL,
    "ShipFromEnabled" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "Products" (
    "Sku" TEXT NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "UnitPrice" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "LocationOpeningHours" (
    "Day" INTEGER NOT NULL,
    "LocationCode" TEXT NOT NULL,
    "Opens" TEXT NOT NULL,
    "Closes" TEXT NOT NULL,
    CONSTRAINT "PK_LocationOpeningHours" PRIMARY KEY ("LocationCode", "Day"),
    CONSTRAINT "FK_LocationOpeningHours_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE CASCADE
);

CREATE TABLE "Reservations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Reservations" PRIMARY KEY,
    "LocationCode" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "CustomerId" TEXT NULL,
    "CustomerEmail" TEXT NULL,
    "CustomerPhone" TEXT NULL,
    "CustomerName" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "ClosedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Reservations_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT
);

CREATE TABLE "StockLines" (
    "LocationCode" TEXT NOT NULL,
    "Sku" TEXT NOT NULL,
    "OnHand" INTEGER NOT NULL,
    "Reserved" INTEGER NOT NULL,
    "SafetyStock" INTEGER NOT NULL,
    CONSTRAINT "PK_StockLines" PRIMARY KEY ("LocationCode", "Sku"),
    CONSTRAINT "CK_StockLines_Figures" CHECK ("OnHand" >= 0 AND "Reserved" >= 0 AND "Reserved" <= "OnHand" AND "SafetyStock" >= 0),
    CONSTRAINT "FK_StockLines_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
    CONSTRAINT "FK_StockLines_Products_Sku" FOREIGN KEY ("Sku") REFERENCES "Products" ("Sku") ON DELETE RESTRICT
);

CREATE TABLE "ReservationLines" (
    "Sku" TEXT NOT NULL,
    "ReservationId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    CONSTRAINT "PK_ReservationLines" PRIMARY KEY ("ReservationId", "Sku"),
    CONSTRAINT "FK_ReservationLines_Reservations_ReservationId" FOREIGN KEY ("ReservationId") REFERENCES "Reservations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StockMovements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StockMovements" PRIMARY KEY AUTOINCREMENT,
    "LocationCode" TEXT NOT NULL,
    "Sku" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "OnHandDelta" INTEGER NOT NULL,
    "ReservedDelta" INTEGER NOT NULL,
    "Reference" TEXT NULL,
    "OccurredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_StockMovements_StockLines_LocationCode_Sku" FOREIGN KEY ("LocationCode", "Sku") REFERENCES "StockLines" ("LocationCode", "Sku") ON DELETE RESTRICT
);

CREATE INDEX "IX_IdempotencyRecords_CreatedAt" ON "IdempotencyRecords" ("CreatedAt");

CREATE INDEX "IX_Reservations_CustomerEmail" ON "Reservations" ("CustomerEmail");

CREATE INDEX "IX_Reservations_CustomerId" ON "Reservations" ("CustomerId");

CREATE INDEX "IX_Reservations_LocationCode" ON "Reservations" ("LocationCode");

CREATE INDEX "IX_Reservations_Status_ExpiresAt" ON "Reservations" ("Status", "ExpiresAt");

CREATE INDEX "IX_StockLines_Sku" ON "StockLines" ("Sku");

CREATE INDEX "IX_StockMovements_LocationCode_Sku_Id" ON "StockMovements" ("LocationCode", "Sku", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123070916_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Orders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Orders" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "CustomerId" TEXT NULL,
    "CustomerEmail" TEXT NULL,
    "CustomerPhone" TEXT NULL,
    "CustomerName" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Subtotal" INTEGER NOT NULL,
    "Discount" INTEGER NOT NULL,
    "Total" INTEGER NOT NULL,
    "PromoCode" TEXT NULL,
    "Currency" TEXT NOT NULL,
    "PlacedAt" INTEGER NOT NULL,
    "CancelledAt" INTEGER NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Fulfilments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Fulfilments" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "OrderId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "OriginLocationCode" TEXT NOT NULL,
    "DestinationLocationCode" TEXT NULL,
    "AddressLine1" TEXT NULL,
    "AddressCity" TEXT NULL,
    "AddressPostalCode" TEXT NULL,
    "AddressCountry" TEXT NULL,
    "DestinationLatitude" REAL NOT NULL,
    "DestinationLongitude" REAL NOT NULL,
    "DistanceKm" REAL NOT NULL,
    "RoutingStrategy" TEXT NOT NULL,
    "PickupTimeZone" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ShippedAt" INTEGER NULL,
    "ReceivedAt" INTEGER NULL,
    "ReadyAt" INTEGER NULL,
    "PickupDeadline" INTEGER NULL,
    "CollectedAt" INTEGER NULL,
    "DeliveredAt" INTEGER NULL,
    "ExpiredAt" INTEGER NULL,
    "CancelledAt" INTEGER NULL,
    "RoutingCandidates" TEXT NOT NULL,
    CONSTRAINT "FK_Fulfilments_Locations_OriginLocationCode" FOREIGN KEY ("OriginLocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
    CONSTRAINT "FK_Fulfilments_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrderLines" (
    "Sku" TEXT NOT NULL,
    "OrderId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPrice" INTEGER NOT NULL,
    "Discount" INTEGER NOT NULL,
    "LineTotal" INTEGER NOT NULL,
    CONSTRAINT "PK_OrderLines" PRIMARY KEY ("OrderId", "Sku"),
    CONSTRAINT "FK_OrderLines_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
);

CREATE TABLE "FulfilmentLines" (
    "Sku" TEXT NOT NULL,
    "FulfilmentId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    CONSTRAINT "PK_FulfilmentLines" PRIMARY KEY ("FulfilmentId", "Sku"),
    CONSTRAINT "FK_FulfilmentLines_Fulfilments_FulfilmentId" FOREIGN KEY ("FulfilmentId") REFERENCES "Fulfilments" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Fulfilments_Code" ON "Fulfilments" ("Code");

CREATE INDEX "IX_Fulfilments_CreatedAt_Code" ON "Fulfilments" ("CreatedAt", "Code");

CREATE INDEX "IX_Fulfilments_DestinationLocationCode_CreatedAt" ON "Fulfilments" ("DestinationLocationCode", "CreatedAt");

CREATE INDEX "IX_Fulfilments_OrderId" ON "Fulfilments" ("OrderId");

CREATE INDEX "IX_Fulfilments_OriginLocationCode_CreatedAt" ON "Fulfilments" ("OriginLocationCode", "CreatedAt");

CREATE INDEX "IX_Fulfilments_Status_PickupDeadline" ON "Fulfilments" ("Status", "PickupDeadline");

CREATE INDEX "IX_Orders_Channel_PlacedAt" ON "Orders" ("Channel", "PlacedAt");

CREATE INDEX "IX_Orders_CustomerEmail" ON "Orders" ("CustomerEmail");

CREATE INDEX "IX_Orders_CustomerId" ON "Orders" ("CustomerId");

CREATE INDEX "IX_Orders_CustomerPhone" ON "Orders" ("CustomerPhone");

CREATE UNIQUE INDEX "IX_Orders_Number" ON "Orders" ("Number");

CREATE INDEX "IX_Orders_PlacedAt_Number" ON "Orders" ("PlacedAt", "Number");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123071807_Orders', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Orders" ADD "Mode" TEXT NOT NULL DEFAULT '';

ALTER TABLE "Orders" ADD "RefundedAmount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Orders" ADD "ReturnedUnits" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Orders" ADD "Units" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Fulfilments" ADD "MinutesToReady" INTEGER NULL;

CREATE TABLE "Promotions" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Promotions" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Value" INTEGER NOT NULL,
    "StartsAt" INTEGER NOT NULL,
    "EndsAt" INTEGER NOT NULL,
    "MinimumOrderTotal" INTEGER NULL,
    "MaxRedemptions" INTEGER NULL,
    "Redemptions" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "CK_Promotions_Redemptions" CHECK ("Redemptions" >= 0)
);

CREATE TABLE "Returns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Returns" PRIMARY KEY,
    "OrderId" TEXT NOT NULL,
    "OrderNumber" TEXT NOT NULL,
    "LocationCode" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RefundAmount" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Returns_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
    CONSTRAINT "FK_Returns_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ReturnLines" (
    "Sku" TEXT NOT NULL,
    "Condition" TEXT NOT NULL,
    "ReturnId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "RefundAmount" INTEGER NOT NULL,
    CONSTRAINT "PK_ReturnLines" PRIMARY KEY ("ReturnId", "Sku", "Condition"),
    CONSTRAINT "FK_ReturnLines_Returns_ReturnId" FOREIGN KEY ("ReturnId") REFERENCES "Returns" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Returns_CreatedAt" ON "Returns" ("CreatedAt");

CREATE INDEX "IX_Returns_LocationCode" ON "Returns" ("LocationCode");

CREATE INDEX "IX_Returns_OrderId_CreatedAt" ON "Returns" ("OrderId", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123074150_ReturnsPromotionsAnalytics', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SalesHistory" (
    "Sku" TEXT NOT NULL,
    "LocationCode" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "ImportedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_SalesHistory" PRIMARY KEY ("Sku", "LocationCode", "Date", "Channel"),
    CONSTRAINT "FK_SalesHistory_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
    CONSTRAINT "FK_SalesHistory_Products_Sku" FOREIGN KEY ("Sku") REFERENCES "Products" ("Sku") ON DELETE RESTRICT
);

CREATE INDEX "IX_SalesHistory_LocationCode" ON "SalesHistory" ("LocationCode");

CREATE INDEX "IX_SalesHistory_Sku_Date" ON "SalesHistory" ("Sku", "Date");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202203536_SalesHistory', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Locations" ADD "DailyCapacity" INTEGER NULL;

CREATE TABLE "LocationCapacityDays" (
    "LocationCode" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Used" INTEGER NOT NULL,
    CONSTRAINT "PK_LocationCapacityDays" PRIMARY KEY ("LocationCode", "Day"),
    CONSTRAINT "CK_LocationCapacityDays_Used" CHECK ("Used" >= 0),
    CONSTRAINT "FK_LocationCapacityDays_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202212649_StoreCapacity', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "OrderLines" ADD "CancelledAmount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "OrderLines" ADD "CancelledQuantity" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Fulfilments" ADD "RejectedAt" INTEGER NULL;

ALTER TABLE "Fulfilments" ADD "RejectionReason" TEXT NULL;

ALTER TABLE "Fulfilments" ADD "ReplacesFulfilmentId" TEXT NULL;

ALTER TABLE "FulfilmentLines" ADD "RejectedQuantity" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202222155_FulfilmentRejection', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "StockLines" ADD "LowStockThreshold" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "Events" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Events" PRIMARY KEY AUTOINCREMENT,
    "Type" TEXT NOT NULL,
    "OccurredAt" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    "Locations" TEXT NULL
);

CREATE TABLE "WebhookSubscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookSubscriptions" PRIMARY KEY,
    "Url" TEXT NOT NULL,
    "EventTypes" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Secret" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "DisabledReason" TEXT NULL,
    "DisabledAt" INTEGER NULL,
    "Cursor" INTEGER NOT NULL,
    "FailedAttempts" INTEGER NOT NULL,
    "FailingSince" INTEGER NULL,
    "LastError" TEXT NULL,
    "DueAtMs" INTEGER NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntilMs" INTEGER NOT NULL
);

CREATE TABLE "WebhookDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY AUTOINCREMENT,
    "SubscriptionId" TEXT NOT NULL,
    "EventId" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Attempt" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    "Error" TEXT NULL,
    "At" INTEGER NOT NULL,
    "DurationMs" INTEGER NOT NULL,
    CONSTRAINT "FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId" FOREIGN KEY ("SubscriptionId") REFERENCES "WebhookSubscriptions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_WebhookDeliveries_At" ON "WebhookDeliveries" ("At");

CREATE INDEX "IX_WebhookDeliveries_SubscriptionId_Id" ON "WebhookDeliveries" ("SubscriptionId", "Id");

CREATE INDEX "IX_WebhookSubscriptions_Status_DueAtMs" ON "WebhookSubscriptions" ("Status", "DueAtMs");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202225407_EventsOutboxAndWebhooks', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Reservations" ADD "OrderId" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202235047_TillSales', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Fulfilments" ADD "RoutingCandidateCount" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "FulfilmentRoutings" (
    "FulfilmentId" TEXT NOT NULL CONSTRAINT "PK_FulfilmentRoutings" PRIMARY KEY,
    "Candidates" TEXT NOT NULL,
    CONSTRAINT "FK_FulfilmentRoutings_Fulfilments_FulfilmentId" FOREIGN KEY ("FulfilmentId") REFERENCES "Fulfilments" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203005816_FulfilmentRoutings', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Customers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY,
    "MergedIntoId" TEXT NULL
);

CREATE TABLE "CustomerIdentifiers" (
    "Kind" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Display" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    CONSTRAINT "PK_CustomerIdentifiers" PRIMARY KEY ("Kind", "Value"),
    CONSTRAINT "FK_CustomerIdentifiers_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CustomerLinks" (
    "Activity" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Name" TEXT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "PK_CustomerLinks" PRIMARY KEY ("Activity", "SubjectId"),
    CONSTRAINT "FK_CustomerLinks_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_CustomerIdentifiers_CustomerId" ON "CustomerIdentifiers" ("CustomerId");

CREATE INDEX "IX_CustomerLinks_CustomerId_At" ON "CustomerLinks" ("CustomerId", "At");

CREATE INDEX "IX_Customers_MergedIntoId" ON "Customers" ("MergedIntoId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203013309_CustomerRegistry', '10.0.14');

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP INDEX "IX_Orders_Number";

DROP INDEX "IX_Fulfilments_Code";

DROP INDEX "IX_Fulfilments_OrderId";

ALTER TABLE "ReturnLines" ADD "OrderId" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

ALTER TABLE "FulfilmentRoutings" ADD "OrderId" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

ALTER TABLE "FulfilmentLines" ADD "OrderId" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

UPDATE "FulfilmentLines" SET "OrderId" = (SELECT f."OrderId" FROM "Fulfilments" f WHERE f."Id" = "FulfilmentLines"."FulfilmentId");

UPDATE "FulfilmentRoutings" SET "OrderId" = (SELECT f."OrderId" FROM "Fulfilments" f WHERE f."Id" = "FulfilmentRoutings"."FulfilmentId");

UPDATE "ReturnLines" SET "OrderId" = (SELECT r."OrderId" FROM "Returns" r WHERE r."Id" = "ReturnLines"."ReturnId");

CREATE INDEX "IX_Returns_Id" ON "Returns" ("Id");

CREATE INDEX "IX_Orders_Number" ON "Orders" ("Number");

CREATE INDEX "IX_Fulfilments_Id" ON "Fulfilments" ("Id");

CREATE UNIQUE INDEX "IX_Fulfilments_OrderId_Code" ON "Fulfilments" ("OrderId", "Code");

CREATE TABLE "ef_temp_FulfilmentLines" (
    "OrderId" TEXT NOT NULL,
    "FulfilmentId" TEXT NOT NULL,
    "Sku" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "RejectedQuantity" INTEGER NOT NULL,
    CONSTRAINT "PK_FulfilmentLines" PRIMARY KEY ("OrderId", "FulfilmentId", "Sku"),
    CONSTRAINT "FK_FulfilmentLines_Fulfilments_OrderId_FulfilmentId" FOREIGN KEY ("OrderId", "FulfilmentId") REFERENCES "Fulfilments" ("OrderId", "Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_FulfilmentLines" ("OrderId", "FulfilmentId", "Sku", "Quantity", "RejectedQuantity")
SELECT "OrderId", "FulfilmentId", "Sku", "Quantity", "RejectedQuantity"
FROM "FulfilmentLines";

CREATE TABLE "ef_temp_FulfilmentRoutings" (
    "OrderId" TEXT NOT NULL,
    "FulfilmentId" TEXT NOT NULL,
    "Candidates" TEXT NOT NULL,
    CONSTRAINT "PK_FulfilmentRoutings" PRIMARY KEY ("OrderId", "FulfilmentId"),
    CONSTRAINT "FK_FulfilmentRoutings_Fulfilments_OrderId_FulfilmentId" FOREIGN KEY ("OrderId", "FulfilmentId") REFERENCES "Fulfilments" ("OrderId", "Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_FulfilmentRoutings" ("OrderId", "FulfilmentId", "Candidates")
SELECT "OrderId", "FulfilmentId", "Candidates"
FROM "FulfilmentRoutings";

CREATE TABLE "ef_temp_ReturnLines" (
    "OrderId" TEXT NOT NULL,
    "ReturnId" TEXT NOT NULL,
    "Sku" TEXT NOT NULL,
    "Condition" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "RefundAmount" INTEGER NOT NULL,
    CONSTRAINT "PK_ReturnLines" PRIMARY KEY ("OrderId", "ReturnId", "Sku", "Condition"),
    CONSTRAINT "FK_ReturnLines_Returns_OrderId_ReturnId" FOREIGN KEY ("OrderId", "ReturnId") REFERENCES "Returns" ("OrderId", "Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_ReturnLines" ("OrderId", "ReturnId", "Sku", "Condition", "Quantity", "RefundAmount")
SELECT "OrderId", "ReturnId", "Sku", "Condition", "Quantity", "RefundAmount"
FROM "ReturnLines";

CREATE TABLE "ef_temp_Returns" (
    "OrderId" TEXT NOT NULL,
    "Id" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "LocationCode" TEXT NOT NULL,
    "OrderNumber" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RefundAmount" INTEGER NOT NULL,
    CONSTRAINT "PK_Returns" PRIMARY KEY ("OrderId", "Id"),
    CONSTRAINT "FK_Returns_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
    CONSTRAINT "FK_Returns_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Returns" ("OrderId", "Id", "CreatedAt", "Currency", "LocationCode", "OrderNumber", "Reason", "RefundAmount")
SELECT "OrderId", "Id", "CreatedAt", "Currency", "LocationCode", "OrderNumber", "Reason", "RefundAmount"
FROM "Returns";

CREATE TABLE "ef_temp_Fulfilments" (
    "OrderId" TEXT NOT NULL,
    "Id" TEXT NOT NULL,
    "AddressCity" TEXT NULL,
    "AddressCountry" TEXT NULL,
    "AddressLine1" TEXT NULL,
    "AddressPostalCode" TEXT NULL,
    "CancelledAt" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "CollectedAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DeliveredAt" INTEGER NULL,
    "DestinationLatitude" REAL NOT NULL,
    "DestinationLocationCode" TEXT NULL,
    "DestinationLongitude" REAL NOT NULL,
    "DistanceKm" REAL NOT NULL,
    "ExpiredAt" INTEGER NULL,
    "MinutesToReady" INTEGER NULL,
    "OriginLocationCode" TEXT NOT NULL,
    "PickupDeadline" INTEGER NULL,
    "PickupTimeZone" TEXT NULL,
    "ReadyAt" INTEGER NULL,
    "ReceivedAt" INTEGER NULL,
    "RejectedAt" INTEGER NULL,
    "RejectionReason" TEXT NULL,
    "ReplacesFulfilmentId" TEXT NULL,
    "RoutingCandidateCount" INTEGER NOT NULL,
    "RoutingCandidates" TEXT NOT NULL,
    "RoutingStrategy" TEXT NOT NULL,
    "ShippedAt" INTEGER NULL,
    "Status" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    CONSTRAINT "PK_Fulfilments" PRIMARY KEY ("OrderId", "Id"),
    CONSTRAINT "FK_Fulfilments_Locations_OriginLocationCode" FOREIGN KEY ("OriginLocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
    CONSTRAINT "FK_Fulfilments_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_Fulfilments" ("OrderId", "Id", "AddressCity", "AddressCountry", "AddressLine1", "AddressPostalCode", "CancelledAt", "Code", "CollectedAt", "CreatedAt", "DeliveredAt", "DestinationLatitude", "DestinationLocationCode", "DestinationLongitude", "DistanceKm", "ExpiredAt", "MinutesToReady", "OriginLocationCode", "PickupDeadline", "PickupTimeZone", "ReadyAt", "ReceivedAt", "RejectedAt", "RejectionReason", "ReplacesFulfilmentId", "RoutingCandidateCount", "RoutingCandidates", "RoutingStrategy", "ShippedAt", "Status", "Type")
SELECT "OrderId", "Id", "AddressCity", "AddressCountry", "AddressLine1", "AddressPostalCode", "CancelledAt", "Code", "CollectedAt", "CreatedAt", "DeliveredAt", "DestinationLatitude", "DestinationLocationCode", "DestinationLongitude", "DistanceKm", "ExpiredAt", "MinutesToReady", "OriginLocationCode", "PickupDeadline", "PickupTimeZone", "ReadyAt", "ReceivedAt", "RejectedAt", "RejectionReason", "ReplacesFulfilmentId", "RoutingCandidateCount", "RoutingCandidates", "RoutingStrategy", "ShippedAt", "Status", "Type"
FROM "Fulfilments";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "FulfilmentLines";

ALTER TABLE "ef_temp_FulfilmentLines" RENAME TO "FulfilmentLines";

DROP TABLE "FulfilmentRoutings";

ALTER TABLE "ef_temp_FulfilmentRoutings" RENAME TO "FulfilmentRoutings";

DROP TABLE "ReturnLines";

ALTER TABLE "ef_temp_ReturnLines" RENAME TO "ReturnLines";

DROP TABLE "Returns";

ALTER TABLE "ef_temp_Returns" RENAME TO "Returns";

DROP TABLE "Fulfilments";

ALTER TABLE "ef_temp_Fulfilments" RENAME TO "Fulfilments";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Returns_CreatedAt" ON "Returns" ("CreatedAt");

CREATE INDEX "IX_Returns_Id" ON "Returns" ("Id");

CREATE INDEX "IX_Returns_LocationCode" ON "Returns" ("LocationCode");

CREATE INDEX "IX_Returns_OrderId_CreatedAt" ON "Returns" ("OrderId", "CreatedAt");

CREATE INDEX "IX_Fulfilments_CreatedAt_Code" ON "Fulfilments" ("CreatedAt", "Code");

CREATE INDEX "IX_Fulfilments_DestinationLocationCode_CreatedAt" ON "Fulfilments" ("DestinationLocationCode", "CreatedAt");

CREATE INDEX "IX_Fulfilments_Id" ON "Fulfilments" ("Id");

CREATE UNIQUE INDEX "IX_Fulfilments_OrderId_Code" ON "Fulfilments" ("OrderId", "Code");

CREATE INDEX "IX_Fulfilments_OriginLocationCode_CreatedAt" ON "Fulfilments" ("OriginLocationCode", "CreatedAt");

CREATE INDEX "IX_Fulfilments_Status_PickupDeadline" ON "Fulfilments" ("Status", "PickupDeadline");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203051720_DistributableKeys', '10.0.14');

BEGIN TRANSACTION;
DROP INDEX "IX_SalesHistory_Sku_Date";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203062325_SalesHistoryKeyOnly', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Reservations_CustomerEmail";

DROP INDEX "IX_Reservations_CustomerId";

DROP INDEX "IX_Orders_CustomerEmail";

DROP INDEX "IX_Orders_CustomerId";

DROP INDEX "IX_Orders_CustomerPhone";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203083043_CustomerColumnsUnindexed', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "WebhookSubscriptions" ADD "BatchSize" INTEGER NOT NULL DEFAULT 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203135700_WebhookBatchSize', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "WebhookSubscriptions" ADD "RetryThroughId" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203142633_WebhookBatchRetry', '10.0.14');

COMMIT;

