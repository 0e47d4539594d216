using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Store;

/// <summary>What <see cref="PortfolioSync.RunAsync"/> syncs.</summary>
public sealed record PortfolioSyncOptions
{
    /// <summary>Also discover archived campaigns (<c>include_archived</c>).</summary>
    public bool IncludeArchived { get; init; }

    /// <summary>
    /// Discover only campaigns edited after this instant (<c>last_edit.time[gt]</c>); null for all. The series of every
    /// active campaign already in the store is still refreshed: campaigns keep sending without being edited.
    /// </summary>
    public DateTimeOffset? EditedSince { get; init; }

    /// <summary>The restatement window and merge gap of each campaign's plan (<see cref="CampaignStore.PlanSync"/>).</summary>
    public SyncOptions Sync { get; init; } = SyncOptions.Default;
}

/// <summary>What happened to one campaign of a portfolio sync.</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Name">Its name, when known.</param>
/// <param name="DetailsRefreshed">True when its details were fetched (new, or edited since they were stored).</param>
/// <param name="DaysInserted">Days stored for the first time.</param>
/// <param name="DaysUpdated">Stored days Braze restated.</param>
/// <param name="Failure">Why it failed (details or series); null when it was synced.</param>
public sealed record PortfolioCampaignOutcome(string CampaignId, string? Name, bool DetailsRefreshed, int DaysInserted, int DaysUpdated, CampaignFetchFailure? Failure)
{
    /// <summary>True when the campaign was synced.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>True when <see cref="CampaignId"/> is a Canvas's id (<see cref="PortfolioSync.RunCanvasesAsync"/>), false for a campaign.</summary>
    public bool IsCanvas { get; init; }
}

/// <summary>One step of a portfolio sync, for progress displays and logs.</summary>
/// <param name="Stage"><c>discovered</c>, <c>stored</c> or <c>failed</c>.</param>
/// <param name="CampaignsDone">Campaigns finished (stored or failed) so far.</param>
/// <param name="CampaignsTotal">Campaigns to sync (known once discovery ended).</param>
/// <param name="Outcome">The campaign's outcome for <c>stored</c> and <c>failed</c>; null otherwise.</param>
/// <param name="Text">The step in one line for people (no key, no payload).</param>
public sealed record PortfolioSyncProgress(string Stage, int CampaignsDone, int CampaignsTotal, PortfolioCampaignOutcome? Outcome, string Text);

/// <summary>The outcome of a portfolio sync: one entry per campaign, in the order they finished.</summary>
/// <param name="Campaigns">Every campaign's outcome.</param>
public sealed record PortfolioSyncResult(IReadOnlyList<PortfolioCampaignOutcome> Campaigns)
{
    /// <summary>Campaigns synced.</summary>
    public int Synced => Campaigns.Count(c => c.Succeeded);

    /// <summary>Days stored for the first time, over every campaign.</summary>
    public int DaysInserted => Campaigns.Sum(c => c.DaysInserted);

    /// <summary>Stored days Braze restated, over every campaign.</summary>
    public int DaysUpdated => Campaigns.Sum(c => c.DaysUpdated);

    /// <summary>The failed campaigns counted by cause, causes in enum order.</summary>
    public IReadOnlyList<KeyValuePair<FetchFailureCause, int>> FailuresByCause =>
        Campaigns.Where(c => c.Failure is not null).GroupBy(c => c.Failure!.Cause).OrderBy(g => g.Key)
            .Select(g => new KeyValuePair<FetchFailureCause, int>(g.Key, g.Count())).ToList();

    /// <summary>Equality by content.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(PortfolioSyncResult? other) => other is not null && Campaigns.SequenceEqual(other.Campaigns);

    /// <inheritdoc />
    public override int GetHashCode() => Campaigns.Count;
}

/// <summary>
/// Keeps a store in step with a whole Braze workspace: discovers campaigns (<c>/campaigns/list</c>, every page), records
/// them, then syncs each campaign in one bounded pipeline (at most <see cref="DataSeriesClientOptions.MaxConcurrency"/>
/// requests in flight, details and series requests interleaved campaign by campaign): its details when new or
/// edited since they were stored, then its series (missing days plus the restatement window, as
/// <see cref="CampaignStore.PlanSync"/> plans them), storing each campaign in its own transaction as it completes. A
/// failed campaign never loses the others. Resumable: what a killed run stored is not fetched again (details whose
/// <c>last_edited</c> did not move, days outside the restatement window).
/// </summary>
public static class PortfolioSync
{
    /// <summary>Runs a sync; see the class.</summary>
    /// <typeparam name="TResponse">The client's response type.</typeparam>
    /// <typeparam name="TDay">The client's day type (the store's catalogue's).</typeparam>
    /// <param name="store">The store.</param>
    /// <param name="client">The client.</param>
    /// <param name="wanted">The days every campaign should have stored afterwards (from its first send on).</param>
    /// <param name="options">What to sync; defaults when null.</param>
    /// <param name="progress">Told of every step.</param>
    /// <param name="cancellationToken">Stops everything; what was stored stays stored.</param>
    public static async Task<PortfolioSyncResult> RunAsync<TResponse, TDay>(
        CampaignStore store,
        DataSeriesClient<TResponse, TDay> client,
        DateInterval wanted,
        PortfolioSyncOptions? options = null,
        IProgress<PortfolioSyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TResponse : class, IDataSeriesResponse<TDay>
        where TDay : class, IDailyDataPoint
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(wanted);
        options ??= new PortfolioSyncOptions();

        // 1. Discovery: every page, recorded in one transaction.
        var listed = new List<CampaignListItem>();
        await foreach (var item in client.ListCampaignsAsync(options.IncludeArchived, options.EditedSince, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrWhiteSpace(item.Id))
            {
                listed.Add(item);
            }
        }

        store.UpsertCampaigns(listed, options.IncludeArchived ? null : false);

        // Every campaign to refresh: the listed ones, and (with EditedSince) the active ones stored before.
        var targets = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in listed)
        {
            if (seen.Add(item.Id!))
            {
                targets.Add(item.Id!);
            }
        }

        if (options.EditedSince is not null)
        {
            foreach (var stored in store.ListStoredCampaigns())
            {
                if ((options.IncludeArchived || !stored.Archived) && seen.Add(stored.CampaignId))
                {
                    targets.Add(stored.CampaignId);
                }
            }
        }

        progress?.Report(new PortfolioSyncProgress("discovered", 0, targets.Count, null, $"discovered {listed.Count} campaign(s); {targets.Count} to sync"));
        var byId = listed.DistinctBy(c => c.Id).ToDictionary(c => c.Id!, StringComparer.Ordinal);
        using var source = new RequestSlots<TResponse, TDay>(client);

        // 2. One bounded pipeline, campaign by campaign: its details when new or edited since they were stored, then its
        // series (from its first send on), so the series of the first campaigns are fetched while the details of the
        // last ones are not yet asked for. A details failure fails the campaign, whose series is still synced.
        return await RunEachAsync(targets, 2 * client.Options.MaxConcurrency, progress, string.Empty, async (id, token) =>
        {
            var item = byId.GetValueOrDefault(id);
            var name = item?.Name ?? store.GetCampaign(id)?.Name;
            var refreshed = false;
            CampaignFetchFailure? failure = null;
            if (item is not null && !store.DetailsAreCurrent(id, item.LastEdited))
            {
                try
                {
                    store.UpsertDetails(id, await source.SendAsync(t => client.GetCampaignDetailsAsync(id, t), token).ConfigureAwait(false), item.LastEdited);
                    refreshed = true;
                }
                catch (Exception ex) when (IsCampaignFailure(ex, token))
                {
                    failure = new CampaignFetchFailure(CampaignFetchFailure.CauseOf(ex), ex);
                }
            }

            try
            {
                // The plan's hull in one go, written in one transaction: a campaign is stored whole or not at all.
                var range = RangeFor(store.GetCampaign(id), wanted);
                var plan = range is null ? Array.Empty<DateInterval>() : store.PlanSync(id, range, options.Sync);
                if (plan.Count == 0)
                {
                    return new PortfolioCampaignOutcome(id, name, refreshed, 0, 0, failure);
                }

                var days = await source.FetchAsync(id, new DateInterval(plan[0].Start, plan[^1].End), token).ConfigureAwait(false);
                var written = store.UpsertDays(id, days, token);
                return new PortfolioCampaignOutcome(id, name, refreshed, written.Inserted, written.Updated, failure);
            }
            catch (Exception ex) when (IsCampaignFailure(ex, token))
            {
                return new PortfolioCampaignOutcome(id, name, refreshed, 0, 0, new CampaignFetchFailure(CampaignFetchFailure.CauseOf(ex), ex));
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps a store's Canvases in step with the workspace, as <see cref="RunAsync"/> does for campaigns: discovers every
    /// Canvas (<c>/canvas/list</c>, every page; archived ones with <see cref="PortfolioSyncOptions.IncludeArchived"/>),
    /// records them, fetches the details (<c>/canvas/details</c>) of those new or whose <c>last_edited</c> moved since
    /// their details were stored, and syncs every listed Canvas's series (<see cref="CampaignStore.SyncCanvasAsync"/>:
    /// missing days plus the restatement window), several Canvases at once with at most
    /// <see cref="DataSeriesClientOptions.MaxConcurrency"/> requests in flight. A failed Canvas never loses the others; a killed run resumes without fetching
    /// again what it stored. <c>/canvas/list</c> has no edit filter: with <see cref="PortfolioSyncOptions.EditedSince"/>
    /// every listed Canvas is still synced. Outcomes have <see cref="PortfolioCampaignOutcome.IsCanvas"/> set.
    /// </summary>
    /// <typeparam name="TResponse">The client's response type.</typeparam>
    /// <typeparam name="TDay">The client's day type.</typeparam>
    /// <param name="store">The store.</param>
    /// <param name="client">The client.</param>
    /// <param name="wanted">The days every Canvas should have stored afterwards.</param>
    /// <param name="options">What to sync; defaults when null.</param>
    /// <param name="progress">Told of every step.</param>
    /// <param name="cancellationToken">Stops everything; what was stored stays stored.</param>
    public static async Task<PortfolioSyncResult> RunCanvasesAsync<TResponse, TDay>(
        CampaignStore store,
        DataSeriesClient<TResponse, TDay> client,
        DateInterval wanted,
        PortfolioSyncOptions? options = null,
        IProgress<PortfolioSyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TResponse : class, IDataSeriesResponse<TDay>
        where TDay : class, IDailyDataPoint
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(wanted);
        options ??= new PortfolioSyncOptions();

        // 1. Discovery: every page, recorded in one transaction.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var listed = (await client.ListCanvasesAsync(options.IncludeArchived, cancellationToken).ConfigureAwait(false))
            .Where(c => !string.IsNullOrWhiteSpace(c.Id) && seen.Add(c.Id!)).ToList();
        store.UpsertCanvasList(listed);
        progress?.Report(new PortfolioSyncProgress("discovered", 0, listed.Count, null, $"discovered {listed.Count} canvas(es) to sync"));
        var byId = listed.ToDictionary(c => c.Id!, StringComparer.Ordinal);
        using var source = new RequestSlots<TResponse, TDay>(client);
        return await RunEachAsync(listed.Select(c => c.Id!).ToList(), 2 * client.Options.MaxConcurrency, progress, "canvas ", async (id, token) =>
        {
            var item = byId[id];
            var refreshed = false;
            try
            {
                // 2. Details when new or edited since they were stored, then 3. the series.
                if (!store.CanvasDetailsAreCurrent(id, item.LastEdited))
                {
                    store.UpsertCanvasDetails(id, await source.SendAsync(t => client.GetCanvasDetailsAsync(id, t), token).ConfigureAwait(false), item.LastEdited);
                    refreshed = true;
                }

                var written = await store.SyncCanvasAsync(source, id, wanted, options.Sync, token).ConfigureAwait(false);
                return new PortfolioCampaignOutcome(id, item.Name, refreshed, written.DaysInserted, written.DaysUpdated, null) { IsCanvas = true };
            }
            catch (Exception ex) when (IsCampaignFailure(ex, token))
            {
                return new PortfolioCampaignOutcome(id, item.Name, refreshed, 0, 0, new CampaignFetchFailure(CampaignFetchFailure.CauseOf(ex), ex)) { IsCanvas = true };
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Syncs each id with <paramref name="syncOne"/>, at most <paramref name="maxConcurrency"/> at once in the order
    /// given (their requests bounded by <see cref="RequestSlots{TResponse, TDay}"/>), reporting each outcome as it is
    /// known. Cancellation stops every sync and is thrown.
    /// </summary>
    private static async Task<PortfolioSyncResult> RunEachAsync(
        IReadOnlyList<string> ids,
        int maxConcurrency,
        IProgress<PortfolioSyncProgress>? progress,
        string prefix,
        Func<string, CancellationToken, Task<PortfolioCampaignOutcome>> syncOne,
        CancellationToken cancellationToken)
    {
        var outcomes = new List<PortfolioCampaignOutcome>(ids.Count);
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                var outcome = await syncOne(id, token).ConfigureAwait(false);
                lock (outcomes)
                {
                    // Reported under the lock, so a synchronous reporter sees [1/N], [2/N], … in order.
                    outcomes.Add(outcome);
                    progress?.Report(new PortfolioSyncProgress(outcome.Succeeded ? "stored" : "failed", outcomes.Count, ids.Count, outcome, prefix + Describe(outcome)));
                }
            }).ConfigureAwait(false);
        return new PortfolioSyncResult(outcomes);
    }

    /// <summary>
    /// True for a failure of one campaign (Braze, network, its data), false for a failure of the store (the disk: it
    /// fails the whole sync) and for the sync's own cancellation.
    /// </summary>
    private static bool IsCampaignFailure(Exception exception, CancellationToken token) =>
        exception is not CampaignStoreException && (exception is not OperationCanceledException || !token.IsCancellationRequested);

    /// <summary>An outcome in one line: stored days, or the failure's cause and message.</summary>
    private static string Describe(PortfolioCampaignOutcome outcome) => outcome.Succeeded
        ? $"{outcome.CampaignId} ({outcome.Name}): {outcome.DaysInserted} day(s) new, {outcome.DaysUpdated} restated"
        : $"{outcome.CampaignId} ({outcome.Name}): failed ({outcome.Failure!.Cause}): {outcome.Failure.Message}";

    /// <summary>
    /// The client as a campaign and Canvas source whose requests take one of <see cref="DataSeriesClientOptions.MaxConcurrency"/>
    /// slots: a campaign's (or Canvas's) range is fetched in pieces one after the other (100 days for a campaign,
    /// <see cref="DataSeriesClient.MaxCanvasLength"/> for a Canvas) within one slot, and details requests take a slot
    /// too. Twice as many campaigns as slots are synced at once, so that one campaign's days are written to the store
    /// while the slots are busy with other campaigns' requests, and the bound on requests in flight holds.
    /// </summary>
    private sealed class RequestSlots<TResponse, TDay>(DataSeriesClient<TResponse, TDay> client) : ICanvasDataSource, IDataSeriesSource<TDay>, IDisposable
        where TResponse : class, IDataSeriesResponse<TDay>
        where TDay : class, IDailyDataPoint
    {
        private readonly SemaphoreSlim _slots = new(client.Options.MaxConcurrency);

        /// <summary>Runs <paramref name="request"/> in a slot.</summary>
        public async Task<T> SendAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await request(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        public Task<IReadOnlyList<TDay>> FetchAsync(string campaignId, DateInterval days, CancellationToken cancellationToken) =>
            SendAsync(t => client.FetchOneRequestAtATimeAsync(campaignId, days, t), cancellationToken);

        public Task<CanvasDays> FetchCanvasAsync(string canvasId, DateInterval days, CancellationToken cancellationToken) =>
            SendAsync(t => FetchCanvasPiecesAsync(canvasId, days, t), cancellationToken);

        public void Dispose() => _slots.Dispose();

        private async Task<CanvasDays> FetchCanvasPiecesAsync(string canvasId, DateInterval days, CancellationToken cancellationToken)
        {
            var all = new List<CanvasDailyStats>(days.Length);
            string? name = null;
            for (var start = days.Start; start <= days.End; start = start.PlusDays(DataSeriesClient.MaxCanvasLength))
            {
                var end = LocalDate.Min(days.End, start.PlusDays(DataSeriesClient.MaxCanvasLength - 1));
                var piece = await client.FetchCanvasAsync(canvasId, new DateInterval(start, end), cancellationToken).ConfigureAwait(false);
                name ??= piece.Name;
                all.AddRange(piece.Days);
            }

            return new CanvasDays(canvasId, name, all);
        }
    }

    /// <summary>
    /// The days to hold for a campaign: <paramref name="wanted"/> from the campaign's first send on (Braze has no days
    /// before it); null when it has not sent by the end of <paramref name="wanted"/>, or its details say it never sent.
    /// Without details, all of <paramref name="wanted"/>.
    /// </summary>
    private static DateInterval? RangeFor(StoredCampaign? campaign, DateInterval wanted)
    {
        if (campaign?.Details is null)
        {
            return wanted;
        }

        var firstSent = campaign.FirstSent;
        if (firstSent is null || firstSent.Length < 10)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(firstSent[..10]);
        if (!parsed.Success)
        {
            return wanted;
        }

        var start = LocalDate.Max(parsed.Value, wanted.Start);
        return start > wanted.End ? null : new DateInterval(start, wanted.End);
    }
}
