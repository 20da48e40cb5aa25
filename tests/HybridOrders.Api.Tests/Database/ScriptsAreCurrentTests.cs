using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Api.Tests.Database;

/// <summary>The SQL in db/ and the migrations both follow the model: a model change without a migration, or a migration
/// without regenerated scripts, fails here.</summary>
public sealed class ScriptsAreCurrentTests
{
    [Theory]
    [InlineData("sqlserver")]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public void Committed_script_matches_the_migrations(string provider)
    {
        var script = ProviderScript.All[provider];
        File.Exists(script.FullPath).ShouldBeTrue($"{script.RelativePath} is missing: {ProviderScript.RegenerateHint}.");

        var committed = script.Committed().Split('\n');
        var generated = script.Generate().Split('\n');

        var firstDifference = Enumerable.Range(0, Math.Max(committed.Length, generated.Length))
            .FirstOrDefault(i => i >= committed.Length || i >= generated.Length || committed[i] != generated[i], -1);
        if (firstDifference >= 0)
            Assert.Fail($"{script.RelativePath} is stale against the {provider} migrations: {ProviderScript.RegenerateHint}.\n"
                        + $"First difference at line {firstDifference + 1}:\n"
                        + $"  committed: {Line(committed, firstDifference)}\n  generated: {Line(generated, firstDifference)}");
    }

    [Theory]
    [InlineData("sqlserver")]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public void Model_has_no_changes_without_a_migration(string provider)
    {
        using var db = ProviderScript.All[provider].Context();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"The model has changes that no {provider} migration captures: run scripts/db-scripts.sh add <Name> and commit the migrations and db/.");
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
