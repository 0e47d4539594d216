using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Store;
using NodaTime;
using Spectre.Console;

using AnyClient = CampaignAnalytics.Api.DataSeriesClient<CampaignAnalytics.Catalogue.IDataSeriesResponse<CampaignAnalytics.Catalogue.IDailyDataPoint>, CampaignAnalytics.Catalogue.IDailyDataPoint>;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// <c>fetch</c>: reads campaigns from Braze into a response file, stdout or a store. The API key comes from
/// <c>BRAZE_API_KEY</c> only: never an argument, never printed.
/// </summary>
internal static partial class FetchCommand
{
    public const string ApiKeyVariable = "BRAZE_API_KEY";

    /// <summary>The most days one fetch may ask for (about 27 years: longer than Braze has existed).</summary>
    public const int MaxDays = 10_000;

    public static Command Create()
    {
        var campaigns = new Option<string[]>("--campaign") { Description = "A campaign API id (repeatable); or --all.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var days = new Option<int?>("--days") { Description = "The last N full days (UTC), ending yesterday." };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd); with --to." };
        var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd); with --from." };
        var instance = new Option<string?>("--instance") { Description = "The Braze instance, e.g. US-03 or EU-01." };
        var endpoint = new Option<string?>("--endpoint") { Description = "The REST endpoint URL instead of --instance (https; http only for loopback)." };
        var store = new Option<string?>("--store") { Description = "Sync into this store (SQLite; created when missing): only missing days and the recent restatement window are fetched." };
        var output = new Option<string?>("--out") { Description = "Write the response to this file (one campaign) or into this existing folder as <campaign>.json (several)." };
        var canvases = new Option<string[]>("--canvas") { Description = "A Canvas API id (repeatable), instead of --campaign: its series with the variant and step breakdowns (and its details with --store).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var send = new Option<string?>("--send") { Description = $"A send id of the one API --campaign: that send's series (/sends/data_series, at most {DataSeriesClient.MaxLength} days; Braze keeps send statistics {DataSeriesClient.SendRetentionDays} days)." };
        var command = new Command("fetch", $"Fetch campaigns' (one by one or --all), a campaign send's or Canvases' daily data series from Braze. The API key is read from {ApiKeyVariable}.");
        foreach (var option in new Option[] { campaigns, canvases, send, days, from, to, instance, endpoint, store, output, All, Kind, IncludeArchived, EditedSince })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => parse.GetValue(send) is { } sendId
            ? FetchSendAsync(
                parse.GetValue(campaigns) ?? Array.Empty<string>(),
                parse.GetValue(canvases) ?? Array.Empty<string>(),
                sendId,
                parse.GetValue(days),
                parse.GetValue(from),
                parse.GetValue(to),
                parse.GetValue(instance),
                parse.GetValue(endpoint),
                parse.GetValue(store),
                parse.GetValue(output),
                parse.GetValue<string?>(SchemaOption.Name),
                parse.GetValue(All) || parse.GetValue(Kind) is not null || parse.GetValue(IncludeArchived) || parse.GetValue(EditedSince) is not null,
                cancellationToken)
            : parse.GetValue(All) || parse.GetValue(Kind) is not null || parse.GetValue(IncludeArchived) || parse.GetValue(EditedSince) is not null
            ? RunAllAsync(parse, parse.GetValue(campaigns) ?? Array.Empty<string>(), parse.GetValue(days), parse.GetValue(from), parse.GetValue(to), parse.GetValue(instance), parse.GetValue(endpoint), parse.GetValue(store), parse.GetValue(output), cancellationToken)
            : RunAsync(
            parse.GetValue(campaigns) ?? Array.Empty<string>(),
            parse.GetValue(canvases) ?? Array.Empty<string>(),
            parse.GetValue(days),
            parse.GetValue(from),
            parse.GetValue(to),
            parse.GetValue(instance),
            parse.GetValue(endpoint),
            parse.GetValue(store),
            parse.GetValue(output),
            parse.GetValue<string?>(SchemaOption.Name),
            cancellationToken)));
        Help.AddExamples(command, new[]
        {
            "campaign-analytics fetch --campaign 1234-abcd --days 180 --instance US-03 --store campaigns.db",
            "campaign-analytics fetch --all --days 90 --instance US-03 --store campaigns.db",
            "campaign-analytics fetch --canvas 5678-efgh --days 60 --instance US-03 --store campaigns.db",
        });
        return command;
    }

    /// <summary>
    /// The days asked for: <c>--days N</c> (ending yesterday, UTC) or <c>--from</c> and <c>--to</c>; at most
    /// <see cref="MaxDays"/> days, none after today.
    /// </summary>
    internal static DateInterval Range(int? days, string? from, string? to, LocalDate today)
    {
        if (days is not null && (from is not null || to is not null))
        {
            throw new UserErrorException("give either --days N or --from DATE --to DATE, not both.");
        }

        if (days is { } n)
        {
            if (n is < 1 or > MaxDays)
            {
                throw new UserErrorException($"--days: {n} is out of range; give 1 to {MaxDays} days.");
            }

            var end = today.PlusDays(-1);
            return new DateInterval(end.PlusDays(1 - n), end);
        }

        if (from is null || to is null)
        {
            throw new UserErrorException("say which days to fetch: --days N, or --from DATE --to DATE.");
        }

        var (f, t) = Dates.ParseRange(from, to);
        if (t!.Value > today)
        {
            throw new UserErrorException($"--to {Dates.Format(t.Value)} is after today ({Dates.Format(today)}, UTC): Braze has no data for it yet.");
        }

        var range = new DateInterval(f!.Value, t.Value);
        if (range.Length > MaxDays)
        {
            throw new UserErrorException($"--from {Dates.Format(f.Value)} --to {Dates.Format(t.Value)} covers {range.Length} days; give at most {MaxDays}.");
        }

        return range;
    }

    private static async Task<int> RunAsync(
        string[] campaignIds, string[] canvasIds, int? days, string? from, string? to, string? instanceName, string? endpoint, string? storePath, string? outPath, string? schemaPath, CancellationToken cancellationToken)
    {
        var apiKey = ReadApiKey();
        if (campaignIds.Length == 0 && canvasIds.Length == 0)
        {
            throw new UserErrorException("say what to fetch: --campaign ID or --canvas ID (repeatable), or --all --store PATH.");
        }

        if (campaignIds.Length > 0 && canvasIds.Length > 0)
        {
            throw new UserErrorException("give --campaign or --canvas, not both: fetch campaigns and Canvases in separate runs.");
        }

        var range = Range(days, from, to, SystemClock.Instance.GetCurrentInstant().InUtc().Date);
        if (canvasIds.Length > 0)
        {
            return await FetchCanvasesAsync(apiKey!, canvasIds, range, instanceName, endpoint, storePath, outPath, cancellationToken).ConfigureAwait(false);
        }

        var ids = campaignIds.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Any(string.IsNullOrEmpty))
        {
            throw new UserErrorException("--campaign: a campaign id is empty.");
        }

        foreach (var id in ids)
        {
            try
            {
                DataSeriesClient.ValidateCampaignId(id);
            }
            catch (ArgumentException e)
            {
                throw new UserErrorException("--campaign: " + ArgumentErrors.Describe(e), e);
            }
        }

        var instance = Instance(instanceName, endpoint);
        var targets = Targets(ids, storePath, outPath);
        var catalogue = SchemaOption.Catalogue(schemaPath);
        var clientOptions = new DataSeriesClientOptions(instance, apiKey);
        var waits = new FetchWaitNotes();
        using var client = DataSeriesClient.CreateForAnyCatalogue(clientOptions, catalogue, waits: waits);
        IReadOnlyList<(string Id, Exception Error)> failures;
        try
        {
            failures = storePath is not null
                ? await SyncAsync(client, catalogue, storePath, ids, range, targets, waits, cancellationToken).ConfigureAwait(false)
                : await FetchEachAsync(client, catalogue, ids, range, targets, clientOptions.MaxConcurrency, waits, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsFetchFailure(e))
        {
            throw Describe(instance, e);
        }

        if (failures.Count == 0)
        {
            return ExitCodes.Success;
        }

        if (ids.Length == 1)
        {
            throw Describe(instance, failures[0].Error);
        }

        // Some campaigns failed: the others are written or stored; exit 2 when Braze refused each failed one (e.g. an
        // unknown campaign), else 1.
        var refused = failures.All(f => IsRefusal(f.Error));
        var list = string.Join("; ", failures.Select(f => $"{f.Id}: {Message(f.Error)}"));
        var written = ids.Length - failures.Count;
        var done = storePath is null ? "written" : "stored";
        var message = $"{failures.Count} of {ids.Length} campaigns failed at {instance} ({list}); "
            + (written == 0 ? $"nothing was {done}."
                : $"the other {written} {(written == 1 ? "was" : "were")} {done}{(storePath is null ? string.Empty : " in " + storePath)}.");
        throw refused ? new UserErrorException(message) : new ExternalFailureException(message);
    }

    /// <summary>
    /// The key, first of all: registered for masking before any option (which may hold it) is echoed, and checked before
    /// anything is sent (a space or line break in it would fail each request, after retries).
    /// </summary>
    internal static string ReadApiKey()
    {
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        CommandRunner.Secret = apiKey;
        if (DataSeriesClientOptions.DescribeApiKeyProblem(apiKey) is { } problem)
        {
            throw new UserErrorException($"{ApiKeyVariable} {problem}: export a REST API key with the campaigns.data_series permission.");
        }

        return apiKey!;
    }

    /// <summary>The store's folder must exist (the file is created when missing).</summary>
    internal static void CheckStoreFolder(string storePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(storePath));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UserErrorException($"--store {storePath}: the folder {folder} does not exist.");
        }
    }

    private static bool IsFetchFailure(Exception e) =>
        e is BrazeApiException or DataSeriesIntegrityException or DataSeriesFormatException or HttpRequestException;

    /// <summary>
    /// 400, 401, 403, 404, or a 200 with Braze's error message instead of data: Braze refused the request as asked (a
    /// user error), not a transient failure.
    /// </summary>
    private static bool IsRefusal(Exception e) =>
        e is BrazeUnauthorizedException or BrazeForbiddenException or BrazeBadRequestException or BrazeNotFoundException
            or BrazeErrorResponseException { IsRefusal: true };

    /// <summary>A key or permission problem is the same for every campaign: stop the others at once.</summary>
    private static bool IsForEveryCampaign(Exception e) => e is BrazeUnauthorizedException or BrazeForbiddenException;

    private static Exception Describe(BrazeInstance instance, Exception e) => IsRefusal(e)
        ? new UserErrorException($"Braze refused the request at {instance}: {Message(e)}", e)
        : new ExternalFailureException($"fetching from {instance} failed: {Message(e)}", e);

    /// <summary>The failure's message; for missing days, with advice that fits the tool (not the library's option).</summary>
    private static string Message(Exception e) => e is DataSeriesIntegrityException { Problem: DataSeriesIntegrityProblem.MissingDay } missing
        ? missing.Summary + " Braze leaves out days before a campaign existed: fetch from the campaign's first day on."
        : e.Message;

    /// <summary>
    /// Fetches each campaign on its own (at most <paramref name="concurrency"/> at a time), so that one failed
    /// campaign does not lose the others: every campaign that succeeded is written, and the failures are returned.
    /// </summary>
    private static async Task<IReadOnlyList<(string Id, Exception Error)>> FetchEachAsync(
        AnyClient client, ChannelCatalogue catalogue, string[] ids, DateInterval range, Dictionary<string, string?>? targets, int concurrency, FetchWaitNotes waits, CancellationToken cancellationToken)
    {
        var total = ids.Length * DataSeriesClient.PlanChunks(range).Count;
        var fetched = new CampaignDays<IDailyDataPoint>?[ids.Length];
        var errors = new Exception?[ids.Length];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(Math.Max(1, concurrency));
        await WithProgressAsync(total, waits, async progress =>
        {
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                try
                {
                    await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return; // another campaign hit a key or permission error
                }

                try
                {
                    fetched[i] = await client.GetRangeAsync(id, range, progress, stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (IsFetchFailure(e))
                {
                    errors[i] = e;
                    if (IsForEveryCampaign(e))
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        if (errors.FirstOrDefault(e => e is not null && IsForEveryCampaign(e)) is { } everyone)
        {
            throw everyone;
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (fetched[i] is { } campaign)
            {
                Write(catalogue, campaign, targets);
            }
        }

        return ids.Select((id, i) => (id, errors[i])).Where(p => p.Item2 is not null).Select(p => (p.id, p.Item2!)).ToList();
    }

    internal static BrazeInstance Instance(string? name, string? endpoint)
    {
        if (name is not null && endpoint is not null)
        {
            throw new UserErrorException("give either --instance or --endpoint, not both.");
        }

        if (name is null && endpoint is null)
        {
            throw new UserErrorException($"say which Braze instance to call: --instance NAME ({BrazeInstance.ValidNames}) or --endpoint URL.");
        }

        try
        {
            return name is not null
                ? BrazeInstance.FromName(name)
                : BrazeInstance.Parse(endpoint!.Contains("://", StringComparison.Ordinal) ? endpoint : "https://" + endpoint);
        }
        catch (ArgumentException e)
        {
            throw new UserErrorException((name is not null ? "--instance: " : "--endpoint: ") + ArgumentErrors.Describe(e), e);
        }
    }

    /// <summary>Where each campaign's response goes: a file, stdout (null), or nowhere (store only).</summary>
    private static Dictionary<string, string?>? Targets(string[] ids, string? storePath, string? outPath)
    {
        if (outPath is null)
        {
            if (storePath is not null)
            {
                return null;
            }

            if (ids.Length > 1)
            {
                throw new UserErrorException("several campaigns: give --out FOLDER (one <campaign>.json each) or --store PATH.");
            }

            return new Dictionary<string, string?>(StringComparer.Ordinal) { [ids[0]] = null };
        }

        if (ids.Length > 1 || Directory.Exists(outPath))
        {
            if (!Directory.Exists(outPath))
            {
                throw new UserErrorException($"--out {outPath}: several campaigns need an existing folder for their <campaign>.json files.");
            }

            return ids.ToDictionary(id => id, id => (string?)Path.Combine(outPath, SafeFileName(id) + ".json"), StringComparer.Ordinal);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UserErrorException($"--out {outPath}: the folder {folder} does not exist.");
        }

        return new Dictionary<string, string?>(StringComparer.Ordinal) { [ids[0]] = outPath };
    }

    private static string SafeFileName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(id.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }

    /// <summary>Writes a campaign's fetched days as one response file (or to stdout), when <paramref name="targets"/> names one for it.</summary>
    private static void Write(ChannelCatalogue catalogue, CampaignDays<IDailyDataPoint> campaign, Dictionary<string, string?>? targets)
    {
        var campaignId = campaign.CampaignId;
        if (targets is null || !targets.TryGetValue(campaignId, out var path))
        {
            return;
        }

        var bytes = catalogue.ToUtf8Json(catalogue.CreateMergedResponse(campaign.Days), indented: true);
        if (path is null)
        {
            Emit.WriteRaw(bytes.Concat("\n"u8.ToArray()).ToArray());
            return;
        }

        SpecialFiles.WriteAllBytes(path, bytes.Concat("\n"u8.ToArray()).ToArray());
        CommandRunner.Inform($"{campaignId}: wrote {campaign.Days.Count} days to {path}.");
    }

    private static async Task<IReadOnlyList<(string Id, Exception Error)>> SyncAsync(
        AnyClient client, ChannelCatalogue catalogue, string storePath, string[] ids, DateInterval range, Dictionary<string, string?>? targets, FetchWaitNotes waits, CancellationToken cancellationToken)
    {
        CheckStoreFolder(storePath);
        using var store = CampaignStore.Open(storePath, catalogue);
        var total = ids.Sum(id => store.PlanSync(id, range).Sum(i => DataSeriesClient.PlanChunks(i).Count));
        var failures = new List<(string Id, Exception Error)>();
        await WithProgressAsync(total, waits, async progress =>
        {
            var source = new ProgressSource(client, progress);
            foreach (var id in ids)
            {
                try
                {
                    // Each campaign syncs in its own transaction: a failed one leaves the others stored.
                    var result = await store.SyncAsync(source, id, range, cancellationToken: cancellationToken).ConfigureAwait(false);
                    CommandRunner.Inform($"{id}: {result.DaysInserted} days new, {result.DaysUpdated} restated, {result.DaysUnchanged} unchanged in {result.FetchedIntervals.Count} range(s).");
                }
                catch (Exception e) when (IsFetchFailure(e) && !IsForEveryCampaign(e))
                {
                    failures.Add((id, e));
                }
            }

            return 0;
        }).ConfigureAwait(false);

        foreach (var id in ids.Where(id => !failures.Any(f => f.Id == id)))
        {
            Write(catalogue, store.ReadDays(id, range, cancellationToken), targets);
        }

        return failures;
    }

    /// <summary>
    /// Runs a fetch with a progress bar on stderr when it takes more than one request; on an interactive terminal,
    /// waits show in the bar's description, or for a single request in a status line.
    /// </summary>
    private static async Task<T> WithProgressAsync<T>(int totalRequests, FetchWaitNotes waits, Func<IProgress<FetchProgress>?, Task<T>> body)
    {
        if (totalRequests <= 1)
        {
            if (!FetchWaitNotes.Interactive)
            {
                return await body(null).ConfigureAwait(false);
            }

            T single = default!;
            await Emit.Stderr.Status().StartAsync("Fetching from Braze", async context =>
            {
                using (waits.ShowIn(text => context.Status(text)))
                {
                    single = await body(null).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            return single;
        }

        T result = default!;
        await Emit.Stderr.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Fetching {totalRequests} requests", maxValue: totalRequests);
                var done = 0;
                var progress = new SynchronousProgress(p =>
                {
                    var now = Interlocked.Increment(ref done);
                    task.Value = Math.Min(now, totalRequests);
                    task.Description = Markup.Escape(CommandRunner.Scrub($"{p.CampaignId} {Dates.Format(p.Chunk.Start)}..{Dates.Format(p.Chunk.End)}"));
                });
                using (FetchWaitNotes.Interactive ? waits.ShowIn(text => task.Description = text) : null)
                {
                    result = await body(progress).ConfigureAwait(false);
                }

                task.Value = totalRequests;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread pool and arrive late).</summary>
    private sealed class SynchronousProgress : IProgress<FetchProgress>
    {
        private readonly Action<FetchProgress> _report;

        public SynchronousProgress(Action<FetchProgress> report) => _report = report;

        public void Report(FetchProgress value) => _report(value);
    }

    /// <summary>The client as the store's source, reporting each request to the progress bar.</summary>
    private sealed class ProgressSource : IDataSeriesSource<IDailyDataPoint>
    {
        private readonly AnyClient _client;
        private readonly IProgress<FetchProgress>? _progress;

        public ProgressSource(AnyClient client, IProgress<FetchProgress>? progress)
        {
            _client = client;
            _progress = progress;
        }

        public async Task<IReadOnlyList<IDailyDataPoint>> FetchAsync(string campaignId, DateInterval days, CancellationToken cancellationToken) =>
            (await _client.GetRangeAsync(campaignId, days, _progress, cancellationToken).ConfigureAwait(false)).Days;
    }
}
