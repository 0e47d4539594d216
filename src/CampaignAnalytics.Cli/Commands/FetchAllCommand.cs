using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Store;
using NodaTime;
using Spectre.Console;
using AnyClient = CampaignAnalytics.Api.DataSeriesClient<CampaignAnalytics.Catalogue.IDataSeriesResponse<CampaignAnalytics.Catalogue.IDailyDataPoint>, CampaignAnalytics.Catalogue.IDailyDataPoint>;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>fetch --all</c>: the whole workspace into a store (<see cref="PortfolioSync"/>).</summary>
internal static partial class FetchCommand
{
    private static readonly Option<bool> All = new("--all") { Description = "Every campaign of the workspace (discovered by /campaigns/list) into --store, details and series, resumable." };

    private static readonly Option<string?> Kind = new("--kind") { Description = "With --all: campaigns (default), canvases or all." };

    private static readonly Option<bool> IncludeArchived = new("--include-archived") { Description = "With --all: archived campaigns too." };

    private static readonly Option<string?> EditedSince = new("--edited-since") { Description = "With --all: discover only campaigns edited after this day (yyyy-MM-dd, UTC); every stored active campaign's series is still refreshed." };

    private static async Task<int> RunAllAsync(
        ParseResult parse, string[] campaignIds, int? days, string? from, string? to, string? instanceName, string? endpoint, string? storePath, string? outPath, CancellationToken cancellationToken)
    {
        var apiKey = ReadApiKey();
        if (!parse.GetValue(All))
        {
            throw new UserErrorException((parse.GetValue(Kind) is not null ? "--kind" : parse.GetValue(IncludeArchived) ? "--include-archived" : "--edited-since") + " goes with --all.");
        }

        var kind = Choices.Check(parse.GetValue(Kind), "--kind", "campaigns", "campaigns", "canvases", "all");

        if (campaignIds.Length > 0)
        {
            throw new UserErrorException("give either --campaign ID or --all, not both.");
        }

        if (outPath is not null || storePath is null)
        {
            throw new UserErrorException("--all fetches into a store: give --store PATH (and no --out).");
        }

        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var range = Range(days, from, to, today);
        DateTimeOffset? editedSince = null;
        if (parse.GetValue(EditedSince) is { } sinceText)
        {
            var since = Dates.Parse(sinceText, "--edited-since");
            editedSince = new DateTimeOffset(since.ToDateTimeUnspecified(), TimeSpan.Zero);
        }

        var instance = Instance(instanceName, endpoint);
        CheckStoreFolder(storePath);
        var catalogue = SchemaOption.Catalogue(parse.GetValue<string?>(SchemaOption.Name));
        var waits = new FetchWaitNotes();
        using var client = DataSeriesClient.CreateForAnyCatalogue(new DataSeriesClientOptions(instance, apiKey), catalogue, waits: waits);
        using var store = CampaignStore.Open(storePath, catalogue);
        var options = new PortfolioSyncOptions { IncludeArchived = parse.GetValue(IncludeArchived), EditedSince = editedSince };

        var outcomes = new List<PortfolioCampaignOutcome>();
        foreach (var canvases in kind switch { "campaigns" => new[] { false }, "canvases" => new[] { true }, _ => new[] { false, true } })
        {
            try
            {
                PortfolioSyncResult part = FetchWaitNotes.Interactive
                    ? await SyncWithProgressAsync(Emit.Stderr, store, client, range, options, canvases, waits, cancellationToken).ConfigureAwait(false)
                    : await SyncAsync(store, client, range, options, canvases, new LogLines(client, waits), cancellationToken).ConfigureAwait(false);
                outcomes.AddRange(part.Campaigns);
            }
            catch (Exception e) when (IsFetchFailure(e))
            {
                // Discovery failed (wrong key, wrong instance, Braze down): nothing can be synced.
                throw Describe(instance, e);
            }
        }

        var result = new PortfolioSyncResult(outcomes);
        var failed = result.Campaigns.Where(c => !c.Succeeded).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"synced {Counts(result.Campaigns, kind)} into {storePath}: {result.DaysInserted} days added, {result.DaysUpdated} restated, {Requests(client, waits)}");
        if (failed.Count == 0)
        {
            CommandRunner.Inform(summary + ".");
            return ExitCodes.Success;
        }

        CommandRunner.Inform(summary + "; failed by cause: " + string.Join(", ", result.FailuresByCause.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))) + ".");
        foreach (var campaign in failed)
        {
            CommandRunner.Inform($"note: {(campaign.IsCanvas ? "canvas " : string.Empty)}{campaign.CampaignId} ({campaign.Name}) failed: {Message(campaign.Failure!.Exception)}");
        }

        var what = kind switch { "campaigns" => "campaigns", "canvases" => "canvases", _ => "campaigns and canvases" };
        var message = string.Create(CultureInfo.InvariantCulture, $"{failed.Count} of {result.Campaigns.Count} {what} failed at {instance}; the other {result.Synced} were stored in {storePath} (run the same command again to retry).");
        // A user error only when Braze refused every one (a key without the permission, say); one campaign deleted
        // between the list and its details must not turn each scheduled run into a user error.
        throw result.Synced == 0 && failed.All(c => IsRefusal(c.Failure!.Exception)) ? new UserErrorException(message) : new ExternalFailureException(message);
    }

    /// <summary>"3 of 4 campaigns", "2 of 2 canvases" or both, as <paramref name="kind"/> asked for.</summary>
    private static string Counts(IReadOnlyList<PortfolioCampaignOutcome> outcomes, string kind)
    {
        string Of(bool canvases, string noun)
        {
            var mine = outcomes.Where(o => o.IsCanvas == canvases).ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{mine.Count(o => o.Succeeded)} of {mine.Count} {noun}");
        }

        return kind switch
        {
            "campaigns" => Of(false, "campaigns"),
            "canvases" => Of(true, "canvases"),
            _ => Of(false, "campaigns") + " and " + Of(true, "canvases"),
        };
    }

    /// <summary>The requests sent and the rate-limit waits so far, e.g. <c>230 requests (2 rate-limit waits)</c>.</summary>
    private static string Requests(AnyClient client, FetchWaitNotes waits) =>
        string.Create(CultureInfo.InvariantCulture, $"{client.RequestsSent} requests ({waits.RateLimitWaits} rate-limit waits)");

    /// <summary>Syncs the campaigns, or the Canvases, of the workspace.</summary>
    private static Task<PortfolioSyncResult> SyncAsync(
        CampaignStore store, AnyClient client, DateInterval range, PortfolioSyncOptions options, bool canvases, IProgress<PortfolioSyncProgress> progress, CancellationToken cancellationToken) =>
        canvases
            ? PortfolioSync.RunCanvasesAsync(store, client, range, options, progress, cancellationToken)
            : PortfolioSync.RunAsync(store, client, range, options, progress, cancellationToken);

    /// <summary>
    /// One Spectre progress display on a terminal (<paramref name="console"/>): campaigns (or canvases) done of total,
    /// requests sent, rate-limit waits, the current step.
    /// </summary>
    internal static async Task<PortfolioSyncResult> SyncWithProgressAsync(
        IAnsiConsole console, CampaignStore store, AnyClient client, DateInterval range, PortfolioSyncOptions options, bool canvases, FetchWaitNotes waits, CancellationToken cancellationToken)
    {
        PortfolioSyncResult result = null!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var noun = canvases ? "canvases" : "campaigns";
                var task = context.AddTask("Discovering " + noun, maxValue: 1);
                void Show(int done, int total, string text)
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    task.Description = Markup.Escape(CommandRunner.Scrub(string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {noun} · {Requests(client, waits)} · {text}")));
                }

                var last = new PortfolioSyncProgress("discovered", 0, 0, null, string.Empty);
                var progress = new SynchronousSyncProgress(p => Show((last = p).CampaignsDone, p.CampaignsTotal, p.Text));
                using (waits.ShowIn(text => task.Description = text))
                {
                    result = await SyncAsync(store, client, range, options, canvases, progress, cancellationToken).ConfigureAwait(false);
                }

                Show(last.CampaignsTotal, last.CampaignsTotal, "done");
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Plain log lines on stderr when it is no terminal: discovery, and each campaign stored or failed, with the requests so far.</summary>
    private sealed class LogLines(AnyClient client, FetchWaitNotes waits) : IProgress<PortfolioSyncProgress>
    {
        public void Report(PortfolioSyncProgress value) =>
            CommandRunner.Inform(string.Create(CultureInfo.InvariantCulture, $"[{value.CampaignsDone}/{value.CampaignsTotal}] {value.Text} · {Requests(client, waits)}"));
    }

    /// <summary>Reports on the caller's thread.</summary>
    private sealed class SynchronousSyncProgress(Action<PortfolioSyncProgress> report) : IProgress<PortfolioSyncProgress>
    {
        public void Report(PortfolioSyncProgress value) => report(value);
    }

}
