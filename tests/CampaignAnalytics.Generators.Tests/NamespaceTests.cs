using System.Collections.Generic;
using System.IO;
using System.Linq;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>Where generated code lands: per-file metadata, then the schema's x-namespace, then the project property, then the default.</summary>
public class NamespaceTests
{
    private const string Path = "/ns/valid-minimal.schema.json";

    [Theory]
    [InlineData(true, null, null, "Cases.Models")]
    [InlineData(true, "Project.Models", null, "Cases.Models")]
    [InlineData(true, "Project.Models", "File.Models", "File.Models")]
    [InlineData(false, "Project.Models", null, "Project.Models")]
    [InlineData(false, null, null, "CampaignAnalytics.Generated")]
    public void Namespace_precedence(bool withXNamespace, string? projectProperty, string? fileMetadata, string expected)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(RepoPaths.DiagnosticSchemas, "valid-minimal.schema.json"));
        if (!withXNamespace)
        {
            text = text.Replace("\"x-namespace\": \"Cases.Models\",", string.Empty, System.StringComparison.Ordinal);
        }

        var global = projectProperty is null ? null : new Dictionary<string, string> { ["build_property." + SchemaGenerator.NamespaceProperty] = projectProperty };
        var perFile = fileMetadata is null ? null : new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [Path] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles." + SchemaGenerator.NamespaceProperty] = fileMetadata },
        };
        var run = GeneratorHarness.Run(new[] { new TestAdditionalText(Path, text) }, new TestOptionsProvider(global, perFile)).AssertDidNotThrow();

        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(expected + ".ValidMinimalResponseCatalogue.g.cs", run.Sources.Select(s => s.Key).Single(k => k.EndsWith("Catalogue.g.cs", System.StringComparison.Ordinal)));
        Assert.All(run.Sources, s => Assert.Contains("namespace " + expected + "\n", s.Value, System.StringComparison.Ordinal));
    }
}
