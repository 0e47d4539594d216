using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CampaignAnalytics.Generators.Tests.Infrastructure;
using CampaignAnalytics.Schemas;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// The runtime library reads schemas with the generator's own parser (compiled in): on every diagnostic case it refuses
/// the schema with the very diagnostics the build reports, same ids, places and messages, and accepts what the build accepts.
/// </summary>
public class RuntimeSchemaDiagnosticTests
{
    public static TheoryData<string> SingleFileCases() => new(Directory.GetFiles(RepoPaths.DiagnosticSchemas, "*.schema.json").Select(Path.GetFileName).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SingleFileCases))]
    public void A_schema_read_at_run_time_gets_the_builds_diagnostics(string name)
    {
        var path = "cases/" + name;
        var text = File.ReadAllText(Path.Combine(RepoPaths.DiagnosticSchemas, name));
        var build = GeneratorHarness.Run(new TestAdditionalText(path, text)).AssertDidNotThrow().Result.Diagnostics
            .Select(d => (d.Id, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Column: d.Location.GetLineSpan().StartLinePosition.Character + 1, Message: d.GetMessage(CultureInfo.InvariantCulture)))
            .Select(d => new SchemaDiagnostic(d.Id, path, d.Line, d.Column, d.Message).ToString())
            .ToList();

        var e = Record.Exception(() => SchemaCatalogue.Parse(text, path));
        if (build.Count == 0)
        {
            Assert.Null(e);
            return;
        }

        var refused = Assert.IsType<CampaignSchemaException>(e);
        Assert.Equal(build, refused.Diagnostics.Select(d => d.ToString()));
        Assert.StartsWith(build[0], refused.Message, StringComparison.Ordinal);
    }
}
