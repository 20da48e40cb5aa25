CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "IdempotencyRecords" (
        "Scope" character varying(200) NOT NULL,
        "Key" character varying(128) NOT NULL,
        "RequestHash" character varying(64) NOT NULL,
        "StatusCode" integer,
        "ContentType" character varying(100),
        "Body" text,
        "Location" character varying(500),
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY ("Scope", "Key")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "Locations" (
        "Code" character varying(64) NOT NULL,
        "Name" character varying(200) NOT NULL,
        "Kind" character varying(32) NOT NULL,
        "Latitude" double precision NOT NULL,
        "Longitude" double precision NOT NULL,
        "TimeZoneId" character varying(64) NOT NULL,
        "PickupEnabled" boolean NOT NULL,
        "ShipFromEnabled" boolean NOT NULL,
        "IsActive" boolean NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Locations" PRIMARY KEY ("Code")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "Products" (
        "Sku" character varying(64) NOT NULL,
        "Name" character varying(200) NOT NULL,
        "UnitPrice" numeric(18,2) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Products" PRIMARY KEY ("Sku")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "LocationOpeningHours" (
        "Day" integer NOT NULL,
        "LocationCode" character varying(64) NOT NULL,
        "Opens" time NOT NULL,
        "Closes" time NOT NULL,
        CONSTRAINT "PK_LocationOpeningHours" PRIMARY KEY ("LocationCode", "Day"),
        CONSTRAINT "FK_LocationOpeningHours_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "Reservations" (
        "Id" uuid NOT NULL,
        "LocationCode" character varying(64) NOT NULL,
        "Channel" character varying(32) NOT NULL,
        "CustomerId" character varying(128),
        "CustomerEmail" character varying(254),
        "CustomerPhone" character varying(32),
        "CustomerName" character varying(200),
        "Status" character varying(32) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "ExpiresAt" timestamp with time zone NOT NULL,
        "ClosedAt" timestamp with time zone,
        "Version" integer NOT NULL,
        CONSTRAINT "PK_Reservations" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Reservations_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "StockLines" (
        "LocationCode" character varying(64) NOT NULL,
        "Sku" character varying(64) NOT NULL,
        "OnHand" integer NOT NULL,
        "Reserved" integer NOT NULL,
        "SafetyStock" integer NOT NULL,
        CONSTRAINT "PK_StockLines" PRIMARY KEY ("LocationCode", "Sku"),
        CONSTRAINT "CK_StockLines_Figures" CHECK ("OnHand" >= 0 AND "Reserved" >= 0 AND "Reserved" <= "OnHand" AND "SafetyStock" >= 0),
        CONSTRAINT "FK_StockLines_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
        CONSTRAINT "FK_StockLines_Products_Sku" FOREIGN KEY ("Sku") REFERENCES "Products" ("Sku") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "ReservationLines" (
        "Sku" character varying(64) NOT NULL,
        "ReservationId" uuid NOT NULL,
        "Quantity" integer NOT NULL,
        CONSTRAINT "PK_ReservationLines" PRIMARY KEY ("ReservationId", "Sku"),
        CONSTRAINT "FK_ReservationLines_Reservations_ReservationId" FOREIGN KEY ("ReservationId") REFERENCES "Reservations" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE TABLE "StockMovements" (
        "Id" bigint GENERATED BY DEFAULT AS IDENTITY,
        "LocationCode" character varying(64) NOT NULL,
        "Sku" character varying(64) NOT NULL,
        "Kind" character varying(32) NOT NULL,
        "OnHandDelta" integer NOT NULL,
        "ReservedDelta" integer NOT NULL,
        "Reference" character varying(200),
        "OccurredAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_StockMovements" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_StockMovements_StockLines_LocationCode_Sku" FOREIGN KEY ("LocationCode", "Sku") REFERENCES "StockLines" ("LocationCode", "Sku") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_IdempotencyRecords_CreatedAt" ON "IdempotencyRecords" ("CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_Reservations_CustomerEmail" ON "Reservations" ("CustomerEmail");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_Reservations_CustomerId" ON "Reservations" ("CustomerId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_Reservations_LocationCode" ON "Reservations" ("LocationCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_Reservations_Status_ExpiresAt" ON "Reservations" ("Status", "ExpiresAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_StockLines_Sku" ON "StockLines" ("Sku");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    CREATE INDEX "IX_StockMovements_LocationCode_Sku_Id" ON "StockMovements" ("LocationCode", "Sku", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123070906_Initial') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123070906_Initial', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE TABLE "Orders" (
        "Id" uuid NOT NULL,
        "Number" character varying(32) NOT NULL,
        "Channel" character varying(32) NOT NULL,
        "CustomerId" character varying(128),
        "CustomerEmail" character varying(254),
        "CustomerPhone" character varying(32),
        "CustomerName" character varying(200),
        "Status" character varying(32) NOT NULL,
        "Subtotal" numeric(18,2) NOT NULL,
        "Discount" numeric(18,2) NOT NULL,
        "Total" numeric(18,2) NOT NULL,
        "PromoCode" character varying(64),
        "Currency" character varying(3) NOT NULL,
        "PlacedAt" timestamp with time zone NOT NULL,
        "CancelledAt" timestamp with time zone,
        "Version" integer NOT NULL,
        CONSTRAINT "PK_Orders" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE TABLE "Fulfilments" (
        "Id" uuid NOT NULL,
        "Code" character varying(40) NOT NULL,
        "OrderId" uuid NOT NULL,
        "Type" character varying(32) NOT NULL,
        "Status" character varying(32) NOT NULL,
        "OriginLocationCode" character varying(64) NOT NULL,
        "DestinationLocationCode" character varying(64),
        "AddressLine1" character varying(200),
        "AddressCity" character varying(100),
        "AddressPostalCode" character varying(20),
        "AddressCountry" character varying(2),
        "DestinationLatitude" double precision NOT NULL,
        "DestinationLongitude" double precision NOT NULL,
        "DistanceKm" double precision NOT NULL,
        "RoutingStrategy" character varying(64) NOT NULL,
        "PickupTimeZone" character varying(64),
        "CreatedAt" timestamp with time zone NOT NULL,
        "ShippedAt" timestamp with time zone,
        "ReceivedAt" timestamp with time zone,
        "ReadyAt" timestamp with time zone,
        "PickupDeadline" timestamp with time zone,
        "CollectedAt" timestamp with time zone,
        "DeliveredAt" timestamp with time zone,
        "ExpiredAt" timestamp with time zone,
        "CancelledAt" timestamp with time zone,
        "RoutingCandidates" text NOT NULL,
        CONSTRAINT "PK_Fulfilments" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Fulfilments_Locations_OriginLocationCode" FOREIGN KEY ("OriginLocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
        CONSTRAINT "FK_Fulfilments_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE TABLE "OrderLines" (
        "Sku" character varying(64) NOT NULL,
        "OrderId" uuid NOT NULL,
        "Quantity" integer NOT NULL,
        "UnitPrice" numeric(18,2) NOT NULL,
        "Discount" numeric(18,2) NOT NULL,
        "LineTotal" numeric(18,2) NOT NULL,
        CONSTRAINT "PK_OrderLines" PRIMARY KEY ("OrderId", "Sku"),
        CONSTRAINT "FK_OrderLines_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE TABLE "FulfilmentLines" (
        "Sku" character varying(64) NOT NULL,
        "FulfilmentId" uuid NOT NULL,
        "Quantity" integer NOT NULL,
        CONSTRAINT "PK_FulfilmentLines" PRIMARY KEY ("FulfilmentId", "Sku"),
        CONSTRAINT "FK_FulfilmentLines_Fulfilments_FulfilmentId" FOREIGN KEY ("FulfilmentId") REFERENCES "Fulfilments" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE UNIQUE INDEX "IX_Fulfilments_Code" ON "Fulfilments" ("Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Fulfilments_CreatedAt_Code" ON "Fulfilments" ("CreatedAt", "Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Fulfilments_DestinationLocationCode_CreatedAt" ON "Fulfilments" ("DestinationLocationCode", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Fulfilments_OrderId" ON "Fulfilments" ("OrderId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Fulfilments_OriginLocationCode_CreatedAt" ON "Fulfilments" ("OriginLocationCode", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Fulfilments_Status_PickupDeadline" ON "Fulfilments" ("Status", "PickupDeadline");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Orders_Channel_PlacedAt" ON "Orders" ("Channel", "PlacedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Orders_CustomerEmail" ON "Orders" ("CustomerEmail");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Orders_CustomerId" ON "Orders" ("CustomerId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Orders_CustomerPhone" ON "Orders" ("CustomerPhone");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE UNIQUE INDEX "IX_Orders_Number" ON "Orders" ("Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    CREATE INDEX "IX_Orders_PlacedAt_Number" ON "Orders" ("PlacedAt", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123071801_Orders') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123071801_Orders', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    ALTER TABLE "Orders" ADD "Mode" character varying(32) NOT NULL DEFAULT '';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    ALTER TABLE "Orders" ADD "RefundedAmount" numeric(18,2) NOT NULL DEFAULT 0.0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    ALTER TABLE "Orders" ADD "ReturnedUnits" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    ALTER TABLE "Orders" ADD "Units" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    ALTER TABLE "Fulfilments" ADD "MinutesToReady" integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    CREATE TABLE "Promotions" (
        "Code" character varying(64) NOT NULL,
        "Kind" character varying(32) NOT NULL,
        "Value" numeric(18,2) NOT NULL,
        "StartsAt" timestamp with time zone NOT NULL,
        "EndsAt" timestamp with time zone NOT NULL,
        "MinimumOrderTotal" numeric(18,2),
        "MaxRedemptions" integer,
        "Redemptions" integer NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Promotions" PRIMARY KEY ("Code"),
        CONSTRAINT "CK_Promotions_Redemptions" CHECK ("Redemptions" >= 0)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    CREATE TABLE "Returns" (
        "Id" uuid NOT NULL,
        "OrderId" uuid NOT NULL,
        "OrderNumber" character varying(32) NOT NULL,
        "LocationCode" character varying(64) NOT NULL,
        "Reason" character varying(500) NOT NULL,
        "RefundAmount" numeric(18,2) NOT NULL,
        "Currency" character varying(3) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Returns" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Returns_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
        CONSTRAINT "FK_Returns_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    CREATE TABLE "ReturnLines" (
        "Sku" character varying(64) NOT NULL,
        "Condition" character varying(32) NOT NULL,
        "ReturnId" uuid NOT NULL,
        "Quantity" integer NOT NULL,
        "RefundAmount" numeric(18,2) NOT NULL,
        CONSTRAINT "PK_ReturnLines" PRIMARY KEY ("ReturnId", "Sku", "Condition"),
        CONSTRAINT "FK_ReturnLines_Returns_ReturnId" FOREIGN KEY ("ReturnId") REFERENCES "Returns" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    CREATE INDEX "IX_Returns_CreatedAt" ON "Returns" ("CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    CREATE INDEX "IX_Returns_LocationCode" ON "Returns" ("LocationCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    CREATE INDEX "IX_Returns_OrderId_CreatedAt" ON "Returns" ("OrderId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123074138_ReturnsPromotionsAnalytics') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123074138_ReturnsPromotionsAnalytics', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202203523_SalesHistory') THEN
    CREATE TABLE "SalesHistory" (
        "Sku" character varying(64) NOT NULL,
        "LocationCode" character varying(64) NOT NULL,
        "Date" date NOT NULL,
        "Channel" character varying(32) NOT NULL,
        "Quantity" integer NOT NULL,
        "ImportedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_SalesHistory" PRIMARY KEY ("Sku", "LocationCode", "Date", "Channel"),
        CONSTRAINT "FK_SalesHistory_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE RESTRICT,
        CONSTRAINT "FK_SalesHistory_Products_Sku" FOREIGN KEY ("Sku") REFERENCES "Products" ("Sku") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202203523_SalesHistory') THEN
    CREATE INDEX "IX_SalesHistory_LocationCode" ON "SalesHistory" ("LocationCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202203523_SalesHistory') THEN
    CREATE INDEX "IX_SalesHistory_Sku_Date" ON "SalesHistory" ("Sku", "Date");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202203523_SalesHistory') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202203523_SalesHistory', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202212630_StoreCapacity') THEN
    ALTER TABLE "Locations" ADD "DailyCapacity" integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202212630_StoreCapacity') THEN
    CREATE TABLE "LocationCapacityDays" (
        "LocationCode" character varying(64) NOT NULL,
        "Day" character varying(10) NOT NULL,
        "Used" integer NOT NULL,
        CONSTRAINT "PK_LocationCapacityDays" PRIMARY KEY ("LocationCode", "Day"),
        CONSTRAINT "CK_LocationCapacityDays_Used" CHECK ("Used" >= 0),
        CONSTRAINT "FK_LocationCapacityDays_Locations_LocationCode" FOREIGN KEY ("LocationCode") REFERENCES "Locations" ("Code") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202212630_StoreCapacity') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202212630_StoreCapacity', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    ALTER TABLE "OrderLines" ADD "CancelledAmount" numeric(18,2) NOT NULL DEFAULT 0.0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    ALTER TABLE "OrderLines" ADD "CancelledQuantity" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    ALTER TABLE "Fulfilments" ADD "RejectedAt" timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    ALTER TABLE "Fulfilments" ADD "RejectionReason" character varying(32);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    ALTER TABLE "Fulfilments" ADD "ReplacesFulfilmentId" uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    ALTER TABLE "FulfilmentLines" ADD "RejectedQuantity" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202222136_FulfilmentRejection') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202222136_FulfilmentRejection', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    ALTER TABLE "StockLines" ADD "LowStockThreshold" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    CREATE TABLE "Events" (
        "Id" bigint GENERATED BY DEFAULT AS IDENTITY,
        "Type" character varying(64) NOT NULL,
        "OccurredAt" timestamp with time zone NOT NULL,
        "Data" text NOT NULL,
        "Locations" text,
        CONSTRAINT "PK_Events" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    CREATE TABLE "WebhookSubscriptions" (
        "Id" uuid NOT NULL,
        "Url" character varying(2000) NOT NULL,
        "EventTypes" character varying(2000) NOT NULL,
        "Description" character varying(500),
        "Secret" character varying(100) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "Status" character varying(32) NOT NULL,
        "DisabledReason" character varying(1000),
        "DisabledAt" timestamp with time zone,
        "Cursor" bigint NOT NULL,
        "FailedAttempts" integer NOT NULL,
        "FailingSince" timestamp with time zone,
        "LastError" character varying(500),
        "DueAtMs" bigint NOT NULL,
        "LeaseOwner" character varying(64),
        "LeaseUntilMs" bigint NOT NULL,
        CONSTRAINT "PK_WebhookSubscriptions" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    CREATE TABLE "WebhookDeliveries" (
        "Id" bigint GENERATED BY DEFAULT AS IDENTITY,
        "SubscriptionId" uuid NOT NULL,
        "EventId" bigint NOT NULL,
        "Type" character varying(64) NOT NULL,
        "Attempt" integer NOT NULL,
        "StatusCode" integer,
        "Error" character varying(500),
        "At" timestamp with time zone NOT NULL,
        "DurationMs" integer NOT NULL,
        CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId" FOREIGN KEY ("SubscriptionId") REFERENCES "WebhookSubscriptions" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    CREATE INDEX "IX_WebhookDeliveries_At" ON "WebhookDeliveries" ("At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    CREATE INDEX "IX_WebhookDeliveries_SubscriptionId_Id" ON "WebhookDeliveries" ("SubscriptionId", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    CREATE INDEX "IX_WebhookSubscriptions_Status_DueAtMs" ON "WebhookSubscriptions" ("Status", "DueAtMs");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202225403_EventsOutboxAndWebhooks') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202225403_EventsOutboxAndWebhooks', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202235044_TillSales') THEN
    ALTER TABLE "Reservations" ADD "OrderId" uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202235044_TillSales') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202235044_TillSales', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203005813_FulfilmentRoutings') THEN
    ALTER TABLE "Fulfilments" ADD "RoutingCandidateCount" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203005813_FulfilmentRoutings') THEN
    CREATE TABLE "FulfilmentRoutings" (
        "FulfilmentId" uuid NOT NULL,
        "Candidates" text NOT NULL,
        CONSTRAINT "PK_FulfilmentRoutings" PRIMARY KEY ("FulfilmentId"),
        CONSTRAINT "FK_FulfilmentRoutings_Fulfilments_FulfilmentId" FOREIGN KEY ("FulfilmentId") REFERENCES "Fulfilments" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203005813_FulfilmentRoutings') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203005813_FulfilmentRoutings', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    CREATE TABLE "Customers" (
        "Id" character varying(40) NOT NULL,
        "MergedIntoId" character varying(40),
        CONSTRAINT "PK_Customers" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    CREATE TABLE "CustomerIdentifiers" (
        "Kind" character varying(8) NOT NULL,
        "Value" character varying(254) NOT NULL,
        "Display" character varying(254) NOT NULL,
        "CustomerId" character varying(40) NOT NULL,
        CONSTRAINT "PK_CustomerIdentifiers" PRIMARY KEY ("Kind", "Value"),
        CONSTRAINT "FK_CustomerIdentifiers_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    CREATE TABLE "CustomerLinks" (
        "Activity" character varying(16) NOT NULL,
        "SubjectId" uuid NOT NULL,
        "CustomerId" character varying(40) NOT NULL,
        "Channel" character varying(32) NOT NULL,
        "Name" character varying(200),
        "At" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_CustomerLinks" PRIMARY KEY ("Activity", "SubjectId"),
        CONSTRAINT "FK_CustomerLinks_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    CREATE INDEX "IX_CustomerIdentifiers_CustomerId" ON "CustomerIdentifiers" ("CustomerId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    CREATE INDEX "IX_CustomerLinks_CustomerId_At" ON "CustomerLinks" ("CustomerId", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    CREATE INDEX "IX_Customers_MergedIntoId" ON "Customers" ("MergedIntoId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203013258_CustomerRegistry') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203013258_CustomerRegistry', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentLines" DROP CONSTRAINT "FK_FulfilmentLines_Fulfilments_FulfilmentId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentRoutings" DROP CONSTRAINT "FK_FulfilmentRoutings_Fulfilments_FulfilmentId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "ReturnLines" DROP CONSTRAINT "FK_ReturnLines_Returns_ReturnId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "StockMovements" DROP CONSTRAINT "PK_StockMovements";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "Returns" DROP CONSTRAINT "PK_Returns";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "ReturnLines" DROP CONSTRAINT "PK_ReturnLines";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    DROP INDEX "IX_Orders_Number";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "Fulfilments" DROP CONSTRAINT "PK_Fulfilments";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    DROP INDEX "IX_Fulfilments_Code";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    DROP INDEX "IX_Fulfilments_OrderId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentRoutings" DROP CONSTRAINT "PK_FulfilmentRoutings";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentLines" DROP CONSTRAINT "PK_FulfilmentLines";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "ReturnLines" ADD "OrderId" uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentRoutings" ADD "OrderId" uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentLines" ADD "OrderId" uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    UPDATE "FulfilmentLines" SET "OrderId" = (SELECT f."OrderId" FROM "Fulfilments" f WHERE f."Id" = "FulfilmentLines"."FulfilmentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    UPDATE "FulfilmentRoutings" SET "OrderId" = (SELECT f."OrderId" FROM "Fulfilments" f WHERE f."Id" = "FulfilmentRoutings"."FulfilmentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    UPDATE "ReturnLines" SET "OrderId" = (SELECT r."OrderId" FROM "Returns" r WHERE r."Id" = "ReturnLines"."ReturnId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "StockMovements" ADD CONSTRAINT "PK_StockMovements" PRIMARY KEY ("Sku", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "Returns" ADD CONSTRAINT "PK_Returns" PRIMARY KEY ("OrderId", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "ReturnLines" ADD CONSTRAINT "PK_ReturnLines" PRIMARY KEY ("OrderId", "ReturnId", "Sku", "Condition");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "Fulfilments" ADD CONSTRAINT "PK_Fulfilments" PRIMARY KEY ("OrderId", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentRoutings" ADD CONSTRAINT "PK_FulfilmentRoutings" PRIMARY KEY ("OrderId", "FulfilmentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentLines" ADD CONSTRAINT "PK_FulfilmentLines" PRIMARY KEY ("OrderId", "FulfilmentId", "Sku");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    CREATE INDEX "IX_Returns_Id" ON "Returns" ("Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    CREATE INDEX "IX_Orders_Number" ON "Orders" ("Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    CREATE INDEX "IX_Fulfilments_Id" ON "Fulfilments" ("Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    CREATE UNIQUE INDEX "IX_Fulfilments_OrderId_Code" ON "Fulfilments" ("OrderId", "Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentLines" ADD CONSTRAINT "FK_FulfilmentLines_Fulfilments_OrderId_FulfilmentId" FOREIGN KEY ("OrderId", "FulfilmentId") REFERENCES "Fulfilments" ("OrderId", "Id") ON DELETE CASCADE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "FulfilmentRoutings" ADD CONSTRAINT "FK_FulfilmentRoutings_Fulfilments_OrderId_FulfilmentId" FOREIGN KEY ("OrderId", "FulfilmentId") REFERENCES "Fulfilments" ("OrderId", "Id") ON DELETE CASCADE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    ALTER TABLE "ReturnLines" ADD CONSTRAINT "FK_ReturnLines_Returns_OrderId_ReturnId" FOREIGN KEY ("OrderId", "ReturnId") REFERENCES "Returns" ("OrderId", "Id") ON DELETE CASCADE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203051717_DistributableKeys') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203051717_DistributableKeys', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203062320_SalesHistoryKeyOnly') THEN
    DROP INDEX "IX_SalesHistory_Sku_Date";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203062320_SalesHistoryKeyOnly') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203062320_SalesHistoryKeyOnly', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203083039_CustomerColumnsUnindexed') THEN
    DROP INDEX "IX_Reservations_CustomerEmail";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203083039_CustomerColumnsUnindexed') THEN
    DROP INDEX "IX_Reservations_CustomerId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203083039_CustomerColumnsUnindexed') THEN
    DROP INDEX "IX_Orders_CustomerEmail";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203083039_CustomerColumnsUnindexed') THEN
    DROP INDEX "IX_Orders_CustomerId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203083039_CustomerColumnsUnindexed') THEN
    DROP INDEX "IX_Orders_CustomerPhone";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203083039_CustomerColumnsUnindexed') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203083039_CustomerColumnsUnindexed', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203135656_WebhookBatchSize') THEN
    ALTER TABLE "WebhookSubscriptions" ADD "BatchSize" integer NOT NULL DEFAULT 1;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203135656_WebhookBatchSize') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203135656_WebhookBatchSize', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203142629_WebhookBatchRetry') THEN
    ALTER TABLE "WebhookSubscriptions" ADD "RetryThroughId" bigint;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203142629_WebhookBatchRetry') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203142629_WebhookBatchRetry', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204235247_Lz4ForLongText') THEN
    ALTER TABLE "Fulfilments" ALTER COLUMN "RoutingCandidates" SET COMPRESSION lz4;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204235247_Lz4ForLongText') THEN
    ALTER TABLE "FulfilmentRoutings" ALTER COLUMN "Candidates" SET COMPRESSION lz4;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204235247_Lz4ForLongText') THEN
    ALTER TABLE "Events" ALTER COLUMN "Data" SET COMPRESSION lz4;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204235247_Lz4ForLongText') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204235247_Lz4ForLongText', '10.0.14');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206020859_StockLinesFillFactor') THEN
    ALTER TABLE "StockLines" SET (fillfactor=85);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206020859_StockLinesFillFactor') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261206020859_StockLinesFillFactor', '10.0.14');
    END IF;
END $EF$;
COMMIT;

