using System;
using System.IO;
using System.Linq;
using CampaignAnalytics.Models;
using CampaignAnalytics.SampleData;

namespace CampaignAnalytics.Tests.Samples;

/// <summary>
/// The bundled samples in notebooks/data are reproducible: regenerating them in memory gives the committed bytes.
/// After a deliberate change, rewrite them with <c>dotnet run --project tests/CampaignAnalytics.SampleData</c>.
/// </summary>
public class SampleDataTests
{
    public static TheoryData<string> Names => new(SampleCampaigns.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Committed_sample_equals_a_fresh_regeneration(string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "notebooks", "data", name + ".json");
        Assert.True(File.Exists(path), path + " is missing: run dotnet run --project tests/CampaignAnalytics.SampleData");
        var expected = SampleCampaigns.ToFileBytes(SampleCampaigns.Build(name));
        var actual = File.ReadAllBytes(path);
        Assert.True(expected.AsSpan().SequenceEqual(actual), path + " differs from a fresh regeneration: run dotnet run --project tests/CampaignAnalytics.SampleData and review the diff.");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_reads_back_as_written_with_sums_consistent(string name)
    {
        var built = SampleCampaigns.Build(name);
        var parsed = CampaignDataSeriesResponse.Parse(SampleCampaigns.ToFileBytes(built));
        Assert.Equal(built, parsed);
        Assert.Equal(100, parsed.Data!.Count);
        var catalogue = CampaignDataSeriesCatalogue.Instance;
        foreach (var day in parsed.Data)
        {
            var elements = catalogue.Channels.SelectMany(c => c.GetVariations(day).Select(v => (c, v))).ToList();
            Assert.Equal(day.Conversions, elements.Sum(e => e.c.FindMetric("conversions")!.GetCount(e.v) ?? 0));
            Assert.Equal(day.UniqueRecipients, elements.Sum(e => e.c.FindMetric("unique_recipients")!.GetCount(e.v) ?? 0));
            Assert.Empty(day.UnknownFields);
            Assert.Empty(day.Messages!.UnknownChannels);
        }

        // Consecutive days, and at least one day with an empty channel array.
        Assert.All(parsed.Data.Zip(parsed.Data.Skip(1)), p => Assert.Equal(p.First.Time.PlusDays(1), p.Second.Time));
        Assert.Contains(parsed.Data, d => catalogue.Channels.Any(c => c.IsPresent(d) && c.GetVariations(d).Count == 0));
    }
}
