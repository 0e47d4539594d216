using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

/// <summary>
/// DataSeriesClient.FetchEachAsync and GetManyAsync against the seeded fake workspace, on the real clock (the server's
/// rate-limit windows are real seconds). Time bounds are generous guards against hangs or serial fetching, not speed checks.
/// </summary>
public class ConcurrentFetchTests
{
    private const string Key = "sk-TEST-concurrent-fetch-key";

    private static readonly DateInterval TenDays = new(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 10));

    private static DataSeriesClient Client(FakeBrazeServer server, Func<DataSeriesClientOptions, DataSeriesClientOptions>? configure = null)
    {
        var options = new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Key)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };
        return DataSeriesClient.Create(configure is null ? options : configure(options));
    }

    private static async Task<List<CampaignFetchResult<DailyDataPoint>>> All(IAsyncEnumerable<CampaignFetchResult<DailyDataPoint>> results)
    {
        var list = new List<CampaignFetchResult<DailyDataPoint>>();
        await foreach (var r in results)
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public async Task No_request_is_sent_while_the_data_series_bucket_says_remaining_0()
    {
        // 40 campaigns, 8 in flight, a quota of 12 requests per 1-second window: the fetch must wait for resets.
        var workspace = FakeWorkspace.Create(40);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { DataSeriesLimit = new FakeRateLimit(12, TimeSpan.FromSeconds(1)) });
        using var client = Client(server);

        var results = await All(client.FetchEachAsync(workspace.Campaigns.Select(c => c.Id), TenDays));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(40, results.Count);
        var sent = server.Requests.Where(r => r.Bucket == FakeBucket.DataSeries).ToList();
        Assert.Equal(40, sent.Count);
        Assert.Empty(server.SentWhileExhausted);
        Assert.All(sent, r => Assert.True(r.RemainingAtSend > 0));
        // The quota did run out: the requests span at least 4 windows.
        Assert.True(sent.Select(r => r.At.ToUnixTimeSeconds()).Distinct().Count() >= 4, "the requests never waited for a reset");
    }

    [Fact]
    public async Task A_used_up_data_series_bucket_does_not_delay_a_details_request()
    {
        var workspace = FakeWorkspace.Create(3);
        await using var server = new FakeBrazeServer(workspace);
        server.DataSeriesBucket!.Exhaust(TimeSpan.FromSeconds(40));
        using var client = Client(server);
        using var cancel = new CancellationTokenSource();

        // The data series gets 429 with Remaining 0 and a reset 40 s away: the client waits for it.
        var fetch = All(client.FetchEachAsync(new[] { workspace.Campaigns[0].Id }, TenDays, cancellationToken: cancel.Token));
        var deadline = Stopwatch.StartNew();
        while (!server.Requests.Any(r => r.Bucket == FakeBucket.DataSeries) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        var watch = Stopwatch.StartNew();
        var body = await client.GetJsonAsync("campaigns/details?campaign_id=" + workspace.Campaigns[1].Id, "details of campaign 1").WaitAsync(TimeSpan.FromSeconds(60));
        watch.Stop();

        Assert.Contains("\"success\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the details request waited {watch.Elapsed} for the data-series bucket");
        Assert.True(server.Requests.Single(r => r.Bucket == FakeBucket.Shared).RemainingAtSend > 0);
        Assert.False(fetch.IsCompleted);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(30)));
        // Only the first data-series request (before the client knew) reached the used-up bucket.
        Assert.Single(server.Requests, r => r.Bucket == FakeBucket.DataSeries);
    }

    [Fact]
    public async Task One_failing_campaign_is_a_typed_failure_and_the_others_are_kept()
    {
        var workspace = FakeWorkspace.Create(6);
        await using var server = new FakeBrazeServer(workspace);
        var broken = workspace.Campaigns[2].Id;
        server.AddFault(new FakeFault(FakeFaultKind.ServerError) { Endpoint = "/campaigns/data_series", Id = broken });
        var malformed = workspace.Campaigns[4].Id;
        server.AddFault(new FakeFault(FakeFaultKind.MalformedBody) { Id = malformed });
        using var client = Client(server, o => o with { MaxRetryAttempts = 1, MaxConcurrency = 3 });
        var range = new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)); // 4 requests a campaign

        var results = (await All(client.FetchEachAsync(workspace.Campaigns.Select(c => c.Id), range))).ToDictionary(r => r.CampaignId);

        Assert.Equal(6, results.Count);
        Assert.Equal(FetchFailureCause.ServerError, results[broken].Failure!.Cause);
        Assert.IsType<BrazeServerException>(results[broken].Failure!.Exception);
        Assert.Null(results[broken].Days);
        Assert.Equal(FetchFailureCause.MalformedResponse, results[malformed].Failure!.Cause);
        Assert.DoesNotContain(Key, results[broken].Failure!.Message, StringComparison.Ordinal);
        foreach (var ok in results.Values.Where(r => r.CampaignId != broken && r.CampaignId != malformed))
        {
            Assert.True(ok.Succeeded, ok.ToString());
            Assert.Equal(range.Length, ok.Days!.Days.Count);
            Assert.Equal(range.Start, ok.Days!.Days[0].Time);
            Assert.Equal(range.End, ok.Days!.Days[^1].Time);
        }

        // GetManyAsync keeps its contract: the first failure is thrown.
        await Assert.ThrowsAsync<BrazeServerException>(() => client.GetManyAsync(new[] { workspace.Campaigns[0].Id, broken }, TenDays));
    }

    [Fact]
    public async Task Cancellation_stops_every_request_promptly()
    {
        var workspace = FakeWorkspace.Create(30);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = TimeSpan.FromSeconds(60) });
        using var client = Client(server, o => o with { AttemptTimeout = TimeSpan.FromMinutes(5) });
        using var cancel = new CancellationTokenSource();

        var fetch = All(client.FetchEachAsync(workspace.Campaigns.Select(c => c.Id), TenDays, cancellationToken: cancel.Token));
        var deadline = Stopwatch.StartNew();
        while (server.Requests.Count < 8 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        var watch = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(50)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {watch.Elapsed}");
        Assert.Equal(8, server.Requests.Count); // the default 8 in flight, and nothing after the cancellation
    }

    [Fact]
    public async Task Requests_overlap_up_to_the_concurrency_and_a_slow_campaign_does_not_stall_the_others()
    {
        // 24 campaigns, one request each, 300 ms latency, 8 in flight: ideally 0.9 s; one after another 7.2 s.
        var workspace = FakeWorkspace.Create(24);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = TimeSpan.FromMilliseconds(300) });
        var slow = workspace.Campaigns[0].Id;
        server.AddFault(new FakeFault(FakeFaultKind.Latency) { Id = slow, Delay = TimeSpan.FromSeconds(6) });
        using var client = Client(server);

        var watch = Stopwatch.StartNew();
        var order = new List<(string Id, TimeSpan At)>();
        await foreach (var r in client.FetchEachAsync(workspace.Campaigns.Select(c => c.Id), TenDays))
        {
            Assert.True(r.Succeeded, r.ToString());
            order.Add((r.CampaignId, watch.Elapsed));
        }

        Assert.Equal(24, order.Count);
        Assert.Equal(slow, order[^1].Id);
        // The 23 others finished long before the slow one and far below 23 × 300 ms one after another.
        Assert.True(order[^2].At < TimeSpan.FromSeconds(3.5), $"the other campaigns took {order[^2].At}");
        Assert.InRange(server.MaxInFlight, 2, 8);
    }
}
