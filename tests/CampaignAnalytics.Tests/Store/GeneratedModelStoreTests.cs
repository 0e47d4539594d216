using System;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using CampaignAnalytics.Store;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CampaignAnalytics.Tests.Store;

/// <summary>The store with the generated Braze models: nothing received is lost on the way through.</summary>
public sealed class GeneratedModelStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("models.db");

    [Theory]
    [InlineData("multichannel-real.json")]
    [InlineData("multivariate-iam.json")]
    public void RealPayload_RoundTripsThroughTheStore_UnknownChannelsAndFieldsIncluded(string payload)
    {
        var catalogue = CampaignDataSeriesCatalogue.Instance;
        var original = catalogue.ParseResponse(TestPaths.PayloadBytes(payload));
        using (var store = CampaignStore.Open(DbPath))
        {
            Assert.Same(catalogue, store.Catalogue);
            var result = store.UpsertDays("c1", original.Data!);
            Assert.Equal(original.Data!.Count, result.Inserted);
        }

        using var reopened = CampaignStore.Open(DbPath);
        var read = reopened.ReadDays<DailyDataPoint>("c1");
        Assert.Equal("c1", read.CampaignId);
        var expected = original.Data!.OrderBy(d => d.Time).ToList();
        Assert.Equal(expected.Count, read.Days.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.IsType<DailyDataPoint>(read.Days[i]);
            Assert.Equal(expected[i], read.Days[i]); // record equality: every field, unknown ones included
            Assert.Equal(catalogue.DayToUtf8Json(expected[i]), catalogue.DayToUtf8Json(read.Days[i]));
        }

        // Stored as exactly the catalogue's JSON for the day.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM campaign_day WHERE campaign_id = 'c1' ORDER BY day LIMIT 1;";
        Assert.Equal(System.Text.Encoding.UTF8.GetString(catalogue.DayToUtf8Json(expected[0])), (string)command.ExecuteScalar()!);
    }

    [Fact]
    public void RealPayload_UnknownChannelAndFields_AreReadBack()
    {
        var original = CampaignDataSeriesResponse.Parse(TestPaths.PayloadBytes("multichannel-real.json"));
        using var store = CampaignStore.Open(DbPath);
        store.UpsertDays("c1", original.Data!);

        var day = store.ReadDays<DailyDataPoint>("c1").Days[0];
        Assert.Equal(new LocalDate(2025, 6, 19), day.Time);
        var line = Assert.Single(day.Messages!.UnknownChannels);
        Assert.Equal("line", line.Name);
        Assert.Equal("[{\"variation_api_id\":\"8a4b-line\",\"sent\":12,\"read\":9}]", line.Json);
        Assert.Equal("latency_p99_ms", Assert.Single(day.Messages.Webhook!.Single().UnknownFields).Name);
        Assert.Equal("{\"nested\":[1,2,{\"x\":\"é\"}]}", Assert.Single(day.UnknownFields).Json);
        Assert.Equal(5, day.Messages.IosPush!.Single().CarouselSlideClicks!["carousel_slide_1_Summer_click"]);
    }

    [Fact]
    public async Task Sync_WithGeneratedModels_RestatesAndKeepsUnknownData()
    {
        var source = new FakeSource { Catalogue = CampaignDataSeriesCatalogue.Instance };
        var wanted = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 28));
        using var store = CampaignStore.Open(DbPath);

        var first = await store.SyncAsync(source, "c1", wanted);
        Assert.Equal(59, first.DaysInserted);

        source.Restate(new LocalDate(2025, 2, 20));
        source.Requests.Clear();
        var second = await store.SyncAsync(source, "c1", wanted);
        Assert.Equal(new[] { new DateInterval(new LocalDate(2025, 2, 15), new LocalDate(2025, 2, 28)) }, source.Requests);
        Assert.Equal(1, second.DaysUpdated);
        Assert.Equal(13, second.DaysUnchanged);

        var series = store.ReadDays<DailyDataPoint>("c1", new DateInterval(new LocalDate(2025, 2, 19), new LocalDate(2025, 2, 20)));
        Assert.Equal(new long?[] { 0, 1 }, series.Days.Select(d => d.Conversions));
        Assert.Equal(new long?[] { 0, 1 }, series.Days.Select(d => d.Messages!.Email!.Single().Opens));
        foreach (var day in series.Days)
        {
            Assert.Equal("brand_new_channel", Assert.Single(day.Messages!.UnknownChannels).Name);
            Assert.Equal("{\"nested\":[1,2,3]}", Assert.Single(day.UnknownFields).Json);
        }
    }
}
