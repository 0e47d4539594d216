using System;
using System.Linq;
using CampaignAnalytics.Api;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

public class BrazeInstanceTests
{
    [Theory]
    [InlineData("US-01", "https://rest.iad-01.braze.com/")]
    [InlineData("us-05", "https://rest.iad-05.braze.com/")]
    [InlineData("US08", "https://rest.iad-08.braze.com/")]
    [InlineData("us-10", "https://rest.us-10.braze.com/")]
    [InlineData("eu-01", "https://rest.fra-01.braze.eu/")]
    [InlineData("EU-02", "https://rest.fra-02.braze.eu/")]
    [InlineData("au-01", "https://rest.au-01.braze.com/")]
    [InlineData("ID-01", "https://rest.id-01.braze.com/")]
    [InlineData("jp_01", "https://rest.jp-01.braze.com/")]
    [InlineData(" KR-01 ", "https://rest.kr-01.braze.com/")]
    public void Names_are_case_insensitive(string name, string url)
    {
        var i = BrazeInstance.Parse(name);
        Assert.Equal(new Uri(url), i.RestEndpoint);
        Assert.NotNull(i.Name);
    }

    [Fact]
    public void There_are_fifteen_named_instances()
    {
        Assert.Equal(15, BrazeInstance.All.Count);
        Assert.Equal(15, BrazeInstance.All.Select(i => i.RestEndpoint).Distinct().Count());
        Assert.All(BrazeInstance.All, i => Assert.Equal("https", i.RestEndpoint.Scheme));
        for (var n = 1; n <= 8; n++)
        {
            Assert.Equal(new Uri($"https://rest.iad-0{n}.braze.com/"), BrazeInstance.FromName($"US-0{n}").RestEndpoint);
        }
    }

    [Fact]
    public void Unknown_name_lists_the_valid_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => BrazeInstance.Parse("US-09"));
        Assert.Contains("US-09", ex.Message);
        Assert.Contains("US-01", ex.Message);
        Assert.Contains("KR-01", ex.Message);
        Assert.Contains("EU-02", ex.Message);
        Assert.Null(BrazeInstance.TryFromName("nope"));
    }

    [Theory]
    [InlineData("https://rest.example.test")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.10.20.30:5000/")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:8080")]
    public void Urls_accepted(string url)
    {
        var i = BrazeInstance.Parse(url);
        Assert.Null(i.Name);
        Assert.EndsWith("/", i.RestEndpoint.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://rest.iad-01.braze.com")]
    [InlineData("http://10.0.0.1:5000")]
    [InlineData("ftp://rest.iad-01.braze.com")]
    [InlineData("https://user:pass@rest.iad-01.braze.com")]
    [InlineData("https://rest.iad-01.braze.com/?a=b")]
    public void Urls_rejected(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => BrazeInstance.Parse(url));
        Assert.DoesNotContain("pass", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_url_maps_to_its_name()
    {
        Assert.Equal(BrazeInstance.EU01, BrazeInstance.Parse("https://rest.fra-01.braze.eu"));
    }
}

public class OptionsAndPlanningTests
{
    [Fact]
    public void Options_ToString_hides_the_key()
    {
        var o = new DataSeriesClientOptions(BrazeInstance.US01, Harness.ApiKey);
        var text = o.ToString();
        Assert.DoesNotContain(Harness.ApiKey, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.Contains("US-01", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.ApiKey, (o with { MaxConcurrency = 2 }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_validation_never_shows_the_key()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DataSeriesClientOptions(BrazeInstance.US01, Harness.ApiKey + " x").Validate());
        Assert.DoesNotContain(Harness.ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DataSeriesClientOptions(BrazeInstance.US01, "k") { MaxConcurrency = 0 }.Validate());
    }

    [Fact]
    public void Ending_at_is_iso_with_offset()
    {
        Assert.Equal("2025-06-22T00:00:00Z", DataSeriesClient.FormatEndingAt(new OffsetDateTime(new LocalDateTime(2025, 6, 22, 0, 0), Offset.Zero)));
        Assert.Equal("2025-06-22T00:00:00+02:00", DataSeriesClient.FormatEndingAt(new OffsetDateTime(new LocalDateTime(2025, 6, 22, 0, 0), Offset.FromHours(2))));
        Assert.Equal("2020-06-28T23:59:59-05:00", DataSeriesClient.FormatEndingAt(new OffsetDateTime(new LocalDateTime(2020, 6, 28, 23, 59, 59), Offset.FromHours(-5))));
    }

    [Fact]
    public void Chunks_step_back_100_days_with_midnight_ending_at()
    {
        var chunks = DataSeriesClient.PlanChunks(FaultScenarios.Range250);
        Assert.Equal(250, FaultScenarios.Range250.Length);
        Assert.Equal(new[] { 100, 100, 50 }, chunks.Select(c => c.Length));
        Assert.Equal(new LocalDate(2025, 9, 7), chunks[0].Days.End);
        Assert.Equal("2025-09-08T00:00:00Z", DataSeriesClient.FormatEndingAt(chunks[0].EndingAt));
        Assert.Equal(chunks[0].Days.Start.PlusDays(-1), chunks[1].Days.End);
        Assert.Equal(new LocalDate(2025, 1, 1), chunks[2].Days.Start);
        Assert.Equal(250, chunks.SelectMany(c => c.Days).Distinct().Count());
        Assert.Single(DataSeriesClient.PlanChunks(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 4, 10))));
        Assert.Equal(2, DataSeriesClient.PlanChunks(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 4, 11))).Count);
    }

    [Fact]
    public void Chunks_use_the_report_zone()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var chunk = DataSeriesClient.PlanChunks(new DateInterval(new LocalDate(2025, 6, 19), new LocalDate(2025, 6, 21)), berlin).Single();
        Assert.Equal("2025-06-22T00:00:00+02:00", DataSeriesClient.FormatEndingAt(chunk.EndingAt));
    }
}
