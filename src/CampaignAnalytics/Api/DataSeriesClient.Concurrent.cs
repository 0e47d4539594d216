using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using NodaTime;
using Polly.Timeout;

namespace CampaignAnalytics.Api;

/// <summary>Concurrent fetching of many campaigns, and the transport every request goes through.</summary>
public partial class DataSeriesClient<TResponse, TDay>
{
    private long _requestsSent;

    /// <summary>
    /// The HTTP requests this client has sent so far, counted as each one ends: every attempt (retries included) of
    /// every endpoint (data-series chunks, campaign list pages, details). For progress displays and summaries.
    /// </summary>
    public long RequestsSent => Interlocked.Read(ref _requestsSent);

    /// <summary>
    /// Every day of <paramref name="days"/> for many campaigns, one result per campaign as soon as its last request is
    /// done (in completion order), so that a caller can store each as it arrives. At most
    /// <see cref="DataSeriesClientOptions.MaxConcurrency"/> requests are in flight across all campaigns; each request
    /// waits at the gate of its rate-limit bucket (<c>/campaigns/data_series</c> has its own) and is never sent while
    /// Braze's <c>X-RateLimit-Remaining</c> says 0 before its reset. A slow request holds one slot, never the others; a
    /// campaign whose request fails is a <see cref="CampaignFetchResult{TDay}.Failure"/> (its other requests are not sent)
    /// and the other campaigns go on. Every id is checked before any request (an invalid one throws
    /// <see cref="ArgumentException"/> at once); repeated ids are fetched once. Cancelling the token, or leaving the
    /// enumeration early, cancels every request in flight; cancellation is thrown as <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="campaignIds">The campaign API identifiers.</param>
    /// <param name="days">The days wanted (inclusive), the same for every campaign.</param>
    /// <param name="progress">Optional: told after each successful request, with the total number of requests planned.</param>
    /// <param name="cancellationToken">Cancels every request.</param>
    public IAsyncEnumerable<CampaignFetchResult<TDay>> FetchEachAsync(IEnumerable<string> campaignIds, DateInterval days, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = DistinctCampaignIds(campaignIds);
        ArgumentNullException.ThrowIfNull(days);
        return FetchEachCoreAsync(ids, days, progress, _options.MaxConcurrency, cancellationToken);
    }

    /// <summary>
    /// One campaign's days with a single request in flight (its requests one after the other), for a caller that bounds
    /// the requests in flight across campaigns itself (<see cref="Store.PortfolioSync"/>). As <see cref="GetRangeAsync"/> otherwise.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="days">The days wanted (inclusive).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    internal async Task<IReadOnlyList<TDay>> FetchOneRequestAtATimeAsync(string campaignId, DateInterval days, CancellationToken cancellationToken)
    {
        DataSeriesClient.ValidateCampaignId(campaignId);
        ArgumentNullException.ThrowIfNull(days);
        return (await FetchAllAsync(new[] { campaignId }, days, null, 1, cancellationToken).ConfigureAwait(false))[0].Days;
    }

    /// <summary>
    /// A GET of another export endpoint (e.g. <c>campaigns/details?campaign_id=…</c>) through the same pipeline as the
    /// data series — the gate of the request's rate-limit bucket, retries, timeouts — and the same error mapping. Returns
    /// the body of a successful answer. For the portfolio endpoints until their typed models exist.
    /// </summary>
    /// <param name="relativeUri">The path and query, relative to the instance's REST endpoint, e.g. <c>campaigns/details?campaign_id=abc</c>.</param>
    /// <param name="description">The request described without secrets, for messages and logs.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    internal async Task<byte[]> GetJsonAsync(string relativeUri, string description, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(relativeUri, description);
        using var response = await SendRequestAsync(request, description, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        var exception = MapError(response, body, description, Attempts(request));
        DataSeriesClient.LogFailed(_logger, description, exception.Message);
        throw exception;
    }

    /// <summary>Checks every id (before any request) and drops repeats, keeping the order of first appearance.</summary>
    private static List<string> DistinctCampaignIds(IEnumerable<string> campaignIds)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in campaignIds)
        {
            DataSeriesClient.ValidateCampaignId(id, nameof(campaignIds));
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private async IAsyncEnumerable<CampaignFetchResult<TDay>> FetchEachCoreAsync(
        IReadOnlyList<string> ids, DateInterval days, IProgress<FetchProgress>? progress, int maxInFlight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunks = DataSeriesClient.PlanChunks(days, _options.ReportZone);
        var total = ids.Count * chunks.Count;
        var done = new StrongBox<int>();

        async Task<IReadOnlyList<TDay>> FetchChunkAsync(int campaign, int index, CancellationToken token)
        {
            var id = ids[campaign];
            var chunk = chunks[index];
            var request = DescribeRequest(id, chunk.Length, chunk.EndingAt) + ChunkLabel(index, chunks.Count);
            var response = await SendAsync(id, chunk.Length, chunk.EndingAt, token, request).ConfigureAwait(false);
            var checkedDays = CheckChunk(id, chunk.Days, response, request);
            progress?.Report(new FetchProgress(Interlocked.Increment(ref done.Value), total, id, chunk.Days));
            return checkedDays;
        }

        await foreach (var outcome in BoundedFetcher.RunAsync<IReadOnlyList<TDay>>(ids.Count, chunks.Count, FetchChunkAsync, maxInFlight, cancellationToken).ConfigureAwait(false))
        {
            var id = ids[outcome.Job];
            yield return outcome.Error is { } error
                ? CampaignFetchResult<TDay>.Failed(id, error)
                : CampaignFetchResult<TDay>.Success(Merge(id, outcome.Parts!, days.Length));
        }
    }

    /// <summary>Every campaign's series, in the order of <paramref name="ids"/>; the first failure cancels the rest and is thrown.</summary>
    private async Task<IReadOnlyList<CampaignDays<TDay>>> FetchAllAsync(IReadOnlyList<string> ids, DateInterval days, IProgress<FetchProgress>? progress, int maxInFlight, CancellationToken cancellationToken)
    {
        var position = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            position[ids[i]] = i;
        }

        var merged = new CampaignDays<TDay>[ids.Count];
        await foreach (var result in FetchEachCoreAsync(ids, days, progress, maxInFlight, cancellationToken).ConfigureAwait(false))
        {
            if (result.Failure is { } failure)
            {
                // Leaving the loop disposes the enumeration, which cancels the requests still in flight.
                ExceptionDispatchInfo.Throw(failure.Exception);
            }

            merged[position[result.CampaignId]] = result.Days!;
        }

        return merged;
    }

    /// <summary>One campaign's chunks (latest first, as <see cref="DataSeriesClient.PlanChunks"/> plans them) as its days sorted by date.</summary>
    private static CampaignDays<TDay> Merge(string campaignId, IReadOnlyList<TDay>[] chunks, int capacity)
    {
        var list = new List<TDay>(capacity);
        for (var k = chunks.Length - 1; k >= 0; k--)
        {
            list.AddRange(chunks[k]);
        }

        list.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new CampaignDays<TDay>(campaignId, list);
    }

    /// <summary>A GET of a path relative to the instance's REST endpoint, with the key as a bearer token and the description for the handler's logs.</summary>
    private HttpRequestMessage CreateRequest(string relativeUri, string description)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.Instance.RestEndpoint, relativeUri));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(BrazeResilienceHandler.DescriptionKey, description);
        DataSeriesClient.LogRequest(_logger, description);
        return request;
    }

    /// <summary>
    /// Sends a request through the pipeline and returns the response, whatever its status. A request that could not
    /// be sent is a <see cref="BrazeApiException"/>; no answer within the retry budget a <see cref="BrazeServerException"/>
    /// (status null); a cancellation by <paramref name="cancellationToken"/> is rethrown as it is.
    /// </summary>
    private async Task<HttpResponseMessage> SendRequestAsync(HttpRequestMessage request, string description, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (BrazeResilienceHandler.IsLocalFailure(ex))
        {
            // Nothing reached Braze and retrying cannot help (e.g. a header value the client cannot send).
            var message = Scrub(string.Create(CultureInfo.InvariantCulture, $"The request {description} to {_options.Instance.RestEndpoint} could not be sent (nothing reached Braze; not retried): {ex.GetType().Name}: {ex.Message}"));
            DataSeriesClient.LogFailed(_logger, description, message);
            throw new BrazeApiException(message, null, null, null, description, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            var attempts = Attempts(request);
            var why = ex is HttpRequestException ? "could not be reached" : "did not answer in time";
            var message = Scrub(string.Create(CultureInfo.InvariantCulture, $"Braze {why} for {description} at {_options.Instance.RestEndpoint} after {attempts} attempt(s); giving up: {ex.GetType().Name}: {ex.Message}"));
            DataSeriesClient.LogFailed(_logger, description, message);
            throw new BrazeServerException(message, null, attempts, null, null, description, ex);
        }
        finally
        {
            // Every attempt the pipeline made (retries included); one when no resilience handler counts them.
            Interlocked.Add(ref _requestsSent, Attempts(request));
        }
    }
}
