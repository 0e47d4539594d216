using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Models;
using CampaignAnalytics.Store;
using CampaignAnalytics.Testing.FakeBraze;
using NodaTime;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// The portfolio fetch against the loopback fake Braze workspace (in this process), <c>campaigns</c> campaigns ×
/// <c>days</c> days with the default 8 requests in flight and <c>latency</c> per request, three ways side by side in one
/// run, each against a fresh server: the series alone (<see cref="DataSeriesClient.FetchEachAsync"/>, each campaign's
/// series dropped once counted); a whole sync into a store as it was done before, in two phases (every campaign's
/// details, then every series); and <see cref="PortfolioSync.RunAsync"/>, which interleaves them in one pipeline. Prints
/// for each the wall time against the ideal (requests the server received × latency ÷ concurrency), the peak managed
/// heap and the requests the server received while its bucket said Remaining = 0 (must be 0), then the process's peak
/// working set (client and server, all three runs). A timed probe, not a test:
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --fetch-portfolio [campaigns] [days] [latency ms]</code>
/// </summary>
public static class PortfolioProbe
{
    /// <summary>Runs the probe and writes one line per way.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="campaigns">How many campaigns.</param>
    /// <param name="days">Days per campaign.</param>
    /// <param name="latency">Added by the server to every answer.</param>
    /// <returns>The series alone, the two-phase sync, the interleaved sync.</returns>
    public static async Task<IReadOnlyList<PortfolioLine>> RunAsync(TextWriter output, int campaigns = 500, int days = 365, TimeSpan? latency = null)
    {
        var wait = latency ?? TimeSpan.FromMilliseconds(50);
        var range = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1).PlusDays(days - 1));
        var work = Directory.CreateTempSubdirectory("ca-portfolio-probe-");
        try
        {
            var lines = new List<PortfolioLine>
            {
                await RunOneAsync(output, "series alone (FetchEachAsync)", campaigns, range, wait, null, async (client, _, ids) =>
                {
                    var (fetched, failed) = (0L, 0);
                    await foreach (var result in client.FetchEachAsync(ids, range))
                    {
                        if (result.Days is { } d)
                        {
                            fetched += d.Days.Count;
                        }
                        else
                        {
                            failed++;
                        }
                    }

                    return (fetched, failed);
                }),
                await RunOneAsync(output, "sync, details then series (before)", campaigns, range, wait, Path.Combine(work.FullName, "phased.db"), (client, store, _) => TwoPhaseSyncAsync(client, store!, range)),
                await RunOneAsync(output, "sync, one pipeline (PortfolioSync)", campaigns, range, wait, Path.Combine(work.FullName, "pipeline.db"), async (client, store, _) =>
                {
                    var result = await PortfolioSync.RunAsync(store!, client, range);
                    return (result.DaysInserted, result.Campaigns.Count - result.Synced);
                }),
            };
            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set of the process (client and fake server, all runs): {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
            return lines;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<PortfolioLine> RunOneAsync(
        TextWriter output, string way, int campaigns, DateInterval range, TimeSpan wait, string? storePath,
        Func<DataSeriesClient, CampaignStore?, IReadOnlyList<string>, Task<(long Days, int Failed)>> run)
    {
        var workspace = FakeWorkspace.Create(campaigns);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = wait });
        var options = new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), "bench-key-not-secret");
        using var client = DataSeriesClient.Create(options);
        using var store = storePath is null ? null : CampaignStore.Open(storePath);
        var ids = workspace.Campaigns.Where(c => !c.Archived).Select(c => c.Id).ToList();

        GC.Collect();
        long peakManaged = 0;
        using var sampler = new Timer(_ => InterlockedMax(ref peakManaged, GC.GetTotalMemory(false)), null, 0, 10);
        var watch = Stopwatch.StartNew();
        var (fetched, failed) = await run(client, store, ids);
        watch.Stop();
        InterlockedMax(ref peakManaged, GC.GetTotalMemory(false));
        var requests = server.Requests.Count;
        var line = new PortfolioLine(
            way, ids.Count, range.Length, requests, wait, options.MaxConcurrency, watch.Elapsed, wait * requests / options.MaxConcurrency,
            Interlocked.Read(ref peakManaged), server.SentWhileExhausted.Count, fetched, failed);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{way}: {line.Campaigns} campaigns × {line.DaysPerCampaign} days, {requests} requests, {wait.TotalMilliseconds:F0} ms latency, {line.Concurrency} in flight: "
            + $"wall {line.Wall.TotalSeconds:F2} s, ideal {line.Ideal.TotalSeconds:F2} s ({line.WallOverIdeal:F2}×), "
            + $"peak managed heap {line.PeakManagedBytes / 1048576.0:F0} MB, "
            + $"sent while Remaining = 0: {line.SentWhileExhausted}, days {line.Days}, failed campaigns {line.FailedCampaigns}"));
        return line;
    }

    /// <summary>The sync as <see cref="PortfolioSync.RunAsync"/> did it before it interleaved: every details request, then every series.</summary>
    private static async Task<(long Days, int Failed)> TwoPhaseSyncAsync(DataSeriesClient client, CampaignStore store, DateInterval range)
    {
        var listed = new List<CampaignListItem>();
        await foreach (var item in client.ListCampaignsAsync())
        {
            listed.Add(item);
        }

        store.UpsertCampaigns(listed, false);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = client.Options.MaxConcurrency }, async (item, token) =>
        {
            try
            {
                store.UpsertDetails(item.Id!, await client.GetCampaignDetailsAsync(item.Id!, token), item.LastEdited);
            }
            catch (BrazeApiException)
            {
                lock (failed)
                {
                    failed.Add(item.Id!);
                }
            }
        });

        long days = 0;
        await foreach (var result in client.FetchEachAsync(listed.Select(c => c.Id!), range))
        {
            if (result.Days is { } fetched)
            {
                days += store.UpsertDays(result.CampaignId, fetched.Days).Inserted;
            }
            else
            {
                failed.Add(result.CampaignId);
            }
        }

        return (days, failed.Count);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>One way of one run of <see cref="PortfolioProbe"/>.</summary>
/// <param name="Way">What was run.</param>
/// <param name="Campaigns">Campaigns fetched.</param>
/// <param name="DaysPerCampaign">Days per campaign.</param>
/// <param name="Requests">Requests the server received (list pages, details, series).</param>
/// <param name="Latency">The server's latency per request.</param>
/// <param name="Concurrency">Requests in flight at most.</param>
/// <param name="Wall">Wall time.</param>
/// <param name="Ideal">Requests × latency ÷ concurrency.</param>
/// <param name="PeakManagedBytes">The largest managed heap seen (sampled every 10 ms).</param>
/// <param name="SentWhileExhausted">Requests the server received while its bucket said Remaining = 0.</param>
/// <param name="Days">Days fetched (the series alone) or stored (the syncs) in all.</param>
/// <param name="FailedCampaigns">Campaigns that failed.</param>
public sealed record PortfolioLine(
    string Way, int Campaigns, int DaysPerCampaign, int Requests, TimeSpan Latency, int Concurrency, TimeSpan Wall, TimeSpan Ideal,
    long PeakManagedBytes, int SentWhileExhausted, long Days, int FailedCampaigns)
{
    /// <summary>Wall time ÷ ideal.</summary>
    public double WallOverIdeal => Wall / Ideal;
}
