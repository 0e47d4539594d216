using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CampaignAnalytics.Api;

/// <summary>
/// The HTTP handler between <see cref="DataSeriesClient"/> and the network: paces requests from the rate-limit
/// headers (one gate per rate-limit bucket, chosen by the request's path: <see cref="RateLimitGates"/>), waits for the
/// reset after a 429, retries 5xx, connection failures and attempt timeouts with exponential backoff and jitter
/// (Polly.Core), and buffers each body within the attempt timeout. A failure of the request itself (a header the client
/// cannot send) is not retried. Every wait is logged and reported as a
/// <see cref="FetchWait"/>. It never logs headers.
/// </summary>
internal sealed partial class BrazeResilienceHandler : DelegatingHandler
{
    /// <summary>Set on the request: how many attempts the handler made.</summary>
    internal static readonly HttpRequestOptionsKey<int> AttemptsKey = new("CampaignAnalytics.Attempts");

    /// <summary>Set on the request by the client: the request described without secrets, for logs.</summary>
    internal static readonly HttpRequestOptionsKey<string> DescriptionKey = new("CampaignAnalytics.Request");

    private static readonly ResiliencePropertyKey<string> RequestProperty = new("CampaignAnalytics.Request");

    /// <summary>After this long without an answer, the attempt is reported as a <see cref="FetchWaitReason.SlowAnswer"/>.</summary>
    internal static readonly TimeSpan SlowAnswerAfter = TimeSpan.FromSeconds(10);

    /// <summary>The most characters of an exception message quoted as the cause of a retry.</summary>
    private const int MaxCauseLength = 200;

    private readonly DataSeriesClientOptions _options;
    private readonly RateLimitGates _gates;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IProgress<FetchWait>? _waits;
    private readonly ResiliencePipeline<HttpResponseMessage> _retries;

    public BrazeResilienceHandler(DataSeriesClientOptions options, RateLimitGates gates, TimeProvider? timeProvider, ILogger? logger, IProgress<FetchWait>? waits = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _gates = gates ?? throw new ArgumentNullException(nameof(gates));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _waits = waits;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (options.MaxRateLimitRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "rate-limit",
                MaxRetryAttempts = options.MaxRateLimitRetries,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r && RateLimitWait(r, args.AttemptNumber) <= _options.MaxRateLimitWait),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RateLimitWait(args.Outcome.Result!, args.AttemptNumber)),
                OnRetry = args =>
                {
                    var request = Describe(args.Context);
                    LogRateLimited(_logger, request, args.RetryDelay, args.AttemptNumber + 1);
                    var reset = RateLimitGate.ReadReset(args.Outcome.Result!.Headers, Now());
                    Report(new FetchWait(FetchWaitReason.RateLimit, request, args.RetryDelay, reset, args.AttemptNumber + 2, _options.MaxRateLimitRetries + 1, "HTTP 429"));
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "transient",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>(ex => !IsLocalFailure(ex))
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout),
                OnRetry = args =>
                {
                    var what = args.Outcome.Exception is { } ex
                        ? ex.GetType().Name + ": " + ApiKeyScrubber.ScrubAndCut(ex.Message, _options.ApiKey, MaxCauseLength)
                        : "HTTP " + ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
                    var request = Describe(args.Context);
                    LogRetrying(_logger, request, what, args.RetryDelay, args.AttemptNumber + 1, _options.MaxRetryAttempts);
                    var cause = args.Outcome.Exception switch
                    {
                        null => what,
                        TimeoutRejectedException => "no answer within " + FetchWait.Seconds(_options.AttemptTimeout),
                        var failure => ApiKeyScrubber.ScrubAndCut(failure.Message, _options.ApiKey, MaxCauseLength),
                    };
                    Report(new FetchWait(FetchWaitReason.Retry, request, args.RetryDelay, null, args.AttemptNumber + 2, _options.MaxRetryAttempts + 1, cause));
                    return ValueTask.CompletedTask;
                },
            });
        }

        _retries = builder.Build();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestProperty, Describe(request));
        try
        {
            return await _retries.ExecuteAsync(
                async ctx =>
                {
                    await PaceAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                    attempts++;
                    return await SendAttemptAsync(request, attempts, ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        finally
        {
            request.Options.Set(AttemptsKey, attempts);
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt within <see cref="DataSeriesClientOptions.AttemptTimeout"/> (timed by the time provider): headers and
    /// the whole body. A timeout becomes <see cref="TimeoutRejectedException"/>, which the retry strategy handles.
    /// </summary>
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var slow = _waits is null || SlowAnswerAfter >= _options.AttemptTimeout
            ? null
            : _time.CreateTimer(
                _ => Report(new FetchWait(FetchWaitReason.SlowAnswer, Describe(request), SlowAnswerAfter, null, attempt, _options.MaxRetryAttempts + 1, null)),
                null,
                SlowAnswerAfter,
                Timeout.InfiniteTimeSpan);
        HttpResponseMessage? response = null;
        var gate = _gates.For(request.RequestUri);
        try
        {
            try
            {
                response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            }
            catch
            {
                gate.Release();
                throw;
            }

            gate.Observe(response.Headers, Now());
            await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutRejectedException(
                string.Create(CultureInfo.InvariantCulture, $"No complete answer within the attempt timeout of {_options.AttemptTimeout}."),
                _options.AttemptTimeout,
                ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private async ValueTask PaceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var gate = _gates.For(request.RequestUri);
        var wait = gate.ReserveRequest(Now(), _options.RateLimitSlowdownFraction, out var usedUpUntil);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await WaitForGateAsync(request, wait, usedUpUntil, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The reserved request is not sent.
            gate.Release();
            throw;
        }
    }

    private async ValueTask WaitForGateAsync(HttpRequestMessage request, TimeSpan wait, Instant? usedUpUntil, CancellationToken cancellationToken)
    {
        if (usedUpUntil is { } reset)
        {
            // X-RateLimit-Remaining said 0: never send before the reset; when it is too far away, fail at once.
            if (wait > _options.MaxRateLimitWait)
            {
                throw new BrazeRateLimitedException(
                    $"Braze's rate limit is used up (X-RateLimit-Remaining 0) until {FetchWait.UtcText(reset)}, further away than the longest wait "
                    + $"({FetchWait.Seconds(_options.MaxRateLimitWait)}): {Describe(request)} was not sent; try again after the reset.",
                    reset,
                    Describe(request));
            }

            Report(new FetchWait(FetchWaitReason.RateLimit, Describe(request), wait, reset, 0, 0, null));
        }
        else
        {
            if (wait > _options.MaxRateLimitWait)
            {
                wait = _options.MaxRateLimitWait;
            }

            Report(new FetchWait(FetchWaitReason.Pacing, Describe(request), wait, null, 0, 0, null));
        }

        LogPacing(_logger, Describe(request), wait);
        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A failure of the request itself, before anything reached the server: a header value the client cannot send,
    /// a request it refuses. Retrying cannot help. Connection, TLS, proxy and protocol failures are not local: the
    /// handler classifies them (<see cref="HttpRequestException.HttpRequestError"/>) or gives their cause (an inner
    /// exception); an <see cref="HttpRequestException"/> with neither (e.g. "Request headers must contain only ASCII
    /// characters") is taken for local.
    /// </summary>
    /// <param name="exception">The exception the handlers threw.</param>
    internal static bool IsLocalFailure(Exception exception) => exception switch
    {
        HttpRequestException http => http.HttpRequestError == HttpRequestError.Unknown && http.InnerException is null,
        InvalidOperationException or FormatException or NotSupportedException => true,
        _ => false,
    };

    private void Report(FetchWait wait)
    {
        try
        {
            _waits?.Report(wait);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing display must not fail the request.
            LogWaitReportFailed(_logger, ex.GetType().Name);
        }
    }

    private TimeSpan RateLimitWait(HttpResponseMessage response, int attemptNumber)
    {
        var now = Now();
        if (RateLimitGate.ReadReset(response.Headers, now) is { } reset)
        {
            var wait = reset > now ? (reset - now).ToTimeSpan() : TimeSpan.Zero;
            return wait + RateLimitGate.ResetSkew;
        }

        // No reset announced: back off exponentially from the base delay.
        var fallback = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attemptNumber, 16));
        return fallback > _options.MaxRateLimitWait ? _options.MaxRateLimitWait : fallback;
    }

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private static string Describe(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestProperty, out var d) ? d : "request";

    private static string Describe(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(DescriptionKey, out var d) ? d : "request";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Braze rate limit hit (429) for {Request}; waiting {Delay} before try {Attempt}")]
    private static partial void LogRateLimited(ILogger logger, string request, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Braze request {Request} failed ({Outcome}); retry {Retry} of {MaxRetries} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string request, string outcome, TimeSpan delay, int retry, int maxRetries);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Braze rate limit nearly used up; waiting {Delay} before {Request}")]
    private static partial void LogPacing(ILogger logger, string request, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Reporting a wait failed ({Error}); the request goes on")]
    private static partial void LogWaitReportFailed(ILogger logger, string error);
}
