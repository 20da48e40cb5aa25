using System.Diagnostics;
using Xunit.Abstractions;

namespace HybridOrders.Clients.Tests;

/// <summary>
/// What a storefront team does with the document: generate a TypeScript client (openapi-typescript), compile a
/// storefront + POS + logistics script against it with <c>tsc --strict</c> (always-present fields used without
/// <c>!</c> or <c>?.</c>), run it with node against the real API; and lint the document with Spectral's OpenAPI ruleset.
/// The npm packages are pinned in tests/clients/package-lock.json; scripts/test.sh runs <c>npm ci</c> there.
/// </summary>
public sealed class TypeScriptClientTests(ClientHost host, ITestOutputHelper output) : IClassFixture<ClientHost>
{
    private static readonly string Clients = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../clients"));

    [Fact]
    public async Task A_strict_TypeScript_client_generated_from_the_document_runs_the_storefront_pos_and_logistics_flows()
    {
        var work = Directory.CreateTempSubdirectory("hybridorders-ts-").FullName;
        try
        {
            var document = Path.Combine(work, "openapi.json");
            using (var http = host.Http()) await File.WriteAllTextAsync(document, await http.GetStringAsync("/swagger/v1/swagger.json"));
            foreach (var file in new[] { "flows.ts", "tsconfig.json", ".spectral.yaml" })
                File.Copy(Path.Combine(Clients, file), Path.Combine(work, file));
            await File.WriteAllTextAsync(Path.Combine(work, "package.json"), """{ "type": "module" }""");
            File.CreateSymbolicLink(Path.Combine(work, "node_modules"), Path.Combine(Clients, "node_modules"));

            // Spectral needs only the document: it runs while the client is generated and compiled.
            var lint = Node(work, "node_modules/@stoplight/spectral-cli/dist/index.js", "lint", "openapi.json", "--ruleset", ".spectral.yaml",
                "--fail-severity", "error", "-f", "text");
            await Expect(Node(work, "node_modules/openapi-typescript/bin/cli.js", "openapi.json", "-o", "schema.d.ts"), "openapi-typescript");
            await Expect(Node(work, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"), "tsc --strict");

            var store = ClientHost.Unique("TS-STORE");
            await Expect(Node(work, "out/flows.js", host.BaseAddress.ToString().TrimEnd('/'), ClientHost.AdminKey, ClientHost.StorefrontKey,
                ClientHost.LogisticsKey, host.PosKey(store), store, ClientHost.Unique("TS-WH"), ClientHost.Unique("TS-SKU")), "flows");
            await Expect(lint, "spectral lint (no errors)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Task<(int Code, string Output)> Node(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        return Task.Run(async () =>
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        });
    }

    private async Task Expect(Task<(int Code, string Output)> run, string step)
    {
        var (code, text) = await run;
        output.WriteLine($"--- {step}: exit {code}\n{text}");
        code.ShouldBe(0, $"{step} failed:\n{text}");
    }
}
