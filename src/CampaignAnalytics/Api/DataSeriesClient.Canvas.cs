using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>
/// The Canvas endpoints (<c>/canvas/list</c>, <c>/canvas/details</c>, <c>/canvas/data_series</c>,
/// <c>/canvas/data_summary</c>) and <c>/sends/data_series</c>, through the same transport as the campaign series: the
/// shared rate-limit bucket's gate, retries, timeouts, the same error mapping and the same day integrity checks.
/// </summary>
public partial class DataSeriesClient<TResponse, TDay> : ICanvasDataSource
{
    /// <inheritdoc />
    public Task<CanvasDays> FetchCanvasAsync(string canvasId, DateInterval days, CancellationToken cancellationToken) =>
        GetCanvasRangeAsync(canvasId, days, includeDeletedSteps: false, progress: null, cancellationToken);

    /// <summary>
    /// Every day of <paramref name="days"/> for one Canvas, stitched from requests of at most
    /// <see cref="DataSeriesClient.MaxCanvasLength"/> days (Braze's limit on <c>/canvas/data_series</c>), every day exactly
    /// once, sorted by date. Every request asks for the variant and step breakdowns; <paramref name="includeDeletedSteps"/>
    /// adds <c>include_deleted_step_data</c>. A day returned twice or outside its request fails with
    /// <see cref="DataSeriesIntegrityException"/>; so does a missing day unless <see cref="DataSeriesClientOptions.MissingDays"/>
    /// is <see cref="MissingDayPolicy.Omit"/>. Requests run concurrently up to <see cref="DataSeriesClientOptions.MaxConcurrency"/>.
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier: not empty, no whitespace or control characters.</param>
    /// <param name="days">The days wanted (inclusive).</param>
    /// <param name="includeDeletedSteps">Whether to ask for the statistics of steps deleted from the Canvas.</param>
    /// <param name="progress">Optional: told after each request.</param>
    /// <param name="cancellationToken">Cancels every request.</param>
    public async Task<CanvasDays> GetCanvasRangeAsync(string canvasId, DateInterval days, bool includeDeletedSteps = false, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateId(canvasId, "canvas_id", nameof(canvasId));
        ArgumentNullException.ThrowIfNull(days);
        var chunks = DataSeriesClient.PlanChunksOf(days, _options.ReportZone, DataSeriesClient.MaxCanvasLength);
        var done = new StrongBox<int>();
        var names = new string?[chunks.Count];

        async Task<IReadOnlyList<CanvasDailyStats>> FetchChunkAsync(int job, int index, CancellationToken token)
        {
            var chunk = chunks[index];
            var description = DescribeCanvasRequest("canvas_id", canvasId, chunk.Length, chunk.EndingAt) + ChunkLabel(index, chunks.Count);
            var uri = CanvasQuery("canvas/data_series", canvasId, chunk, includeDeletedSteps);
            var response = await GetModelAsync<CanvasDataSeriesResponse>(uri, canvasId, description, r => r.Message, r => r.Data?.Stats is not null, token).ConfigureAwait(false);
            names[index] = response.Data!.Name;
            var checkedDays = CheckDays(canvasId, chunk.Days, response.Data.Stats!, static d => d.Time, description);
            progress?.Report(new FetchProgress(Interlocked.Increment(ref done.Value), chunks.Count, canvasId, chunk.Days));
            return checkedDays;
        }

        await foreach (var outcome in BoundedFetcher.RunAsync<IReadOnlyList<CanvasDailyStats>>(1, chunks.Count, FetchChunkAsync, _options.MaxConcurrency, cancellationToken).ConfigureAwait(false))
        {
            if (outcome.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            var list = outcome.Parts!.SelectMany(p => p).ToList();
            list.Sort((a, b) => a.Time.CompareTo(b.Time));
            return new CanvasDays(canvasId, names.FirstOrDefault(n => n is not null), list);
        }

        throw new InvalidOperationException("The fetch of canvas '" + canvasId + "' ended without a result.");
    }

    /// <summary>
    /// <c>/canvas/data_summary</c> over <paramref name="days"/> (at most <see cref="DataSeriesClient.MaxCanvasLength"/>):
    /// the Canvas's totals, variants and steps rolled up over the window, with both breakdowns — to reconcile a series
    /// against (its summed days equal the summary).
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="days">The window (inclusive), 1 to <see cref="DataSeriesClient.MaxCanvasLength"/> days.</param>
    /// <param name="includeDeletedSteps">Whether to include the statistics of deleted steps.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<CanvasDataSummaryResponse> GetCanvasSummaryAsync(string canvasId, DateInterval days, bool includeDeletedSteps = false, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateId(canvasId, "canvas_id", nameof(canvasId));
        var chunk = SingleChunk(days, DataSeriesClient.MaxCanvasLength);
        var description = DescribeCanvasRequest("canvas_id", canvasId, chunk.Length, chunk.EndingAt) + " (summary)";
        return GetModelAsync<CanvasDataSummaryResponse>(CanvasQuery("canvas/data_summary", canvasId, chunk, includeDeletedSteps), canvasId, description, r => r.Message, r => r.Data is not null, cancellationToken);
    }

    /// <summary>
    /// Every Canvas of the workspace from <c>/canvas/list</c>, page after page (a page of fewer than
    /// <see cref="DataSeriesClient.ListPageSize"/> is the last), oldest first.
    /// </summary>
    /// <param name="includeArchived">Whether to list archived Canvases too.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<IReadOnlyList<CanvasListItem>> ListCanvasesAsync(bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        var all = new List<CanvasListItem>();
        for (var page = 0; ; page++)
        {
            var pageText = page.ToString(CultureInfo.InvariantCulture);
            var uri = "canvas/list?page=" + pageText + (includeArchived ? "&include_archived=true" : string.Empty);
            var response = await GetModelAsync<CanvasListResponse>(uri, "canvas list", "canvas list page=" + pageText, r => r.Message, r => r.Canvases is not null, cancellationToken).ConfigureAwait(false);
            all.AddRange(response.Canvases!);
            if (response.Canvases!.Count < DataSeriesClient.ListPageSize)
            {
                return all;
            }
        }
    }

    /// <summary><c>/canvas/details</c>: a Canvas's name, variants and steps, and how the steps lead to each other.</summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<CanvasDetailsResponse> GetCanvasDetailsAsync(string canvasId, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateId(canvasId, "canvas_id", nameof(canvasId));
        return GetModelAsync<CanvasDetailsResponse>(
            "canvas/details?canvas_id=" + Uri.EscapeDataString(canvasId), canvasId, "canvas details canvas_id=" + canvasId, r => r.Message, static _ => true, cancellationToken);
    }

    /// <summary>
    /// <c>/sends/data_series</c>: the days of <paramref name="days"/> (at most <see cref="DataSeriesClient.MaxLength"/>) of one
    /// send of an API campaign, checked like a campaign series. Braze keeps send statistics
    /// <see cref="DataSeriesClient.SendRetentionDays"/> days after the send: a range starting earlier than that before
    /// today is logged as a warning (see <see cref="DataSeriesClient.SendRetentionWarning"/>), and its old days may be missing.
    /// </summary>
    /// <param name="campaignId">The API campaign's identifier.</param>
    /// <param name="sendId">The send's identifier.</param>
    /// <param name="days">The days wanted (inclusive).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<CampaignDays<DailyDataPoint>> GetSendRangeAsync(string campaignId, string sendId, DateInterval days, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateCampaignId(campaignId);
        DataSeriesClient.ValidateId(sendId, "send_id", nameof(sendId));
        var chunk = SingleChunk(days, DataSeriesClient.MaxLength);
        if (DataSeriesClient.SendRetentionWarning(days, LocalDate.FromDateTime(DateTime.UtcNow)) is { } warning)
        {
            DataSeriesClient.LogSendRetention(_logger, warning);
        }

        var description = DescribeCanvasRequest("campaign_id", campaignId, chunk.Length, chunk.EndingAt).Replace(" length=", " send_id=" + sendId + " length=", StringComparison.Ordinal);
        var uri = "sends/data_series?campaign_id=" + Uri.EscapeDataString(campaignId) + "&send_id=" + Uri.EscapeDataString(sendId)
            + "&length=" + chunk.Length.ToString(CultureInfo.InvariantCulture) + "&ending_at=" + Uri.EscapeDataString(DataSeriesClient.FormatEndingAt(chunk.EndingAt));
        var response = await GetModelAsync<SendsDataSeriesResponse>(uri, sendId, description, r => r.Message, r => r.Data is not null, cancellationToken).ConfigureAwait(false);
        var list = CheckDays(campaignId, chunk.Days, response.Data!, static d => d.Time, description).ToList();
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new CampaignDays<DailyDataPoint>(campaignId, list);
    }

    /// <summary>The only request of a window that one request must cover; a longer window is an <see cref="ArgumentOutOfRangeException"/>.</summary>
    private DataSeriesChunk SingleChunk(DateInterval days, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Length > maxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days.Length, string.Create(CultureInfo.InvariantCulture, $"The window must be 1 to {maxLength} days."));
        }

        return DataSeriesClient.PlanChunksOf(days, _options.ReportZone, maxLength)[0];
    }

    private static string CanvasQuery(string path, string canvasId, DataSeriesChunk chunk, bool includeDeletedSteps) =>
        new StringBuilder(path).Append("?canvas_id=").Append(Uri.EscapeDataString(canvasId))
            .Append("&length=").Append(chunk.Length.ToString(CultureInfo.InvariantCulture))
            .Append("&ending_at=").Append(Uri.EscapeDataString(DataSeriesClient.FormatEndingAt(chunk.EndingAt)))
            .Append("&include_variant_breakdown=true&include_step_breakdown=true")
            .Append(includeDeletedSteps ? "&include_deleted_step_data=true" : string.Empty)
            .ToString();

    private static string DescribeCanvasRequest(string field, string id, int length, OffsetDateTime endingAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{field}={id} length={length} ending_at={DataSeriesClient.FormatEndingAt(endingAt)}");

    /// <summary>
    /// A GET through <see cref="GetJsonAsync"/> parsed as <typeparamref name="T"/>: a body that is not the model fails with
    /// <see cref="DataSeriesFormatException"/>; a successful status whose body is Braze's error envelope (a message other
    /// than <c>success</c>, or no data) with <see cref="BrazeErrorResponseException"/>.
    /// </summary>
    private async Task<T> GetModelAsync<T>(string relativeUri, string id, string description, Func<T, string?> messageOf, Func<T, bool> hasData, CancellationToken cancellationToken)
        where T : class, IGeneratedModel<T>
    {
        var body = await GetJsonAsync(relativeUri, description, cancellationToken).ConfigureAwait(false);
        T parsed;
        try
        {
            parsed = ModelReading.Parse<T>(body);
        }
        catch (JsonException ex)
        {
            var error = new DataSeriesFormatException(id, description, ex, _options.ApiKey, DataSeriesClient.BodyOf(relativeUri));
            DataSeriesClient.LogFailed(_logger, description, error.Message);
            throw error;
        }

        var message = messageOf(parsed);
        var success = string.Equals(message, "success", StringComparison.Ordinal);
        if (!success || !hasData(parsed))
        {
            var problem = success
                ? "message \"success\" but no data"
                : message is null ? "no \"message\" and no data" : $"Braze said: \"{ApiKeyScrubber.ScrubAndCut(message, _options.ApiKey, ResponseEnvelope.MaxQuotedMessage)}\"";
            var (brazeMessage, errors, _) = ReadErrorBody(body);
            var error = new BrazeErrorResponseException(
                $"Braze answered {description} with an error instead of data: {problem}.{ErrorsText(errors)}", HttpStatusCode.OK, brazeMessage, errors, description, isRefusal: !success);
            DataSeriesClient.LogFailed(_logger, description, error.Message);
            throw error;
        }

        return parsed;
    }
}

/// <summary>Limits and helpers of the Canvas and sends endpoints.</summary>
public sealed partial class DataSeriesClient
{
    /// <summary>The most days one <c>/canvas/data_series</c> or <c>/canvas/data_summary</c> request may cover (Braze's limit on <c>length</c>).</summary>
    public const int MaxCanvasLength = 14;

    /// <summary>How many days after a send Braze keeps its statistics (<c>/sends/data_series</c>).</summary>
    public const int SendRetentionDays = 14;

    /// <summary>
    /// What the body of <paramref name="relativeUri"/> should have been, for <see cref="DataSeriesFormatException"/>:
    /// <c>data series</c> for the data series endpoints, else the endpoint's response (<c>/campaigns/list response</c>).
    /// </summary>
    internal static string BodyOf(string relativeUri)
    {
        var query = relativeUri.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? relativeUri : relativeUri[..query];
        return path.EndsWith("/data_series", StringComparison.Ordinal) ? "data series" : "/" + path + " response";
    }

    /// <summary>The most items of one page of <c>/campaigns/list</c> or <c>/canvas/list</c>.</summary>
    public const int ListPageSize = 100;

    /// <summary>
    /// A warning when <paramref name="days"/> start more than <see cref="SendRetentionDays"/> days before
    /// <paramref name="today"/> (Braze no longer keeps those send statistics); null when the range is recent enough.
    /// </summary>
    /// <param name="days">The days asked of <c>/sends/data_series</c>.</param>
    /// <param name="today">Today, in the report zone.</param>
    public static string? SendRetentionWarning(DateInterval days, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(days);
        var oldest = today.PlusDays(-SendRetentionDays);
        if (days.Start >= oldest)
        {
            return null;
        }

        var old = Period.DaysBetween(days.Start, days.End < oldest ? days.End : oldest.PlusDays(-1)) + 1;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{old} requested send day(s) ({Invariant.InvariantText.Iso(days.Start)} onwards) are older than {SendRetentionDays} days; Braze keeps send statistics only {SendRetentionDays} days after the send, so they may be missing or zero.");
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "{Warning}")]
    internal static partial void LogSendRetention(ILogger logger, string warning);
}
