using System;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Models;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Tests.Store;

/// <summary>PortfolioSync against the seeded fake workspace: discovery, archived filter, details refresh, failures, resuming.</summary>
public sealed class PortfolioSyncTests : IDisposable
{
    private const string Key = "sk-TEST-portfolio-sync-key";
    private static readonly DateInterval Wanted = new(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 30));
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DataSeriesClient Client(FakeBrazeServer server) =>
        DataSeriesClient.Create(new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Key)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAttempts = 1,
        });

    private CampaignStore Open() => CampaignStore.Open(_dir.File("portfolio.db"));

    [Fact]
    public async Task Discovers_every_page_stores_names_details_and_days_of_every_active_campaign()
    {
        var workspace = FakeWorkspace.Create(130);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = Open();

        var result = await PortfolioSync.RunAsync(store, client, Wanted);

        var active = workspace.Campaigns.Where(c => !c.Archived).ToList();
        Assert.Equal(active.Count, result.Synced);
        Assert.Equal(active.Count * Wanted.Length, result.DaysInserted);
        Assert.Empty(result.FailuresByCause);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/campaigns/list"));
        var stored = store.ListStoredCampaigns();
        Assert.Equal(active.Select(c => c.Id).OrderBy(i => i, StringComparer.Ordinal), stored.Select(c => c.CampaignId));
        var first = stored.Single(c => c.CampaignId == workspace.Campaigns[0].Id);
        Assert.Equal(workspace.Campaigns[0].Name, first.Name);
        Assert.Equal(workspace.Campaigns[0].Tags, first.Tags);
        Assert.False(first.Archived);
        Assert.Equal(Wanted.Length, first.DaysStored);
        Assert.Equal(workspace.Campaigns[0].Id + "-control", first.ControlVariationId);
        Assert.Equal("Purchase of \"Feline Body Armor\"", first.ConversionEvents[0].Label);
        Assert.StartsWith("2024-01-01", first.FirstSent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archived_campaigns_are_synced_only_when_asked_and_are_marked_archived()
    {
        var workspace = FakeWorkspace.Create(14);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = Open();

        await PortfolioSync.RunAsync(store, client, Wanted);
        Assert.DoesNotContain(store.ListStoredCampaigns(), c => c.CampaignId == workspace.Campaigns[6].Id);

        await PortfolioSync.RunAsync(store, client, Wanted, new PortfolioSyncOptions { IncludeArchived = true });
        var archived = store.GetCampaign(workspace.Campaigns[6].Id);
        Assert.NotNull(archived);
        Assert.True(archived.Archived);
        Assert.Equal(Wanted.Length, archived.DaysStored);
        Assert.False(store.GetCampaign(workspace.Campaigns[0].Id)!.Archived);
    }

    [Fact]
    public async Task Details_are_fetched_again_only_for_a_campaign_whose_last_edited_moved_and_every_series_is_still_refreshed()
    {
        var workspace = FakeWorkspace.Create(5);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = Open();
        await PortfolioSync.RunAsync(store, client, Wanted);
        server.Requests.Clear();

        var edited = workspace.Campaigns[2];
        edited.Name = "Renamed after an edit";
        edited.LastEdited = edited.LastEdited.AddDays(400);
        var result = await PortfolioSync.RunAsync(store, client, Wanted);

        var details = server.Requests.Where(r => r.Path == "/campaigns/details").ToList();
        Assert.Equal(new[] { edited.Id }, details.Select(r => r.CampaignId));
        Assert.Equal("Renamed after an edit", store.GetCampaign(edited.Id)!.Details!.Name);
        Assert.Equal(new[] { edited.Id }, result.Campaigns.Where(c => c.DetailsRefreshed).Select(c => c.CampaignId));

        // Every active campaign's series is refreshed (its restatement window), edited or not; nothing older is asked again.
        var series = server.Requests.Where(r => r.Path == "/campaigns/data_series").ToList();
        Assert.Equal(workspace.Campaigns.Where(c => !c.Archived).Select(c => c.Id).OrderBy(i => i, StringComparer.Ordinal), series.Select(r => r.CampaignId).OrderBy(i => i, StringComparer.Ordinal));
        Assert.All(series, r => Assert.Equal("14", r.Length));
        Assert.Equal(0, result.DaysInserted);
    }

    [Fact]
    public async Task Edited_since_discovers_only_edited_campaigns_but_refreshes_every_stored_active_one()
    {
        var workspace = FakeWorkspace.Create(6);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = Open();
        await PortfolioSync.RunAsync(store, client, Wanted);
        server.Requests.Clear();

        var result = await PortfolioSync.RunAsync(store, client, Wanted, new PortfolioSyncOptions { EditedSince = DateTimeOffset.UtcNow.AddYears(5) });

        Assert.Equal(workspace.Campaigns.Count(c => !c.Archived), result.Synced);
        Assert.Equal(workspace.Campaigns.Count(c => !c.Archived), server.Requests.Count(r => r.Path == "/campaigns/data_series"));
        Assert.DoesNotContain(server.Requests, r => r.Path == "/campaigns/details");
    }

    [Fact]
    public async Task One_failing_campaign_does_not_lose_the_others_and_is_reported_by_cause()
    {
        var workspace = FakeWorkspace.Create(6);
        await using var server = new FakeBrazeServer(workspace);
        var broken = workspace.Campaigns[1].Id;
        server.AddFault(new FakeFault(FakeFaultKind.ServerError) { Endpoint = "/campaigns/data_series", Id = broken });
        using var client = Client(server);
        using var store = Open();

        var result = await PortfolioSync.RunAsync(store, client, Wanted);

        var failed = Assert.Single(result.Campaigns, c => !c.Succeeded);
        Assert.Equal(broken, failed.CampaignId);
        Assert.Equal(FetchFailureCause.ServerError, failed.Failure!.Cause);
        Assert.Equal(new[] { new System.Collections.Generic.KeyValuePair<FetchFailureCause, int>(FetchFailureCause.ServerError, 1) }, result.FailuresByCause);
        Assert.Equal(workspace.Campaigns.Count(c => !c.Archived) - 1, result.Synced);
        Assert.Equal(0, store.GetCampaign(broken)!.DaysStored);
        Assert.DoesNotContain(Key, failed.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_and_series_go_through_one_bounded_pipeline_so_the_first_series_start_before_the_last_details()
    {
        var workspace = FakeWorkspace.Create(40);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = TimeSpan.FromMilliseconds(5) });
        using var client = DataSeriesClient.Create(new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Key) { MaxConcurrency = 3 });
        using var store = Open();

        var result = await PortfolioSync.RunAsync(store, client, new DateInterval(Wanted.End.PlusDays(-249), Wanted.End));

        Assert.Equal(workspace.Campaigns.Count(c => !c.Archived), result.Synced);
        var firstSeries = server.Requests.Where(r => r.Path == "/campaigns/data_series").Min(r => r.Number);
        var lastDetails = server.Requests.Where(r => r.Path == "/campaigns/details").Max(r => r.Number);
        Assert.True(firstSeries < lastDetails, $"the first series request (#{firstSeries}) came after the last details request (#{lastDetails})");
        Assert.InRange(server.MaxInFlight, 1, 3);
        Assert.Empty(server.SentWhileExhausted);
    }

    [Fact]
    public async Task The_client_counts_every_request_it_sent_list_pages_details_and_series_chunks()
    {
        var workspace = FakeWorkspace.Create(130);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = Open();

        await PortfolioSync.RunAsync(store, client, new DateInterval(Wanted.End.PlusDays(-149), Wanted.End));

        Assert.Equal(2, server.Requests.Count(r => r.Path == "/campaigns/list"));
        Assert.Equal(workspace.Campaigns.Count(c => !c.Archived), server.Requests.Count(r => r.Path == "/campaigns/details"));
        Assert.Equal(2 * workspace.Campaigns.Count(c => !c.Archived), server.Requests.Count(r => r.Path == "/campaigns/data_series"));
        Assert.Equal(server.Requests.Count, client.RequestsSent);
    }

    [Fact]
    public async Task A_listed_campaign_whose_details_braze_no_longer_knows_fails_alone_as_rejected_naming_braze_s_message()
    {
        var workspace = FakeWorkspace.Create(6);
        var gone = workspace.Campaigns[2];
        gone.DeletedFromDetails = true;
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        using var store = Open();

        var result = await PortfolioSync.RunAsync(store, client, Wanted);

        var failed = Assert.Single(result.Campaigns, c => !c.Succeeded);
        Assert.Equal(gone.Id, failed.CampaignId);
        Assert.Equal(FetchFailureCause.Rejected, failed.Failure!.Cause);
        var error = Assert.IsType<BrazeErrorResponseException>(failed.Failure.Exception);
        Assert.True(error.IsRefusal);
        Assert.Contains("Invalid campaign_id", failed.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(gone.Id, failed.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failed.Failure.Message, StringComparison.Ordinal);
        Assert.Null(store.GetCampaign(gone.Id)!.Details);
        Assert.Equal(workspace.Campaigns.Count(c => !c.Archived) - 1, result.Synced);
    }

    [Fact]
    public async Task Cancelling_stops_the_pipeline_promptly_and_keeps_what_was_stored()
    {
        var workspace = FakeWorkspace.Create(60);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = TimeSpan.FromMilliseconds(100) });
        using var client = Client(server);
        using var store = Open();
        using var cancel = new System.Threading.CancellationTokenSource();
        var progress = new Progress(p =>
        {
            if (p.Stage == "stored")
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PortfolioSync.RunAsync(store, client, Wanted, progress: progress, cancellationToken: cancel.Token).WaitAsync(TimeSpan.FromSeconds(60)));

        var requests = server.Requests.Count;
        await Task.Delay(300);
        Assert.Equal(requests, server.Requests.Count); // nothing sent after the sync returned
        var stored = store.ListStoredCampaigns().Where(c => c.DaysStored > 0).ToList();
        Assert.NotEmpty(stored);
        Assert.True(stored.Count < workspace.Campaigns.Count(c => !c.Archived), "the cancellation came after every campaign was stored");
        Assert.All(stored, c => Assert.Equal(Wanted.Length, c.DaysStored));
    }

    /// <summary>Reports on the caller's thread.</summary>
    private sealed class Progress(Action<PortfolioSyncProgress> report) : IProgress<PortfolioSyncProgress>
    {
        public void Report(PortfolioSyncProgress value) => report(value);
    }
}
