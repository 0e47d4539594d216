using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Text;
using Polly.Timeout;

namespace CampaignAnalytics.Api;

/// <summary>
/// Client of Braze's <c>GET /campaigns/data_series</c>. Takes an <see cref="HttpClient"/> (so it works with
/// <c>IHttpClientFactory</c>, see <see cref="ServiceCollectionExtensions.AddCampaignAnalyticsClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, DataSeriesClientOptions)"/>);
/// <see cref="DataSeriesClient.Create(DataSeriesClientOptions, ILoggerFactory?, TimeProvider?, HttpMessageHandler?, IProgress{FetchWait}?)"/>
/// builds one with the rate-limit and retry handler. Parameters are checked before any request; the API key is sent as a
/// bearer token and appears in no log line, message or <c>ToString</c>. Results are the catalogue's types:
/// <see cref="DataSeriesClient"/> is this client for the bundled <see cref="CampaignDataSeriesCatalogue"/>.
/// </summary>
/// <typeparam name="TResponse">The catalogue's response type (<see cref="IDataSeriesResponse{TDay}"/> for any catalogue).</typeparam>
/// <typeparam name="TDay">The catalogue's day type (<see cref="IDailyDataPoint"/> for any catalogue).</typeparam>
public partial class DataSeriesClient<TResponse, TDay> : IDataSeriesSource<TDay>, IDisposable
    where TResponse : class, IDataSeriesResponse<TDay>
    where TDay : class, IDailyDataPoint
{
    /// <summary>The most characters of an error body (or of Braze's message or one of its errors) put into a message.</summary>
    private const int MaxSnippet = 300;

    /// <summary>The most <c>errors</c> of an error body put into a message.</summary>
    private const int MaxErrorsShown = 3;

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly DataSeriesClientOptions _options;
    private readonly ChannelCatalogue _catalogue;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> whose handlers the caller chose. For rate-limit pacing and
    /// retries, put <see cref="DataSeriesClient.CreateResilienceHandler"/> in its pipeline (as <c>DataSeriesClient.Create</c>
    /// and <c>AddCampaignAnalyticsClient</c> do). The client does not dispose <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client; its base address and default headers are not used.</param>
    /// <param name="options">Instance, key and limits.</param>
    /// <param name="catalogue">Parses responses. Invalid: null, or a catalogue whose models are not <typeparamref name="TResponse"/> and <typeparamref name="TDay"/>.</param>
    /// <param name="logger">Optional logger.</param>
    public DataSeriesClient(HttpClient httpClient, DataSeriesClientOptions options, ChannelCatalogue catalogue, ILogger? logger = null)
        : this(httpClient, ownsHttpClient: false, options, catalogue, logger)
    {
    }

    /// <summary>Creates a client; <paramref name="ownsHttpClient"/> says whether <see cref="Dispose"/> disposes the HTTP client.</summary>
    private protected DataSeriesClient(HttpClient httpClient, bool ownsHttpClient, DataSeriesClientOptions options, ChannelCatalogue catalogue, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!typeof(TResponse).IsAssignableFrom(catalogue.ResponseType) || !typeof(TDay).IsAssignableFrom(catalogue.DayType))
        {
            throw new ArgumentException(
                $"The catalogue '{catalogue.SchemaId}' reads {catalogue.ResponseType.FullName} and {catalogue.DayType.FullName}, not {typeof(TResponse).FullName} and {typeof(TDay).FullName}.",
                nameof(catalogue));
        }

        options.Validate();
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _options = options;
        _catalogue = catalogue;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The options in use.</summary>
    public DataSeriesClientOptions Options => _options;

    /// <summary>
    /// One request: the <paramref name="length"/> days before <paramref name="endingAt"/> (Braze's default: now),
    /// parsed by the catalogue, days as Braze sent them. A successful status whose body is Braze's error envelope
    /// (<c>message</c> not <c>success</c>, or no <c>data</c>) fails with <see cref="BrazeErrorResponseException"/>.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier: not empty, no whitespace or control characters.</param>
    /// <param name="length">Days to return, 1 to 100.</param>
    /// <param name="endingAt">Where the series ends; null for Braze's default (the time of the request).</param>
    /// <param name="cancellationToken">Cancels the request, including waits and retries.</param>
    public Task<TResponse> GetDataSeriesAsync(string campaignId, int length, OffsetDateTime? endingAt = null, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateCampaignId(campaignId);
        ValidateLength(length);
        return SendAsync(campaignId, length, endingAt, cancellationToken);
    }

    /// <summary>
    /// Every day of <paramref name="days"/> for one campaign, in requests of at most 100 days (see
    /// <see cref="DataSeriesClient.PlanChunks"/>), merged and sorted by date. A day returned twice or outside its
    /// request fails with <see cref="DataSeriesIntegrityException"/>; so does a missing day unless
    /// <see cref="DataSeriesClientOptions.MissingDays"/> is <see cref="MissingDayPolicy.Omit"/>.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="days">The days wanted (inclusive).</param>
    /// <param name="progress">Optional: told after each request.</param>
    /// <param name="cancellationToken">Cancels every request.</param>
    public async Task<CampaignDays<TDay>> GetRangeAsync(string campaignId, DateInterval days, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateCampaignId(campaignId);
        ArgumentNullException.ThrowIfNull(days);
        var all = await FetchAllAsync(new[] { campaignId }, days, progress, _options.MaxConcurrency, cancellationToken).ConfigureAwait(false);
        return all[0];
    }

    /// <summary>
    /// <see cref="GetRangeAsync"/> for many campaigns, with at most <see cref="DataSeriesClientOptions.MaxConcurrency"/>
    /// requests in flight (through <see cref="FetchEachAsync"/>). Every id is checked before any request; repeated ids
    /// are fetched once. Results follow the order of first appearance. The first failure cancels the rest and is
    /// thrown; to keep the other campaigns when one fails, use <see cref="FetchEachAsync"/>.
    /// </summary>
    /// <param name="campaignIds">The campaign API identifiers.</param>
    /// <param name="days">The days wanted (inclusive), the same for every campaign.</param>
    /// <param name="progress">Optional: told after each request, with the total number of requests.</param>
    /// <param name="cancellationToken">Cancels every request.</param>
    public Task<IReadOnlyList<CampaignDays<TDay>>> GetManyAsync(IEnumerable<string> campaignIds, DateInterval days, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = DistinctCampaignIds(campaignIds);
        ArgumentNullException.ThrowIfNull(days);
        return FetchAllAsync(ids, days, progress, _options.MaxConcurrency, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TDay>> FetchAsync(string campaignId, DateInterval days, CancellationToken cancellationToken) =>
        (await GetRangeAsync(campaignId, days, progress: null, cancellationToken).ConfigureAwait(false)).Days;

    /// <summary>Disposes the HTTP client when it was made by one of <c>DataSeriesClient.Create</c>'s overloads.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"DataSeriesClient({_options.Instance})";

    private IReadOnlyList<TDay> CheckChunk(string campaignId, DateInterval requested, TResponse response, string request) =>
        CheckDays(campaignId, requested, response.Data ?? Array.Empty<TDay>(), static day => day.Time, request);

    /// <summary>
    /// The days one request returned, checked against the days it asked for: a day outside them or returned twice throws
    /// <see cref="DataSeriesIntegrityException"/>; so does a missing day unless <see cref="DataSeriesClientOptions.MissingDays"/> says omit.
    /// </summary>
    private IReadOnlyList<T> CheckDays<T>(string campaignId, DateInterval requested, IReadOnlyList<T> returned, Func<T, LocalDate> timeOf, string request)
    {
        var seen = new HashSet<LocalDate>();
        List<LocalDate>? outside = null, doubled = null;
        foreach (var item in returned)
        {
            var time = timeOf(item);
            if (!requested.Contains(time))
            {
                (outside ??= new()).Add(time);
            }
            else if (!seen.Add(time))
            {
                (doubled ??= new()).Add(time);
            }
        }

        if (outside is not null)
        {
            outside.Sort();
            throw new DataSeriesIntegrityException(DataSeriesIntegrityProblem.DayOutsideRange, campaignId, requested, outside, request);
        }

        if (doubled is not null)
        {
            doubled.Sort();
            throw new DataSeriesIntegrityException(DataSeriesIntegrityProblem.DuplicateDay, campaignId, requested, doubled.Distinct().ToList(), request);
        }

        if (seen.Count != requested.Length)
        {
            var missing = requested.Where(d => !seen.Contains(d)).ToList();
            if (_options.MissingDays == MissingDayPolicy.Throw)
            {
                throw new DataSeriesIntegrityException(DataSeriesIntegrityProblem.MissingDay, campaignId, requested, missing, request);
            }

            DataSeriesClient.LogMissingDays(_logger, missing.Count, request);
        }

        return returned;
    }

    private async Task<TResponse> SendAsync(string campaignId, int length, OffsetDateTime? endingAt, CancellationToken cancellationToken, string? description = null)
    {
        description ??= DescribeRequest(campaignId, length, endingAt);
        var query = new StringBuilder("campaigns/data_series?campaign_id=")
            .Append(Uri.EscapeDataString(campaignId))
            .Append("&length=").Append(length.ToString(CultureInfo.InvariantCulture));
        if (endingAt is { } end)
        {
            query.Append("&ending_at=").Append(Uri.EscapeDataString(DataSeriesClient.FormatEndingAt(end)));
        }

        using var request = CreateRequest(query.ToString(), description);
        var response = await SendRequestAsync(request, description, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                TResponse parsed;
                try
                {
                    // The constructor checked that the catalogue reads TResponse.
                    parsed = (TResponse)_catalogue.ParseResponse(body);
                }
                catch (JsonException ex)
                {
                    var error = new DataSeriesFormatException(campaignId, description, ex, _options.ApiKey);
                    DataSeriesClient.LogFailed(_logger, description, error.Message);
                    throw error;
                }

                // {"message":"Invalid campaign_id"} with 200 parses as a response without days: it is an error, not data.
                if (ResponseEnvelope.Problem(_catalogue, parsed, _options.ApiKey) is { } problem)
                {
                    var (brazeMessage, errors, _) = ReadErrorBody(body);
                    var error = new BrazeErrorResponseException(
                        string.Create(CultureInfo.InvariantCulture, $"Braze answered {(int)response.StatusCode} {response.ReasonPhrase} for {description} with an error instead of data: {problem}.{ErrorsText(errors)}{Redirected(response)}"),
                        response.StatusCode,
                        brazeMessage,
                        errors,
                        description,
                        isRefusal: !ResponseEnvelope.IsSuccess(_catalogue, parsed));
                    DataSeriesClient.LogFailed(_logger, description, error.Message);
                    throw error;
                }

                return parsed;
            }

            var exception = MapError(response, body, description, Attempts(request));
            DataSeriesClient.LogFailed(_logger, description, exception.Message);
            throw exception;
        }
    }

    private BrazeApiException MapError(HttpResponseMessage response, byte[] body, string request, int attempts)
    {
        var (brazeMessage, errors, snippet) = ReadErrorBody(body);
        var said = (brazeMessage is not null ? $" Braze said: \"{brazeMessage}\"" : snippet is not null ? $" Body: {snippet}" : string.Empty)
            + ErrorsText(errors) + Redirected(response);
        var status = response.StatusCode;
        var code = (int)status;
        var instance = _options.Instance.ToString();
        var head = string.Create(CultureInfo.InvariantCulture, $"Braze answered {code} {response.ReasonPhrase} for {request}");
        switch (status)
        {
            case HttpStatusCode.BadRequest:
                return new BrazeBadRequestException($"{head}: the request was rejected.{said}", brazeMessage, errors, request);
            case HttpStatusCode.Unauthorized:
                return new BrazeUnauthorizedException(
                    $"{head}: wrong API key, or the key belongs to another Braze instance than {instance} (each instance has its own keys).{said}",
                    brazeMessage, errors, request);
            case HttpStatusCode.Forbidden:
                return new BrazeForbiddenException(
                    $"{head}: the API key needs the `campaigns.data_series` permission (or the plan does not include this endpoint).{said}",
                    brazeMessage, errors, request);
            case HttpStatusCode.NotFound:
                return new BrazeNotFoundException($"{head}: the URL was not found; check the instance URL {instance}.{said}", brazeMessage, errors, request);
            case HttpStatusCode.TooManyRequests:
                var now = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
                var reset = RateLimitGate.ReadReset(response.Headers, now);
                var resetText = reset is { } r ? $"; the limit resets at {FetchWait.UtcText(r)}" : string.Empty;
                return new BrazeRateLimitedException(
                    string.Create(CultureInfo.InvariantCulture, $"{head}: rate limited after {attempts} attempt(s){resetText} (waits are capped at {FetchWait.Seconds(_options.MaxRateLimitWait)}).{said}"),
                    reset, brazeMessage, errors, request);
            default:
                if (code >= 500)
                {
                    return new BrazeServerException(
                        string.Create(CultureInfo.InvariantCulture, $"{head}: server error persisted after {attempts} attempt(s); giving up.{said}"),
                        status, attempts, brazeMessage, errors, request);
                }

                if (code is >= 300 and < 400)
                {
                    return new BrazeApiException(
                        string.Create(CultureInfo.InvariantCulture, $"{head}: redirected more than {DataSeriesClient.MaxRedirects} times, or without a target; check the instance URL {instance}.{said}"),
                        status, brazeMessage, errors, request);
                }

                return new BrazeApiException($"{head}.{said}", status, brazeMessage, errors, request);
        }
    }

    /// <summary>
    /// Braze's <c>message</c> and <c>errors</c> of an error body, or a snippet of a body that is not a JSON object:
    /// each with the key masked, then cut to <see cref="MaxSnippet"/> characters (masked first, so that a key across
    /// the cut leaves nothing of itself).
    /// </summary>
    private (string? Message, IReadOnlyList<string> Errors, string? Snippet) ReadErrorBody(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                string? message = doc.RootElement.TryGetProperty("message", out var m)
                    ? Bounded(m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())
                    : null;
                var errors = new List<string>();
                if (doc.RootElement.TryGetProperty("errors", out var e))
                {
                    if (e.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in e.EnumerateArray())
                        {
                            errors.Add(Bounded(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText()));
                        }
                    }
                    else if (e.ValueKind is not JsonValueKind.Null)
                    {
                        errors.Add(Bounded(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
                    }
                }

                return (message, errors, null);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to a text snippet.
        }

        // Enough bytes for MaxSnippet characters and a key starting within them.
        var take = Math.Min(body.Length, (MaxSnippet + _options.ApiKey.Length) * 4);
        var text = Bounded(Encoding.UTF8.GetString(body, 0, take));
        return (null, Array.Empty<string>(), text.Length == 0 ? null : text);
    }

    /// <summary>The first <see cref="MaxErrorsShown"/> of Braze's errors as the end of a message, or nothing.</summary>
    private static string ErrorsText(IReadOnlyList<string> errors) =>
        errors.Count == 0
            ? string.Empty
            : " Errors: " + string.Join("; ", errors.Take(MaxErrorsShown))
                + (errors.Count > MaxErrorsShown ? string.Create(CultureInfo.InvariantCulture, $" and {errors.Count - MaxErrorsShown} more") : string.Empty);

    /// <summary>
    /// A sentence saying where the request was redirected (the answer came from there, without the key), or nothing.
    /// </summary>
    private string Redirected(HttpResponseMessage response)
    {
        var final = response.RequestMessage?.RequestUri;
        var start = _options.Instance.RestEndpoint;
        if (final is null || (Uri.Compare(final, start, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && final.AbsolutePath.StartsWith(start.AbsolutePath, StringComparison.Ordinal)))
        {
            return string.Empty;
        }

        return Scrub($" The request was redirected to {final.GetLeftPart(UriPartial.Path)}, which was not sent the API key (a redirect target never is); if that is the right endpoint, give it instead.");
    }

    private string Bounded(string text) => ApiKeyScrubber.ScrubAndCut(text, _options.ApiKey, MaxSnippet);

    /// <summary>Removes the API key from text that came from the server (a server echoing the request must not leak it).</summary>
    private string Scrub(string text) => ApiKeyScrubber.Scrub(text, _options.ApiKey);

    private static int Attempts(HttpRequestMessage request) =>
        request.Options.TryGetValue(BrazeResilienceHandler.AttemptsKey, out var n) ? n : 1;

    private static string DescribeRequest(string campaignId, int length, OffsetDateTime? endingAt) =>
        string.Create(CultureInfo.InvariantCulture, $"campaign_id={campaignId} length={length}")
        + (endingAt is { } e ? " ending_at=" + DataSeriesClient.FormatEndingAt(e) : string.Empty);

    private static string ChunkLabel(int index, int count) =>
        count == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (chunk {index + 1} of {count})");

    private static void ValidateLength(int length)
    {
        if (length is < 1 or > DataSeriesClient.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "length must be between 1 and 100 (inclusive).");
        }
    }

}

/// <summary>
/// The client of <c>GET /campaigns/data_series</c> for the bundled <see cref="CampaignDataSeriesCatalogue"/>: responses are
/// <see cref="CampaignDataSeriesResponse"/>, days <see cref="DailyDataPoint"/>. Also home of the client's constants, its
/// factories (<see cref="Create(DataSeriesClientOptions, ILoggerFactory?, TimeProvider?, HttpMessageHandler?, IProgress{FetchWait}?)"/>
/// and, for other catalogues, <c>Create(options, catalogue)</c> and <see cref="CreateForAnyCatalogue"/>) and request planning.
/// </summary>
public sealed partial class DataSeriesClient : DataSeriesClient<CampaignDataSeriesResponse, DailyDataPoint>
{
    /// <summary>The most days one request may cover (Braze's limit on <c>length</c>).</summary>
    public const int MaxLength = 100;

    /// <summary>The most redirects the default handler follows; the API key is never sent to a redirect target.</summary>
    public const int MaxRedirects = 3;

    private static readonly OffsetDateTimePattern EndingAtPattern =
        OffsetDateTimePattern.Create("uuuu'-'MM'-'dd'T'HH':'mm':'sso<Z+HH:mm>", CultureInfo.InvariantCulture, default);

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> whose handlers the caller chose. For rate-limit pacing and
    /// retries, put <see cref="CreateResilienceHandler"/> in its pipeline (as <see cref="Create(DataSeriesClientOptions, ILoggerFactory?, TimeProvider?, HttpMessageHandler?, IProgress{FetchWait}?)"/>
    /// and <c>AddCampaignAnalyticsClient</c> do). The client does not dispose <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client; its base address and default headers are not used.</param>
    /// <param name="options">Instance, key and limits.</param>
    /// <param name="logger">Optional logger.</param>
    public DataSeriesClient(HttpClient httpClient, DataSeriesClientOptions options, ILogger? logger = null)
        : base(httpClient, ownsHttpClient: false, options, CampaignDataSeriesCatalogue.Instance, logger)
    {
    }

    private DataSeriesClient(HttpClient httpClient, bool ownsHttpClient, DataSeriesClientOptions options, ILogger? logger)
        : base(httpClient, ownsHttpClient, options, CampaignDataSeriesCatalogue.Instance, logger)
    {
    }

    /// <summary>
    /// Creates a client for the bundled <see cref="CampaignDataSeriesCatalogue"/> with its own <see cref="HttpClient"/>
    /// whose pipeline paces requests by the rate-limit headers, waits out 429s and retries transient failures. The
    /// client disposes that HTTP client. The default handler follows at most <see cref="MaxRedirects"/> redirects and
    /// drops the <c>Authorization</c> header on each.
    /// </summary>
    /// <param name="options">Instance, key and limits.</param>
    /// <param name="loggerFactory">Optional logger factory.</param>
    /// <param name="timeProvider">The clock and timers for waits and timeouts (tests pass a fake); the system clock by default.</param>
    /// <param name="innerHandler">The handler that does the I/O; a new <see cref="SocketsHttpHandler"/> by default.</param>
    /// <param name="waits">Told when a request starts to wait (rate-limit reset, retry backoff, slow answer), to show it.</param>
    public static DataSeriesClient Create(
        DataSeriesClientOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null,
        IProgress<FetchWait>? waits = null) =>
        new(OwnHttpClient(options, loggerFactory, timeProvider, innerHandler, waits), ownsHttpClient: true, options, loggerFactory?.CreateLogger<DataSeriesClient>());

    /// <summary>
    /// As <see cref="Create(DataSeriesClientOptions, ILoggerFactory?, TimeProvider?, HttpMessageHandler?, IProgress{FetchWait}?)"/>,
    /// for the catalogue of a schema of your own: results are its generated types.
    /// </summary>
    /// <typeparam name="TResponse">The catalogue's response type.</typeparam>
    /// <typeparam name="TDay">The catalogue's day type.</typeparam>
    /// <param name="options">Instance, key and limits.</param>
    /// <param name="catalogue">The generated catalogue. Invalid: null.</param>
    /// <param name="loggerFactory">Optional logger factory.</param>
    /// <param name="timeProvider">The clock and timers for waits and timeouts; the system clock by default.</param>
    /// <param name="innerHandler">The handler that does the I/O; a new <see cref="SocketsHttpHandler"/> by default.</param>
    /// <param name="waits">Told when a request starts to wait, to show it.</param>
    public static DataSeriesClient<TResponse, TDay> Create<TResponse, TDay>(
        DataSeriesClientOptions options,
        ChannelCatalogue<TResponse, TDay> catalogue,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null,
        IProgress<FetchWait>? waits = null)
        where TResponse : class, IDataSeriesResponse<TDay>
        where TDay : class, IDailyDataPoint =>
        new Owning<TResponse, TDay>(OwnHttpClient(options, loggerFactory, timeProvider, innerHandler, waits), options, catalogue, loggerFactory?.CreateLogger<DataSeriesClient>());

    /// <summary>
    /// As <see cref="Create(DataSeriesClientOptions, ILoggerFactory?, TimeProvider?, HttpMessageHandler?, IProgress{FetchWait}?)"/>,
    /// for any catalogue (a schema read at run time included): results are typed by the model interfaces.
    /// </summary>
    /// <param name="options">Instance, key and limits.</param>
    /// <param name="catalogue">Any catalogue. Invalid: null.</param>
    /// <param name="loggerFactory">Optional logger factory.</param>
    /// <param name="timeProvider">The clock and timers for waits and timeouts; the system clock by default.</param>
    /// <param name="innerHandler">The handler that does the I/O; a new <see cref="SocketsHttpHandler"/> by default.</param>
    /// <param name="waits">Told when a request starts to wait, to show it.</param>
    public static DataSeriesClient<IDataSeriesResponse<IDailyDataPoint>, IDailyDataPoint> CreateForAnyCatalogue(
        DataSeriesClientOptions options,
        ChannelCatalogue catalogue,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null,
        IProgress<FetchWait>? waits = null) =>
        new Owning<IDataSeriesResponse<IDailyDataPoint>, IDailyDataPoint>(OwnHttpClient(options, loggerFactory, timeProvider, innerHandler, waits), options, catalogue, loggerFactory?.CreateLogger<DataSeriesClient>());

    /// <summary>
    /// Creates the handler that paces requests by <c>X-RateLimit-*</c>, waits for the reset after a 429 (up to
    /// <see cref="DataSeriesClientOptions.MaxRateLimitWait"/>), retries 5xx, connection failures and timeouts with
    /// exponential backoff and jitter, and applies <see cref="DataSeriesClientOptions.AttemptTimeout"/> per attempt.
    /// Set its <see cref="DelegatingHandler.InnerHandler"/> unless a factory does. Give the HTTP client an infinite
    /// <see cref="HttpClient.Timeout"/>: the handler times each attempt.
    /// </summary>
    /// <param name="options">The limits.</param>
    /// <param name="logger">Optional logger.</param>
    /// <param name="timeProvider">The clock and timers; the system clock by default.</param>
    /// <param name="waits">Told when a request starts to wait (rate-limit reset, retry backoff, slow answer), to show it.</param>
    public static DelegatingHandler CreateResilienceHandler(DataSeriesClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, IProgress<FetchWait>? waits = null) =>
        new BrazeResilienceHandler(options, new RateLimitGates(), timeProvider, logger, waits);

    /// <summary>The handler that does the I/O: follows at most <see cref="MaxRedirects"/> redirects (and drops the key on each).</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() =>
        new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = true, MaxAutomaticRedirections = MaxRedirects };

    private static HttpClient OwnHttpClient(DataSeriesClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, HttpMessageHandler? innerHandler, IProgress<FetchWait>? waits)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var handler = CreateResilienceHandler(options, loggerFactory?.CreateLogger<DataSeriesClient>(), timeProvider, waits);
        handler.InnerHandler = innerHandler ?? CreatePrimaryHandler();
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Splits a range into requests of at most <see cref="MaxLength"/> days, the latest first: each ends at the start
    /// of the day after its last day in <paramref name="zone"/> (UTC by default).
    /// </summary>
    /// <param name="days">The days wanted.</param>
    /// <param name="zone">The report zone; UTC when null.</param>
    public static IReadOnlyList<DataSeriesChunk> PlanChunks(DateInterval days, DateTimeZone? zone = null) =>
        PlanChunksOf(days, zone, MaxLength);

    /// <summary>As <see cref="PlanChunks(DateInterval, DateTimeZone?)"/>, with requests of at most <paramref name="maxLength"/> days (an endpoint's own limit).</summary>
    /// <param name="days">The days wanted.</param>
    /// <param name="zone">The report zone; UTC when null.</param>
    /// <param name="maxLength">The most days one request may cover.</param>
    internal static IReadOnlyList<DataSeriesChunk> PlanChunksOf(DateInterval days, DateTimeZone? zone, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        zone ??= DateTimeZone.Utc;
        var chunks = new List<DataSeriesChunk>((days.Length + maxLength - 1) / maxLength);
        var end = days.End;
        while (true)
        {
            var start = Period.DaysBetween(days.Start, end) >= maxLength ? end.PlusDays(-(maxLength - 1)) : days.Start;
            var endingAt = zone.AtStartOfDay(end.PlusDays(1)).ToOffsetDateTime();
            chunks.Add(new DataSeriesChunk(new DateInterval(start, end), endingAt));
            if (start == days.Start)
            {
                return chunks;
            }

            end = start.PlusDays(-1);
        }
    }

    /// <summary>Formats an <c>ending_at</c> value as Braze expects it: ISO-8601 with offset, e.g. <c>2025-06-22T00:00:00Z</c> or <c>2025-06-22T00:00:00+02:00</c>.</summary>
    /// <param name="endingAt">The moment, with its offset.</param>
    public static string FormatEndingAt(OffsetDateTime endingAt) => EndingAtPattern.Format(endingAt);

    /// <summary>Checks a campaign id before any request: throws <see cref="ArgumentException"/> saying what is wrong (control characters escaped).</summary>
    internal static void ValidateCampaignId(string campaignId, string? parameterName = null) =>
        ValidateId(campaignId, "campaign_id", parameterName ?? nameof(campaignId));

    /// <summary>Checks an identifier sent as the query parameter <paramref name="field"/> (<c>campaign_id</c>, <c>canvas_id</c>, <c>send_id</c>) before any request.</summary>
    internal static void ValidateId(string id, string field, string parameterName)
    {
        if (id is null)
        {
            throw new ArgumentNullException(parameterName, field + " must not be null.");
        }

        if (id.Length == 0)
        {
            throw new ArgumentException(field + " must not be empty.", parameterName);
        }

        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"{field} '{Printable(id)}' must not contain whitespace or control characters.", parameterName);
            }
        }
    }

    private static string Printable(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Requesting Braze data series {Request}")]
    internal static partial void LogRequest(ILogger logger, string request);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Braze data series request {Request} failed: {Error}")]
    internal static partial void LogFailed(ILogger logger, string request, string error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Braze returned no data for {Count} day(s) of {Request}; omitted as configured")]
    internal static partial void LogMissingDays(ILogger logger, int count, string request);

    /// <summary>A client over another catalogue that disposes the HTTP client it was given.</summary>
    private sealed class Owning<TResponse, TDay> : DataSeriesClient<TResponse, TDay>
        where TResponse : class, IDataSeriesResponse<TDay>
        where TDay : class, IDailyDataPoint
    {
        public Owning(HttpClient httpClient, DataSeriesClientOptions options, ChannelCatalogue catalogue, ILogger? logger)
            : base(httpClient, ownsHttpClient: true, options, catalogue, logger)
        {
        }
    }
}
