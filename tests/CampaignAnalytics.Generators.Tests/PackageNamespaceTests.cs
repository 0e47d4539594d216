using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// A consumer who copies the package's schema and keeps its namespace would get a CS0436 warning for every generated
/// type (872 of them): the package's buildTransitive props name the package's own namespace, and the generator
/// answers with one CAG011 at <c>x-namespace</c> and emits nothing.
/// </summary>
public class PackageNamespaceTests
{
    private static readonly TestOptionsProvider Consumer = new(global: new Dictionary<string, string>
    {
        ["build_property." + SchemaGenerator.PackageNamespaceProperty] = "CampaignAnalytics.Models",
    });

    [Fact]
    public void A_schema_left_in_the_package_namespace_is_one_error_at_x_namespace_and_emits_nothing()
    {
        var run = GeneratorHarness.Run(new[] { TestSchemas.Real() }, Consumer).AssertDidNotThrow();
        var diagnostic = Assert.Single(run.Result.Diagnostics);
        Assert.Equal("CAG011", diagnostic.Id);
        Assert.Contains("'CampaignAnalytics.Models'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("x-namespace", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        var line = RepoPaths.RealSchemaText.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("\"x-namespace\"", System.StringComparison.Ordinal)).i;
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void A_schema_with_its_own_namespace_generates_as_usual_in_a_consuming_project()
    {
        var run = GeneratorHarness.Run(new[] { TestSchemas.ConsumerWithLine() }, Consumer).AssertDidNotThrow();
        Assert.Empty(run.Result.Diagnostics);
        Assert.NotEmpty(run.Single.GeneratedSources);
    }
}
