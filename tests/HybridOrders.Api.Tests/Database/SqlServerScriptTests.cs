using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace HybridOrders.Api.Tests.Database;

/// <summary>
/// No SQL Server runs here, so Microsoft's own tools check the script: ScriptDom parses all of it as T-SQL 160, and the
/// DDL found inside its IF blocks, put into a DacFx model, must validate (columns, keys and references all resolve).
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly ProviderScript Script = ProviderScript.All["sqlserver"];

    [Fact]
    public void Script_parses_as_TSql160()
    {
        Parse(Script.Committed(), out var errors);

        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void Script_creates_every_table_of_the_model()
    {
        var created = SchemaStatements().OfType<CreateTableStatement>().Select(t => t.SchemaObjectName.BaseIdentifier.Value);

        created.ToHashSet().ShouldBe(Script.ExpectedTables(), ignoreOrder: true);
    }

    [Fact]
    public void Schema_validates_in_a_SQL_Server_2022_model()
    {
        var messages = Validate(SchemaStatements().Select(Generate));

        messages.ShouldBeEmpty(string.Join("\n", messages.Select(m => m.ToString())));
    }

    /// <summary>Proves the validation above can fail: the same schema plus an index on a misspelt column.</summary>
    [Fact]
    public void Validation_reports_an_index_on_a_column_that_does_not_exist()
    {
        var broken = "CREATE INDEX [IX_StockLines_Broken] ON [StockLines] ([OnHnad]);";

        var messages = Validate(SchemaStatements().Select(Generate).Append(broken));

        messages.ShouldContain(m => m.Number == 71501 && m.Message.Contains("OnHnad"),
            string.Join("\n", messages.Select(m => m.ToString())));
    }

    private static TSqlScript Parse(string sql, out IList<ParseError> errors)
    {
        using var reader = new StringReader(sql);
        return (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out errors);
    }

    /// <summary>The CREATE TABLE / CREATE INDEX / ALTER TABLE statements of the committed script, wherever they are nested.</summary>
    private static IReadOnlyList<TSqlStatement> SchemaStatements()
    {
        var script = Parse(Script.Committed(), out var errors);
        errors.ShouldBeEmpty();
        var collector = new SchemaStatementCollector();
        script.Accept(collector);
        collector.Statements.ShouldNotBeEmpty();
        return FoldAddedColumns(ApplyDrops(collector.Statements));
    }

    /// <summary>
    /// A DacFx model only declares: a later migration that drops a key or an index (to create it anew, e.g. a wider primary key)
    /// must take the earlier declaration out. Removes each dropped constraint from its CREATE TABLE or earlier ALTER TABLE … ADD,
    /// and each dropped index's earlier CREATE INDEX, in script order; the DROP statements themselves are not kept.
    /// </summary>
    private static List<TSqlStatement> ApplyDrops(IReadOnlyList<TSqlStatement> statements)
    {
        var result = new List<TSqlStatement>();
        static bool Same(Identifier? a, string b) => a is not null && string.Equals(a.Value, b, StringComparison.OrdinalIgnoreCase);
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AlterTableDropTableElementStatement drop:
                    foreach (var element in drop.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Constraint))
                    {
                        var name = element.Name.Value;
                        foreach (var earlier in result)
                        {
                            var constraints = earlier switch
                            {
                                CreateTableStatement t => t.Definition.TableConstraints,
                                AlterTableAddTableElementStatement a => a.Definition.TableConstraints,
                                _ => null,
                            };
                            if (constraints is null) continue;
                            foreach (var c in constraints.Where(c => Same(c.ConstraintIdentifier, name)).ToList()) constraints.Remove(c);
                        }
                        result.RemoveAll(e => e is AlterTableAddTableElementStatement { Definition: { TableConstraints.Count: 0, ColumnDefinitions.Count: 0, Indexes.Count: 0 } });
                    }
                    if (drop.AlterTableDropTableElements.Any(e => e.TableElementType != TableElementType.Constraint)) result.Add(statement);
                    break;
                case DropIndexStatement dropIndex:
                    foreach (var clause in dropIndex.DropIndexClauses.OfType<DropIndexClause>())
                        result.RemoveAll(e => e is CreateIndexStatement c && Same(c.Name, clause.Index.Value)
                                              && Same(c.OnName.BaseIdentifier, clause.Object.BaseIdentifier.Value));
                    break;
                default:
                    result.Add(statement);
                    break;
            }
        }
        return result;
    }

    /// <summary>
    /// A DacFx model declares a table's columns in its CREATE TABLE only, while later migrations add columns with
    /// ALTER TABLE … ADD. Folds each added column into its table's CREATE TABLE, in script order (the table as the
    /// database ends up), and keeps an ALTER TABLE only for what else it adds (constraints).
    /// </summary>
    private static IReadOnlyList<TSqlStatement> FoldAddedColumns(IReadOnlyList<TSqlStatement> statements)
    {
        var tables = statements.OfType<CreateTableStatement>()
            .ToDictionary(t => t.SchemaObjectName.BaseIdentifier.Value, StringComparer.OrdinalIgnoreCase);
        var result = new List<TSqlStatement>();
        foreach (var statement in statements)
        {
            if (statement is AlterTableAddTableElementStatement add && add.Definition.ColumnDefinitions.Count > 0
                && tables.TryGetValue(add.SchemaObjectName.BaseIdentifier.Value, out var table))
            {
                foreach (var column in add.Definition.ColumnDefinitions) table.Definition.ColumnDefinitions.Add(column);
                add.Definition.ColumnDefinitions.Clear();
                if (add.Definition.TableConstraints.Count == 0 && add.Definition.Indexes.Count == 0) continue;
            }
            result.Add(statement);
        }
        return result;
    }

    private static string Generate(TSqlStatement statement)
    {
        new Sql160ScriptGenerator().GenerateScript(statement, out var sql);
        return sql;
    }

    private static IList<DacModelMessage> Validate(IEnumerable<string> statements)
    {
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        foreach (var statement in statements) model.AddObjects(statement);
        return model.Validate();
    }

    private sealed class SchemaStatementCollector : TSqlFragmentVisitor
    {
        public List<TSqlStatement> Statements { get; } = [];

        public override void Visit(CreateTableStatement node) => Statements.Add(node);
        public override void Visit(CreateIndexStatement node) => Statements.Add(node);
        public override void Visit(AlterTableStatement node) => Statements.Add(node);
        public override void Visit(DropIndexStatement node) => Statements.Add(node);
    }
}
