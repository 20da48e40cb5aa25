namespace HybridOrders.Browser.Tests.Infrastructure;

/// <summary>One API host with a small network and one headless Debian Chromium, shared by the browser tests.</summary>
public sealed class MonitorFixture : IAsyncLifetime
{
    public MonitorHost Host { get; } = new();
    public Shop Shop { get; private set; } = null!;
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Start();
        Shop = new Shop(Host);
        await Shop.CreateNetworkAsync();
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MonitorCollection : ICollectionFixture<MonitorFixture>
{
    public const string Name = "monitor";
}

public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Debian's Chromium driven by Playwright; nothing is downloaded (never run `playwright install`).</summary>
    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        File.Exists(ExecutablePath).ShouldBeTrue("Debian's chromium is missing: bash scripts/test.sh installs it (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }

    /// <summary>A fresh browser tab (own sessionStorage) at a given screen size, opened on the monitor page.</summary>
    public static async Task<IPage> OpenMonitorAsync(this IBrowser browser, MonitorHost host, int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            BaseURL = host.BaseAddress.ToString(),
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/monitor");
        return page;
    }

    public static async Task SignInAsync(this IPage page, string key)
    {
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Saves a full-page screenshot as a test artifact and prints where it is.</summary>
    public static async Task<string> ScreenshotAsync(this IPage page, string name, ITestOutputHelper output)
    {
        var folder = Environment.GetEnvironmentVariable("MONITOR_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
