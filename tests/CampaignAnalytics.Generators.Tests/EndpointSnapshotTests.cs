using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// Golden files for the models of the endpoints beside the campaign series (lists, details, Canvas, sends), generated
/// from the schema folder as the library builds it: several files whose shared shapes are named by cross-file $refs.
/// </summary>
public class EndpointSnapshotTests
{
    private const string Folder = "Endpoints";
    private static readonly Lazy<GeneratorRun> s_all = new(() => GeneratorHarness.Run(TestSchemas.All()).AssertDidNotThrow());
    private static readonly Lazy<GeneratorRun> s_series = new(() => GeneratorHarness.Run(TestSchemas.Real()).AssertDidNotThrow());

    /// <summary>What the endpoint schemas add to the series' files.</summary>
    private static IEnumerable<KeyValuePair<string, string>> EndpointSources() =>
        s_all.Value.Sources.Where(s => !s_series.Value.Sources.Any(r => r.Key == s.Key));

    public static IEnumerable<object[]> HintNames() => EndpointSources().Select(s => new object[] { s.Key });

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        Snapshot.Verify(Folder + "/" + hintName + ".txt", s_all.Value.Source(hintName));
    }

    [Fact]
    public void Every_endpoint_file_has_a_snapshot_and_every_snapshot_a_generated_file()
    {
        var names = EndpointSources().Select(s => s.Key).ToList();
        foreach (var expected in new[]
        {
            "CampaignListResponse", "CampaignDetailsResponse", "MessageVariation", "ConversionBehavior", "CanvasListResponse",
            "CanvasDetailsResponse", "CanvasStep", "CanvasDataSeriesResponse", "CanvasStepStats", "CanvasVariantStats",
            "CanvasDataSeriesCatalogue", "CanvasDataSummaryResponse", "SendsDataSeriesResponse",
        })
        {
            Assert.Contains("CampaignAnalytics.Models." + expected + ".g.cs", names);
        }

        Snapshot.VerifyNoStale(Folder, names.Select(n => n + ".txt"));
    }

    [Fact]
    public void The_shared_shapes_are_emitted_once_by_the_series_and_named_by_the_others()
    {
        var run = s_all.Value;
        Assert.Empty(run.Result.Diagnostics);

        // The series' files are byte-identical with or without the endpoint schemas: nothing is copied into them...
        Assert.Equal(s_series.Value.Sources, run.Sources.Where(s => s_series.Value.Sources.Any(r => r.Key == s.Key)));

        // ...and the endpoints use the series' very types: a Canvas step's messages and a send's days.
        Assert.Contains("global::CampaignAnalytics.Models.ChannelMessages? Messages", run.Source("CampaignAnalytics.Models.CanvasStepStats.g.cs"), StringComparison.Ordinal);
        Assert.Contains("IReadOnlyList<global::CampaignAnalytics.Models.DailyDataPoint>? Data", run.Source("CampaignAnalytics.Models.SendsDataSeriesResponse.g.cs"), StringComparison.Ordinal);
        Assert.Contains("IReadOnlyDictionary<string, global::CampaignAnalytics.Models.CanvasVariantStats>? VariantStats", run.Source("CampaignAnalytics.Models.CanvasDataSummary.g.cs"), StringComparison.Ordinal);
        Assert.Single(run.Sources, s => s.Key.EndsWith(".EmailVariation.g.cs", StringComparison.Ordinal));
        Assert.Single(run.Sources, s => s.Key.EndsWith(".CanvasTotalStats.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings_against_the_runtime_assembly()
    {
        // As for the series alone: moved out of the runtime assembly's own namespace by per-file metadata, every file
        // to the same one (files that share definitions share a namespace).
        var texts = TestSchemas.All();
        var options = new TestOptionsProvider(perFile: texts.ToDictionary(
            t => t.Path,
            t => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["build_metadata.AdditionalFiles." + SchemaGenerator.NamespaceProperty] = "Compiled.Models" }));
        var run = GeneratorHarness.Run(texts, options).AssertDidNotThrow();
        Assert.Empty(run.Result.Diagnostics);
        Assert.Equal(
            s_all.Value.Sources.Select(s => s.Value.Replace("CampaignAnalytics.Models", "Compiled.Models", StringComparison.Ordinal)),
            run.Sources.Select(s => s.Value));

        var problems = GeneratorHarness.WarningsAndErrors(run.OutputCompilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEmpty(GeneratorHarness.Emit(run.OutputCompilation));
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_AdditionalFiles()
    {
        var backward = GeneratorHarness.Run(TestSchemas.All().Reverse()).AssertDidNotThrow();
        Assert.Equal(s_all.Value.Sources, backward.Sources);
        Assert.Empty(backward.Result.Diagnostics);
    }
}
