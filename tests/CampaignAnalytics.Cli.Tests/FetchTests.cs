using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <c>fetch</c> against a real HTTP server on 127.0.0.1 (HttpListener) that emulates GET /campaigns/data_series:
/// bearer key check, <c>length</c> days before a midnight <c>ending_at</c>, rate-limit headers.
/// </summary>
public sealed class FetchTests : IDisposable
{
    private const string ApiKey = "test-key-5f1c9e27-do-not-print";

    /// <summary>A campaign the server answers with 404.</summary>
    private const string MissingCampaign = "cmp-missing";
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-fetch-").FullName;
    private readonly IReadOnlyList<DailyDataPoint> _sample;
    private readonly Task _serving;
    private int _requests;

    public FetchTests()
    {
        _sample = CampaignDataSeriesResponse.Parse(File.ReadAllBytes(CliRunner.Data("spring-sale.json"))).Data!;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    private string Endpoint { get; }

    public void Dispose()
    {
        _stop.Cancel();

        // Close alone: after Stop, the managed HttpListener's Close binds the port again to remove its prefix and can
        // fail with "Address already in use" (seen once in CI).
        _listener.Close();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var response = context.Response;
            response.ContentType = "application/json";
            response.Headers["X-RateLimit-Limit"] = "50000";
            response.Headers["X-RateLimit-Remaining"] = "49000";
            response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            string body;
            if (context.Request.Headers["Authorization"] != "Bearer " + ApiKey)
            {
                response.StatusCode = 401;
                body = "{\"message\":\"Invalid API key: " + context.Request.Headers["Authorization"] + "\"}";
            }
            else if (context.Request.Url!.AbsolutePath != "/campaigns/data_series" || context.Request.QueryString["campaign_id"] == MissingCampaign)
            {
                response.StatusCode = 404;
                body = "{\"message\":\"not found\"}";
            }
            else
            {
                var query = context.Request.QueryString;
                var length = int.Parse(query["length"]!, CultureInfo.InvariantCulture);
                var endingAt = DateTimeOffset.Parse(query["ending_at"]!, CultureInfo.InvariantCulture).UtcDateTime;
                var end = LocalDate.FromDateTime(endingAt);
                var days = Enumerable.Range(0, length).Select(i => end.PlusDays(i - length)).Select(Day).ToList();
                body = new CampaignDataSeriesResponse { Message = "success", Data = days }.ToJson();
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }

    /// <summary>The sample's days repeated over any date (the sample covers 100 days from 2025-03-01).</summary>
    private DailyDataPoint Day(LocalDate date)
    {
        var offset = Period.DaysBetween(new LocalDate(2025, 3, 1), date);
        var index = ((offset % _sample.Count) + _sample.Count) % _sample.Count;
        return _sample[index] with { Time = date };
    }

    private Dictionary<string, string?> WithKey(string key = ApiKey) => new() { ["BRAZE_API_KEY"] = key };

    private static void AssertNoKey(CliResult result, params string[] files)
    {
        Assert.DoesNotContain(ApiKey, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.Stderr, StringComparison.Ordinal);
        foreach (var file in files.Where(File.Exists))
        {
            Assert.DoesNotContain(ApiKey, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fetch_writes_a_multi_request_range_without_showing_the_key()
    {
        var output = Path.Combine(_dir, "spring.json");
        var result = await CliRunner.RunAsync(
            new[] { "fetch", "--campaign", "cmp-spring", "--from", "2025-01-01", "--to", "2025-06-08", "--endpoint", Endpoint, "--out", output },
            WithKey());
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertNoKey(result, output);
        Assert.Equal(2, _requests); // 159 days: two requests of at most 100

        var written = CampaignDataSeriesResponse.Parse(File.ReadAllBytes(output)).Data!;
        Assert.Equal(159, written.Count);
        Assert.Equal(new LocalDate(2025, 1, 1), written[0].Time);
        Assert.Equal(new LocalDate(2025, 6, 8), written[^1].Time);
        Assert.Equal(Day(new LocalDate(2025, 4, 1)), written.Single(d => d.Time == new LocalDate(2025, 4, 1)));
    }

    [Fact]
    public async Task Fetch_into_a_store_then_report_from_it()
    {
        var store = Path.Combine(_dir, "campaigns.db");
        var fetch = await CliRunner.RunAsync(
            new[] { "fetch", "--campaign", "cmp-a", "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-31", "--endpoint", Endpoint, "--store", store },
            WithKey());
        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        AssertNoKey(fetch, store);

        var report = await CliRunner.RunAsync("report", "--store", store, "--campaign", "cmp-b", "--by", "month", "--format", "csv");
        Assert.True(report.ExitCode == 0, report.ToString());
        var rows = Csv.Parse(report.Stdout);
        Assert.All(rows.Skip(1), r => Assert.Equal("cmp-b", r[2]));
        Assert.All(rows.Skip(1), r => Assert.Equal(new[] { "2025-03-01", "2025-03-31" }, r.Take(2)));
    }

    [Fact]
    public async Task Fetch_user_errors_exit_2_without_the_key()
    {
        var noKey = await CliRunner.RunAsync("fetch", "--campaign", "x", "--days", "7", "--endpoint", Endpoint);
        Assert.True(noKey.ExitCode == 2, noKey.ToString());
        Assert.Contains("BRAZE_API_KEY", noKey.Stderr, StringComparison.Ordinal);

        var wrongKey = await CliRunner.RunAsync(new[] { "fetch", "--campaign", "x", "--days", "7", "--endpoint", Endpoint }, WithKey("wrong-" + ApiKey));
        Assert.True(wrongKey.ExitCode == 2, wrongKey.ToString());
        Assert.Single(wrongKey.Stderr.TrimEnd().Split('\n'));
        AssertNoKey(wrongKey);

        var requestsBefore = _requests;
        var badInstance = await CliRunner.RunAsync(new[] { "fetch", "--campaign", "x", "--days", "7", "--instance", "US-99" }, WithKey());
        UserErrorTests.AssertUserError(badInstance, "--instance", "US-99", "US-03", "EU-01");
        AssertNoKey(badInstance);
        Assert.Equal(requestsBefore, _requests); // rejected before any request
    }

    [Fact]
    public async Task Fetch_out_writes_every_campaign_that_succeeded_and_lists_the_failure()
    {
        var result = await CliRunner.RunAsync(
            new[] { "fetch", "--campaign", "cmp-a", "--campaign", MissingCampaign, "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-10", "--endpoint", Endpoint, "--out", _dir },
            WithKey());
        Assert.True(result.ExitCode == 2, result.ToString()); // Braze refused the failed one (404): a user error
        AssertNoKey(result);
        var last = result.Stderr.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("campaign-analytics: 1 of 3 campaigns failed", last, StringComparison.Ordinal);
        Assert.Contains(MissingCampaign + ": ", last, StringComparison.Ordinal);
        Assert.Contains("not found", last, StringComparison.Ordinal);
        Assert.Contains("the other 2 were written", last, StringComparison.Ordinal);

        foreach (var id in new[] { "cmp-a", "cmp-b" })
        {
            var written = CampaignDataSeriesResponse.Parse(File.ReadAllBytes(Path.Combine(_dir, id + ".json"))).Data!;
            Assert.Equal(10, written.Count);
            Assert.Equal(Day(new LocalDate(2025, 3, 5)), written.Single(d => d.Time == new LocalDate(2025, 3, 5)));
        }

        Assert.False(File.Exists(Path.Combine(_dir, MissingCampaign + ".json")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task Fetch_store_keeps_every_campaign_that_succeeded_and_lists_the_failure()
    {
        var store = Path.Combine(_dir, "partial.db");
        var result = await CliRunner.RunAsync(
            new[] { "fetch", "--campaign", "cmp-a", "--campaign", MissingCampaign, "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-10", "--endpoint", Endpoint, "--store", store },
            WithKey());
        Assert.True(result.ExitCode == 2, result.ToString()); // Braze refused the failed one (404): a user error
        AssertNoKey(result, store);
        var last = result.Stderr.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("campaign-analytics: 1 of 3 campaigns failed", last, StringComparison.Ordinal);
        Assert.Contains(MissingCampaign + ": ", last, StringComparison.Ordinal);
        Assert.Contains("the other 2 were stored in " + store, last, StringComparison.Ordinal);

        // The campaigns after the failed one were synced too, each in its own transaction; the failed one left nothing.
        using (var opened = CampaignAnalytics.Store.CampaignStore.Open(store))
        {
            Assert.Equal(new[] { "cmp-a", "cmp-b" }, opened.ListCampaigns().OrderBy(id => id, StringComparer.Ordinal));
            foreach (var id in new[] { "cmp-a", "cmp-b" })
            {
                var days = opened.ReadDays<DailyDataPoint>(id).Days;
                Assert.Equal(10, days.Count);
                Assert.Equal(Day(new LocalDate(2025, 3, 5)), days.Single(d => d.Time == new LocalDate(2025, 3, 5)));
            }
        }

        // A second run fetches only what is missing or inside the restatement window, and now succeeds for the others.
        var again = await CliRunner.RunAsync(
            new[] { "fetch", "--campaign", "cmp-a", "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-10", "--endpoint", Endpoint, "--store", store },
            WithKey());
        Assert.True(again.ExitCode == 0, again.ToString());
    }
}
