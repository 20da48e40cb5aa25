# HybridOrders API. Build:  docker build -t hybridorders .
# Run:    docker run -p 8080:8080 -v hybridorders-data:/app/data \
#           -e Auth__ApiKeys__0__Key=<secret of 8+ chars> -e Auth__ApiKeys__0__Role=admin hybridorders
# Defaults to the embedded SQLite database in the /app/data volume; for PostgreSQL or SQL Server set
# Database__Provider (postgresql | sqlserver) and ConnectionStrings__HybridOrders.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that the layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/HybridOrders.Domain/HybridOrders.Domain.csproj src/HybridOrders.Domain/
COPY src/HybridOrders.Application/HybridOrders.Application.csproj src/HybridOrders.Application/
COPY src/HybridOrders.Infrastructure/HybridOrders.Infrastructure.csproj src/HybridOrders.Infrastructure/
COPY src/HybridOrders.Api/HybridOrders.Api.csproj src/HybridOrders.Api/
# For the image's own runtime, so that the publish below is ReadyToRun (precompiled: a start JITs far less, and under load the
# background JIT stops competing with requests sooner; see the Api project and bench/README.md). BuildKit sets TARGETARCH.
ARG TARGETARCH
RUN echo "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" > /tmp/rid \
    && dotnet restore src/HybridOrders.Api/HybridOrders.Api.csproj -r "$(cat /tmp/rid)"
COPY src/ src/
# The Api project links db/seed/** into its output as seed/ (the demo network).
COPY db/seed/ db/seed/
RUN dotnet publish src/HybridOrders.Api/HybridOrders.Api.csproj -c Release -r "$(cat /tmp/rid)" --self-contained false \
    -o /app/publish --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the HEALTHCHECK (the aspnet image has none).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
# The SQLite file lives in a volume the non-root app user can write.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data

ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__Provider=sqlite \
    ConnectionStrings__HybridOrders="Data Source=/app/data/hybridorders.db"
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://localhost:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "HybridOrders.Api.dll"]
