using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Models;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Tests.Store;

/// <summary>
/// Canvases in the store, filled from the fake workspace through the client: list and details, days round-tripping byte
/// for byte, the restatement window, and a failing range leaving the ranges before it written.
/// </summary>
public sealed class CanvasStoreTests : IDisposable
{
    private const string Key = "sk-TEST-canvas-store-key";
    private static readonly DateInterval Days30 = new(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 30));
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("canvas.db");

    private static DataSeriesClient Client(FakeBrazeServer server) =>
        DataSeriesClient.Create(new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Key) { RetryBaseDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(50) });

    [Fact]
    public async Task RunCanvasesAsync_fetches_details_again_only_when_last_edited_moved_and_refreshes_every_series()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 4);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = CampaignStore.Open(DbPath);

        var first = await PortfolioSync.RunCanvasesAsync(store, client, Days30);
        var active = workspace.Canvases.Where(c => !c.Archived).ToList();
        Assert.Equal(active.Count, first.Synced);
        Assert.All(first.Campaigns, o => Assert.True(o.IsCanvas && o.DetailsRefreshed && o.DaysInserted == 30, o.ToString()));

        var edited = active[1];
        edited.LastEdited = edited.LastEdited.AddHours(1);
        server.Requests.Clear();
        var second = await PortfolioSync.RunCanvasesAsync(store, client, Days30);

        Assert.Equal(new[] { edited.Id }, server.Requests.Where(r => r.Path == "/canvas/details").Select(r => r.Id));
        Assert.Equal(new[] { edited.Id }, second.Campaigns.Where(o => o.DetailsRefreshed).Select(o => o.CampaignId));
        Assert.Equal(active.Count, server.Requests.Count(r => r.Path == "/canvas/data_series")); // each: the 14-day restatement window
        var listed = (await client.ListCanvasesAsync()).Single(c => c.Id == edited.Id).LastEdited;
        Assert.True(store.CanvasDetailsAreCurrent(edited.Id, listed));
        Assert.False(store.CanvasDetailsAreCurrent(edited.Id, "2000-01-01T00:00:00+00:00"));
    }

    [Fact]
    public async Task Canvas_list_details_and_days_round_trip_through_the_store()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 3);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var canvas = workspace.Canvases[2];
        var fetched = await client.GetCanvasRangeAsync(canvas.Id, Days30);

        using (var store = CampaignStore.Open(DbPath))
        {
            store.UpsertCanvasList(await client.ListCanvasesAsync(includeArchived: true));
            store.UpsertCanvasDetails(canvas.Id, await client.GetCanvasDetailsAsync(canvas.Id));
            Assert.Equal(30, store.UpsertCanvasDays(canvas.Id, fetched.Name, fetched.Days).Inserted);
            Assert.Equal(30, store.UpsertCanvasDays(canvas.Id, fetched.Name, fetched.Days).Unchanged);
        }

        using var reopened = CampaignStore.Open(DbPath);
        var read = reopened.ReadCanvasDays(canvas.Id);
        Assert.Equal(canvas.Name, read.Name);
        Assert.Equal(fetched.Days.Select(d => d.ToJson()), read.Days.Select(d => d.ToJson()));
        Assert.Equal(fetched.Days, read.Days);
        Assert.Equal(canvas.Steps.Select(s => s.Id), reopened.ReadCanvasDetails(canvas.Id)!.Steps!.Select(s => s.Id));
        Assert.Equal(workspace.Canvases.Select(c => c.Id).Order(StringComparer.Ordinal), reopened.ListCanvases().Select(c => c.CanvasId));
        Assert.Equal(30, reopened.ListCanvases().Single(c => c.CanvasId == canvas.Id).StoredDays);
        Assert.Empty(reopened.ListCampaigns());
        Assert.Empty(reopened.ReadCanvasDays("unknown").Days);
    }

    [Fact]
    public async Task A_canvas_sync_fetches_missing_days_and_re_reads_only_the_restatement_window()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var id = workspace.Canvases[0].Id;
        using var store = CampaignStore.Open(DbPath);

        var first = await store.SyncCanvasAsync(client, id, Days30, new SyncOptions { RestatementWindowDays = 3 });
        Assert.Equal(30, first.DaysInserted);
        Assert.Equal(3, server.Requests.Count); // 30 days: 14 + 14 + 2

        var second = await store.SyncCanvasAsync(client, id, Days30, new SyncOptions { RestatementWindowDays = 3 });
        Assert.Equal(new[] { new DateInterval(new LocalDate(2026, 10, 28), new LocalDate(2026, 10, 30)) }, second.FetchedIntervals);
        Assert.Equal(3, second.DaysUnchanged);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(Days30.ToList(), store.ReadCanvasDays(id).Days.Select(d => d.Time).ToList());
    }

    [Fact]
    public async Task A_failing_range_keeps_the_ranges_written_before_it()
    {
        var source = new FailingSecondRange();
        using var store = CampaignStore.Open(DbPath);
        store.UpsertCanvasDays("cv", "Journey", new[] { Day(new LocalDate(2026, 10, 10)) });

        // Stored: 10-10. Missing: 10-01..10-09 and 10-11..10-20 (two ranges); the second fails.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SyncCanvasAsync(source, "cv", new DateInterval(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 20)), new SyncOptions { RestatementWindowDays = 0, MaxMergeGapDays = 0 }));

        var stored = store.ReadCanvasDays("cv").Days.Select(d => d.Time).ToList();
        Assert.Equal(new DateInterval(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 10)).ToList(), stored);
    }

    private static CanvasDailyStats Day(LocalDate date) =>
        new() { Time = date, TotalStats = new CanvasTotalStats { Entries = 10, Conversions = 1 } };

    /// <summary>Serves its first range; the second fails.</summary>
    private sealed class FailingSecondRange : ICanvasDataSource
    {
        private int _calls;

        public Task<CanvasDays> FetchCanvasAsync(string canvasId, DateInterval days, CancellationToken cancellationToken) =>
            ++_calls == 1
                ? Task.FromResult(new CanvasDays(canvasId, "Journey", days.Select(Day).ToList()))
                : throw new InvalidOperationException("the network went away");
    }
}
