IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [IdempotencyRecords] (
        [Scope] nvarchar(200) NOT NULL,
        [Key] nvarchar(128) NOT NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [StatusCode] int NULL,
        [ContentType] nvarchar(100) NULL,
        [Body] nvarchar(max) NULL,
        [Location] nvarchar(500) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Scope], [Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [Locations] (
        [Code] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Latitude] float NOT NULL,
        [Longitude] float NOT NULL,
        [TimeZoneId] nvarchar(64) NOT NULL,
        [PickupEnabled] bit NOT NULL,
        [ShipFromEnabled] bit NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Locations] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [Products] (
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [UnitPrice] decimal(18,2) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Products] PRIMARY KEY ([Sku])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [LocationOpeningHours] (
        [Day] int NOT NULL,
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Opens] time NOT NULL,
        [Closes] time NOT NULL,
        CONSTRAINT [PK_LocationOpeningHours] PRIMARY KEY ([LocationCode], [Day]),
        CONSTRAINT [FK_LocationOpeningHours_Locations_LocationCode] FOREIGN KEY ([LocationCode]) REFERENCES [Locations] ([Code]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [Reservations] (
        [Id] uniqueidentifier NOT NULL,
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [CustomerId] nvarchar(128) NULL,
        [CustomerEmail] nvarchar(254) NULL,
        [CustomerPhone] nvarchar(32) NULL,
        [CustomerName] nvarchar(200) NULL,
        [Status] nvarchar(32) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [ClosedAt] datetime2 NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Reservations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Reservations_Locations_LocationCode] FOREIGN KEY ([LocationCode]) REFERENCES [Locations] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [StockLines] (
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [OnHand] int NOT NULL,
        [Reserved] int NOT NULL,
        [SafetyStock] int NOT NULL,
        CONSTRAINT [PK_StockLines] PRIMARY KEY ([LocationCode], [Sku]),
        CONSTRAINT [CK_StockLines_Figures] CHECK ([OnHand] >= 0 AND [Reserved] >= 0 AND [Reserved] <= [OnHand] AND [SafetyStock] >= 0),
        CONSTRAINT [FK_StockLines_Locations_LocationCode] FOREIGN KEY ([LocationCode]) REFERENCES [Locations] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_StockLines_Products_Sku] FOREIGN KEY ([Sku]) REFERENCES [Products] ([Sku]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [ReservationLines] (
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [ReservationId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        CONSTRAINT [PK_ReservationLines] PRIMARY KEY ([ReservationId], [Sku]),
        CONSTRAINT [FK_ReservationLines_Reservations_ReservationId] FOREIGN KEY ([ReservationId]) REFERENCES [Reservations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE TABLE [StockMovements] (
        [Id] bigint NOT NULL IDENTITY,
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [OnHandDelta] int NOT NULL,
        [ReservedDelta] int NOT NULL,
        [Reference] nvarchar(200) NULL,
        [OccurredAt] datetime2 NOT NULL,
        CONSTRAINT [PK_StockMovements] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_StockMovements_StockLines_LocationCode_Sku] FOREIGN KEY ([LocationCode], [Sku]) REFERENCES [StockLines] ([LocationCode], [Sku]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_IdempotencyRecords_CreatedAt] ON [IdempotencyRecords] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_Reservations_CustomerEmail] ON [Reservations] ([CustomerEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_Reservations_CustomerId] ON [Reservations] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_Reservations_LocationCode] ON [Reservations] ([LocationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_Reservations_Status_ExpiresAt] ON [Reservations] ([Status], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_StockLines_Sku] ON [StockLines] ([Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    CREATE INDEX [IX_StockMovements_LocationCode_Sku_Id] ON [StockMovements] ([LocationCode], [Sku], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123070856_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123070856_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(32) NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [CustomerId] nvarchar(128) NULL,
        [CustomerEmail] nvarchar(254) NULL,
        [CustomerPhone] nvarchar(32) NULL,
        [CustomerName] nvarchar(200) NULL,
        [Status] nvarchar(32) NOT NULL,
        [Subtotal] decimal(18,2) NOT NULL,
        [Discount] decimal(18,2) NOT NULL,
        [Total] decimal(18,2) NOT NULL,
        [PromoCode] nvarchar(64) NULL,
        [Currency] nvarchar(3) NOT NULL,
        [PlacedAt] datetime2 NOT NULL,
        [CancelledAt] datetime2 NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE TABLE [Fulfilments] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nvarchar(40) NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [OriginLocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [DestinationLocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        [AddressLine1] nvarchar(200) NULL,
        [AddressCity] nvarchar(100) NULL,
        [AddressPostalCode] nvarchar(20) NULL,
        [AddressCountry] nvarchar(2) NULL,
        [DestinationLatitude] float NOT NULL,
        [DestinationLongitude] float NOT NULL,
        [DistanceKm] float NOT NULL,
        [RoutingStrategy] nvarchar(64) NOT NULL,
        [PickupTimeZone] nvarchar(64) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ShippedAt] datetime2 NULL,
        [ReceivedAt] datetime2 NULL,
        [ReadyAt] datetime2 NULL,
        [PickupDeadline] datetime2 NULL,
        [CollectedAt] datetime2 NULL,
        [DeliveredAt] datetime2 NULL,
        [ExpiredAt] datetime2 NULL,
        [CancelledAt] datetime2 NULL,
        [RoutingCandidates] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Fulfilments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Fulfilments_Locations_OriginLocationCode] FOREIGN KEY ([OriginLocationCode]) REFERENCES [Locations] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Fulfilments_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE TABLE [OrderLines] (
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        [UnitPrice] decimal(18,2) NOT NULL,
        [Discount] decimal(18,2) NOT NULL,
        [LineTotal] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_OrderLines] PRIMARY KEY ([OrderId], [Sku]),
        CONSTRAINT [FK_OrderLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE TABLE [FulfilmentLines] (
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [FulfilmentId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        CONSTRAINT [PK_FulfilmentLines] PRIMARY KEY ([FulfilmentId], [Sku]),
        CONSTRAINT [FK_FulfilmentLines_Fulfilments_FulfilmentId] FOREIGN KEY ([FulfilmentId]) REFERENCES [Fulfilments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Fulfilments_Code] ON [Fulfilments] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Fulfilments_CreatedAt_Code] ON [Fulfilments] ([CreatedAt], [Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Fulfilments_DestinationLocationCode_CreatedAt] ON [Fulfilments] ([DestinationLocationCode], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Fulfilments_OrderId] ON [Fulfilments] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Fulfilments_OriginLocationCode_CreatedAt] ON [Fulfilments] ([OriginLocationCode], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Fulfilments_Status_PickupDeadline] ON [Fulfilments] ([Status], [PickupDeadline]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Orders_Channel_PlacedAt] ON [Orders] ([Channel], [PlacedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Orders_CustomerEmail] ON [Orders] ([CustomerEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Orders_CustomerId] ON [Orders] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Orders_CustomerPhone] ON [Orders] ([CustomerPhone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Orders_Number] ON [Orders] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    CREATE INDEX [IX_Orders_PlacedAt_Number] ON [Orders] ([PlacedAt], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123071757_Orders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123071757_Orders', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    ALTER TABLE [Orders] ADD [Mode] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    ALTER TABLE [Orders] ADD [RefundedAmount] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    ALTER TABLE [Orders] ADD [ReturnedUnits] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    ALTER TABLE [Orders] ADD [Units] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    ALTER TABLE [Fulfilments] ADD [MinutesToReady] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    CREATE TABLE [Promotions] (
        [Code] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Value] decimal(18,2) NOT NULL,
        [StartsAt] datetime2 NOT NULL,
        [EndsAt] datetime2 NOT NULL,
        [MinimumOrderTotal] decimal(18,2) NULL,
        [MaxRedemptions] int NULL,
        [Redemptions] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Promotions] PRIMARY KEY ([Code]),
        CONSTRAINT [CK_Promotions_Redemptions] CHECK ("Redemptions" >= 0)
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    CREATE TABLE [Returns] (
        [Id] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [OrderNumber] nvarchar(32) NOT NULL,
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [RefundAmount] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Returns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Returns_Locations_LocationCode] FOREIGN KEY ([LocationCode]) REFERENCES [Locations] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Returns_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    CREATE TABLE [ReturnLines] (
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Condition] nvarchar(32) NOT NULL,
        [ReturnId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        [RefundAmount] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_ReturnLines] PRIMARY KEY ([ReturnId], [Sku], [Condition]),
        CONSTRAINT [FK_ReturnLines_Returns_ReturnId] FOREIGN KEY ([ReturnId]) REFERENCES [Returns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    CREATE INDEX [IX_Returns_CreatedAt] ON [Returns] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    CREATE INDEX [IX_Returns_LocationCode] ON [Returns] ([LocationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    CREATE INDEX [IX_Returns_OrderId_CreatedAt] ON [Returns] ([OrderId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074126_ReturnsPromotionsAnalytics'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123074126_ReturnsPromotionsAnalytics', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202203513_SalesHistory'
)
BEGIN
    CREATE TABLE [SalesHistory] (
        [Sku] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Date] date NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [Quantity] int NOT NULL,
        [ImportedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_SalesHistory] PRIMARY KEY ([Sku], [LocationCode], [Date], [Channel]),
        CONSTRAINT [FK_SalesHistory_Locations_LocationCode] FOREIGN KEY ([LocationCode]) REFERENCES [Locations] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SalesHistory_Products_Sku] FOREIGN KEY ([Sku]) REFERENCES [Products] ([Sku]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202203513_SalesHistory'
)
BEGIN
    CREATE INDEX [IX_SalesHistory_LocationCode] ON [SalesHistory] ([LocationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202203513_SalesHistory'
)
BEGIN
    CREATE INDEX [IX_SalesHistory_Sku_Date] ON [SalesHistory] ([Sku], [Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202203513_SalesHistory'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202203513_SalesHistory', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202212613_StoreCapacity'
)
BEGIN
    ALTER TABLE [Locations] ADD [DailyCapacity] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202212613_StoreCapacity'
)
BEGIN
    CREATE TABLE [LocationCapacityDays] (
        [LocationCode] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [Day] varchar(10) NOT NULL,
        [Used] int NOT NULL,
        CONSTRAINT [PK_LocationCapacityDays] PRIMARY KEY ([LocationCode], [Day]),
        CONSTRAINT [CK_LocationCapacityDays_Used] CHECK ("Used" >= 0),
        CONSTRAINT [FK_LocationCapacityDays_Locations_LocationCode] FOREIGN KEY ([LocationCode]) REFERENCES [Locations] ([Code]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202212613_StoreCapacity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202212613_StoreCapacity', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    ALTER TABLE [OrderLines] ADD [CancelledAmount] decimal(18,2) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    ALTER TABLE [OrderLines] ADD [CancelledQuantity] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    ALTER TABLE [Fulfilments] ADD [RejectedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    ALTER TABLE [Fulfilments] ADD [RejectionReason] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    ALTER TABLE [Fulfilments] ADD [ReplacesFulfilmentId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    ALTER TABLE [FulfilmentLines] ADD [RejectedQuantity] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202222118_FulfilmentRejection'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202222118_FulfilmentRejection', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    ALTER TABLE [StockLines] ADD [LowStockThreshold] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    CREATE TABLE [Events] (
        [Id] bigint NOT NULL IDENTITY,
        [Type] nvarchar(64) NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [Data] nvarchar(max) NOT NULL,
        [Locations] nvarchar(max) NULL,
        CONSTRAINT [PK_Events] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    CREATE TABLE [WebhookSubscriptions] (
        [Id] uniqueidentifier NOT NULL,
        [Url] nvarchar(2000) NOT NULL,
        [EventTypes] nvarchar(2000) NOT NULL,
        [Description] nvarchar(500) NULL,
        [Secret] nvarchar(100) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [DisabledReason] nvarchar(1000) NULL,
        [DisabledAt] datetime2 NULL,
        [Cursor] bigint NOT NULL,
        [FailedAttempts] int NOT NULL,
        [FailingSince] datetime2 NULL,
        [LastError] nvarchar(500) NULL,
        [DueAtMs] bigint NOT NULL,
        [LeaseOwner] nvarchar(64) NULL,
        [LeaseUntilMs] bigint NOT NULL,
        CONSTRAINT [PK_WebhookSubscriptions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] bigint NOT NULL IDENTITY,
        [SubscriptionId] uniqueidentifier NOT NULL,
        [EventId] bigint NOT NULL,
        [Type] nvarchar(64) NOT NULL,
        [Attempt] int NOT NULL,
        [StatusCode] int NULL,
        [Error] nvarchar(500) NULL,
        [At] datetime2 NOT NULL,
        [DurationMs] int NOT NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [WebhookSubscriptions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_At] ON [WebhookDeliveries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_SubscriptionId_Id] ON [WebhookDeliveries] ([SubscriptionId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookSubscriptions_Status_DueAtMs] ON [WebhookSubscriptions] ([Status], [DueAtMs]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202225359_EventsOutboxAndWebhooks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202225359_EventsOutboxAndWebhooks', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202235040_TillSales'
)
BEGIN
    ALTER TABLE [Reservations] ADD [OrderId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202235040_TillSales'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202235040_TillSales', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203005809_FulfilmentRoutings'
)
BEGIN
    ALTER TABLE [Fulfilments] ADD [RoutingCandidateCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203005809_FulfilmentRoutings'
)
BEGIN
    CREATE TABLE [FulfilmentRoutings] (
        [FulfilmentId] uniqueidentifier NOT NULL,
        [Candidates] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_FulfilmentRoutings] PRIMARY KEY ([FulfilmentId]),
        CONSTRAINT [FK_FulfilmentRoutings_Fulfilments_FulfilmentId] FOREIGN KEY ([FulfilmentId]) REFERENCES [Fulfilments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203005809_FulfilmentRoutings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203005809_FulfilmentRoutings', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    CREATE TABLE [Customers] (
        [Id] nvarchar(40) NOT NULL,
        [MergedIntoId] nvarchar(40) NULL,
        CONSTRAINT [PK_Customers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    CREATE TABLE [CustomerIdentifiers] (
        [Kind] nvarchar(8) NOT NULL,
        [Value] nvarchar(254) NOT NULL,
        [Display] nvarchar(254) NOT NULL,
        [CustomerId] nvarchar(40) NOT NULL,
        CONSTRAINT [PK_CustomerIdentifiers] PRIMARY KEY ([Kind], [Value]),
        CONSTRAINT [FK_CustomerIdentifiers_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    CREATE TABLE [CustomerLinks] (
        [Activity] nvarchar(16) NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [CustomerId] nvarchar(40) NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [Name] nvarchar(200) NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_CustomerLinks] PRIMARY KEY ([Activity], [SubjectId]),
        CONSTRAINT [FK_CustomerLinks_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    CREATE INDEX [IX_CustomerIdentifiers_CustomerId] ON [CustomerIdentifiers] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    CREATE INDEX [IX_CustomerLinks_CustomerId_At] ON [CustomerLinks] ([CustomerId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    CREATE INDEX [IX_Customers_MergedIntoId] ON [Customers] ([MergedIntoId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203013248_CustomerRegistry'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203013248_CustomerRegistry', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentLines] DROP CONSTRAINT [FK_FulfilmentLines_Fulfilments_FulfilmentId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentRoutings] DROP CONSTRAINT [FK_FulfilmentRoutings_Fulfilments_FulfilmentId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [ReturnLines] DROP CONSTRAINT [FK_ReturnLines_Returns_ReturnId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [StockMovements] DROP CONSTRAINT [PK_StockMovements];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [Returns] DROP CONSTRAINT [PK_Returns];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [ReturnLines] DROP CONSTRAINT [PK_ReturnLines];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    DROP INDEX [IX_Orders_Number] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [Fulfilments] DROP CONSTRAINT [PK_Fulfilments];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    DROP INDEX [IX_Fulfilments_Code] ON [Fulfilments];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    DROP INDEX [IX_Fulfilments_OrderId] ON [Fulfilments];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentRoutings] DROP CONSTRAINT [PK_FulfilmentRoutings];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentLines] DROP CONSTRAINT [PK_FulfilmentLines];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [ReturnLines] ADD [OrderId] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentRoutings] ADD [OrderId] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentLines] ADD [OrderId] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    UPDATE [FulfilmentLines] SET [OrderId] = (SELECT f.[OrderId] FROM [Fulfilments] f WHERE f.[Id] = [FulfilmentLines].[FulfilmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    UPDATE [FulfilmentRoutings] SET [OrderId] = (SELECT f.[OrderId] FROM [Fulfilments] f WHERE f.[Id] = [FulfilmentRoutings].[FulfilmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    UPDATE [ReturnLines] SET [OrderId] = (SELECT r.[OrderId] FROM [Returns] r WHERE r.[Id] = [ReturnLines].[ReturnId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [StockMovements] ADD CONSTRAINT [PK_StockMovements] PRIMARY KEY ([Sku], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [Returns] ADD CONSTRAINT [PK_Returns] PRIMARY KEY ([OrderId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [ReturnLines] ADD CONSTRAINT [PK_ReturnLines] PRIMARY KEY ([OrderId], [ReturnId], [Sku], [Condition]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [Fulfilments] ADD CONSTRAINT [PK_Fulfilments] PRIMARY KEY ([OrderId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentRoutings] ADD CONSTRAINT [PK_FulfilmentRoutings] PRIMARY KEY ([OrderId], [FulfilmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentLines] ADD CONSTRAINT [PK_FulfilmentLines] PRIMARY KEY ([OrderId], [FulfilmentId], [Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    CREATE INDEX [IX_Returns_Id] ON [Returns] ([Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    CREATE INDEX [IX_Orders_Number] ON [Orders] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    CREATE INDEX [IX_Fulfilments_Id] ON [Fulfilments] ([Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Fulfilments_OrderId_Code] ON [Fulfilments] ([OrderId], [Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentLines] ADD CONSTRAINT [FK_FulfilmentLines_Fulfilments_OrderId_FulfilmentId] FOREIGN KEY ([OrderId], [FulfilmentId]) REFERENCES [Fulfilments] ([OrderId], [Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [FulfilmentRoutings] ADD CONSTRAINT [FK_FulfilmentRoutings_Fulfilments_OrderId_FulfilmentId] FOREIGN KEY ([OrderId], [FulfilmentId]) REFERENCES [Fulfilments] ([OrderId], [Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    ALTER TABLE [ReturnLines] ADD CONSTRAINT [FK_ReturnLines_Returns_OrderId_ReturnId] FOREIGN KEY ([OrderId], [ReturnId]) REFERENCES [Returns] ([OrderId], [Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203051714_DistributableKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203051714_DistributableKeys', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062316_SalesHistoryKeyOnly'
)
BEGIN
    DROP INDEX [IX_SalesHistory_Sku_Date] ON [SalesHistory];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062316_SalesHistoryKeyOnly'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203062316_SalesHistoryKeyOnly', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203083034_CustomerColumnsUnindexed'
)
BEGIN
    DROP INDEX [IX_Reservations_CustomerEmail] ON [Reservations];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203083034_CustomerColumnsUnindexed'
)
BEGIN
    DROP INDEX [IX_Reservations_CustomerId] ON [Reservations];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203083034_CustomerColumnsUnindexed'
)
BEGIN
    DROP INDEX [IX_Orders_CustomerEmail] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203083034_CustomerColumnsUnindexed'
)
BEGIN
    DROP INDEX [IX_Orders_CustomerId] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203083034_CustomerColumnsUnindexed'
)
BEGIN
    DROP INDEX [IX_Orders_CustomerPhone] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203083034_CustomerColumnsUnindexed'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203083034_CustomerColumnsUnindexed', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203135652_WebhookBatchSize'
)
BEGIN
    ALTER TABLE [WebhookSubscriptions] ADD [BatchSize] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203135652_WebhookBatchSize'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203135652_WebhookBatchSize', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203142625_WebhookBatchRetry'
)
BEGIN
    ALTER TABLE [WebhookSubscriptions] ADD [RetryThroughId] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203142625_WebhookBatchRetry'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203142625_WebhookBatchRetry', N'10.0.14');
END;

COMMIT;
GO

