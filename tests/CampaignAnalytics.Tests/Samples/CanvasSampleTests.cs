using System;
using System.IO;
using System.Linq;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Api;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.SampleData;

namespace CampaignAnalytics.Tests.Samples;

/// <summary>
/// The bundled Canvas sample (notebooks/data/canvas-onboarding*.json) is reproducible and realistic: 60 days, three variants
/// with a control, six steps over email, push and in-app, an experiment path, totals that are the variants' sums.
/// </summary>
public class CanvasSampleTests
{
    [Theory]
    [InlineData(SampleCanvas.SeriesName)]
    [InlineData(SampleCanvas.DetailsName)]
    public void Committed_canvas_sample_equals_a_fresh_regeneration(string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "notebooks", "data", name + ".json");
        Assert.True(File.Exists(path), path + " is missing: run dotnet run --project tests/CampaignAnalytics.SampleData");
        var expected = name == SampleCanvas.SeriesName ? SampleCanvas.ToFileBytes(SampleCanvas.BuildSeries()) : SampleCanvas.ToFileBytes(SampleCanvas.BuildDetails());
        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(path)), path + " differs from a fresh regeneration: run dotnet run --project tests/CampaignAnalytics.SampleData and review the diff.");
    }

    [Fact]
    public void Canvas_sample_has_60_days_three_variants_with_a_control_six_steps_and_an_experiment_path()
    {
        var series = CanvasDataSeriesResponse.Parse(SampleCanvas.ToFileBytes(SampleCanvas.BuildSeries())).Data!;
        var details = SampleCanvas.BuildDetails();
        var data = CanvasDataSet.Create(new CanvasDays("cv", series.Name, series.Stats!), details);

        Assert.Equal(60, series.Stats!.Count);
        Assert.All(series.Stats.Zip(series.Stats.Skip(1)), p => Assert.Equal(p.First.Time.PlusDays(1), p.Second.Time));
        Assert.All(series.Stats, d =>
        {
            Assert.Equal(d.TotalStats!.Entries, d.VariantStats!.Values.Sum(v => v.Entries));
            Assert.Equal(d.TotalStats.Conversions, d.VariantStats.Values.Sum(v => v.Conversions));
            Assert.Equal(6, d.StepStats!.Count);
        });
        Assert.Equal(3, data.Variants.Select(v => v.VariantId).Distinct().Count());
        Assert.Contains(details.Steps!, s => s.Type == "experiment_paths" && s.NextPaths!.Count == 2);
        Assert.Equal(new[] { "email", "in_app_message", "ios_push" }, data.StepChannels.ChannelsPresent.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Variant A: email first", data.StepOf(details.Steps![0].Id!)!.VariantName);
        Assert.Equal("Control", data.CompareVariants("cv").Rows.Single(r => r.IsControl).VariationName);
    }
}
