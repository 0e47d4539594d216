using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Testing.FakeBraze;
using NodaTime;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// The portfolio fetch against the loopback fake Braze workspace (in this process): <c>campaigns</c> campaigns ×
/// <c>days</c> days through <see cref="DataSeriesClient.FetchEachAsync"/> with the default 8 requests in flight and
/// <c>latency</c> per request, each campaign's series dropped once counted (as a store sync would after writing it).
/// Prints the wall time against the ideal (requests × latency ÷ concurrency), the peak memory of the process (client
/// and server together) and the requests the server received while its bucket said Remaining = 0 (must be 0). A timed
/// probe, not a test:
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --fetch-portfolio [campaigns] [days] [latency ms]</code>
/// </summary>
public static class PortfolioProbe
{
    /// <summary>Runs the probe and writes one line.</summary>
    /// <param name="output">Where the line goes.</param>
    /// <param name="campaigns">How many campaigns.</param>
    /// <param name="days">Days per campaign.</param>
    /// <param name="latency">Added by the server to every answer.</param>
    public static async Task<PortfolioLine> RunAsync(TextWriter output, int campaigns = 500, int days = 365, TimeSpan? latency = null)
    {
        var wait = latency ?? TimeSpan.FromMilliseconds(50);
        var workspace = FakeWorkspace.Create(campaigns);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = wait });
        var options = new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), "bench-key-not-secret");
        using var client = DataSeriesClient.Create(options);
        var range = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1).PlusDays(days - 1));
        var requests = campaigns * DataSeriesClient.PlanChunks(range).Count;
        var ideal = wait * requests / options.MaxConcurrency;

        GC.Collect();
        long peakManaged = 0;
        using var sampler = new Timer(_ => InterlockedMax(ref peakManaged, GC.GetTotalMemory(false)), null, 0, 10);
        var watch = Stopwatch.StartNew();
        long daysFetched = 0;
        var failed = 0;
        await foreach (var result in client.FetchEachAsync(workspace.Campaigns.Select(c => c.Id), range))
        {
            if (result.Days is { } fetched)
            {
                daysFetched += fetched.Days.Count;
            }
            else
            {
                failed++;
            }
        }

        watch.Stop();
        InterlockedMax(ref peakManaged, GC.GetTotalMemory(false));
        using var process = Process.GetCurrentProcess();
        var line = new PortfolioLine(
            campaigns, days, requests, wait, options.MaxConcurrency, watch.Elapsed, ideal, Interlocked.Read(ref peakManaged), process.PeakWorkingSet64,
            server.SentWhileExhausted.Count, daysFetched, failed);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{campaigns} campaigns × {days} days, {requests} requests, {wait.TotalMilliseconds:F0} ms latency, {line.Concurrency} in flight: "
            + $"wall {line.Wall.TotalSeconds:F2} s, ideal {line.Ideal.TotalSeconds:F2} s ({line.WallOverIdeal:F2}×), "
            + $"peak managed heap {line.PeakManagedBytes / 1048576.0:F0} MB, peak working set {line.PeakWorkingSetBytes / 1048576.0:F0} MB, "
            + $"sent while Remaining = 0: {line.SentWhileExhausted}, days {line.Days}, failed campaigns {line.FailedCampaigns}"));
        return line;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>One run of <see cref="PortfolioProbe"/>.</summary>
/// <param name="Campaigns">Campaigns fetched.</param>
/// <param name="DaysPerCampaign">Days per campaign.</param>
/// <param name="Requests">Requests planned.</param>
/// <param name="Latency">The server's latency per request.</param>
/// <param name="Concurrency">Requests in flight at most.</param>
/// <param name="Wall">Wall time of the fetch.</param>
/// <param name="Ideal">Requests × latency ÷ concurrency.</param>
/// <param name="PeakManagedBytes">The largest managed heap seen (sampled every 10 ms).</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set (client and server).</param>
/// <param name="SentWhileExhausted">Requests the server received while its bucket said Remaining = 0.</param>
/// <param name="Days">Days fetched in all.</param>
/// <param name="FailedCampaigns">Campaigns that failed.</param>
public sealed record PortfolioLine(
    int Campaigns, int DaysPerCampaign, int Requests, TimeSpan Latency, int Concurrency, TimeSpan Wall, TimeSpan Ideal,
    long PeakManagedBytes, long PeakWorkingSetBytes, int SentWhileExhausted, long Days, int FailedCampaigns)
{
    /// <summary>Wall time ÷ ideal.</summary>
    public double WallOverIdeal => Wall / Ideal;
}
