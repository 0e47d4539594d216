using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Testing.FakeBraze;

/// <summary>What the fake server received (one per request, in arrival order).</summary>
/// <param name="Number">1 for the first request, then 2, 3, …</param>
/// <param name="Path">The path, e.g. <c>/campaigns/data_series</c>.</param>
/// <param name="CampaignId">The <c>campaign_id</c> parameter.</param>
/// <param name="Length">The <c>length</c> parameter.</param>
/// <param name="EndingAt">The <c>ending_at</c> parameter.</param>
/// <param name="Authorization">The <c>Authorization</c> header.</param>
public sealed record ReceivedRequest(int Number, string Path, string? CampaignId, string? Length, string? EndingAt, string? Authorization)
{
    /// <summary>Every query parameter, decoded (the last value of a repeated one).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>When it arrived (UTC).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Its rate-limit bucket, when the server keeps rate limits.</summary>
    public FakeBucket? Bucket { get; init; }

    /// <summary>
    /// What remained of its bucket's quota when it arrived, before it was counted: 0 means it was sent while the server
    /// said <c>X-RateLimit-Remaining: 0</c> (and was refused with 429). Null when the server keeps no rate limits.
    /// </summary>
    public long? RemainingAtSend { get; init; }

    /// <summary>The id it is about: <c>campaign_id</c>, else <c>canvas_id</c>, else <c>send_id</c>.</summary>
    public string? Id => CampaignId ?? Parameter("canvas_id") ?? Parameter("send_id");

    /// <summary>A query parameter, or null.</summary>
    /// <param name="name">Its name.</param>
    public string? Parameter(string name) => Query.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What the fake server answers.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body (JSON, or anything a test wants).</param>
/// <param name="Headers">Extra headers.</param>
/// <param name="Delay">Waited before answering (cut short when the server stops).</param>
public sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>How a <see cref="FakeBrazeServer"/> serving a <see cref="FakeWorkspace"/> behaves.</summary>
public sealed record FakeBrazeOptions
{
    /// <summary>The <c>/campaigns/data_series</c> bucket; Braze's 50,000 a minute by default; null for no rate-limit headers.</summary>
    public FakeRateLimit? DataSeriesLimit { get; init; } = FakeRateLimit.BrazeDataSeries;

    /// <summary>The shared hourly bucket; Braze's 250,000 an hour by default; null for no rate-limit headers.</summary>
    public FakeRateLimit? SharedLimit { get; init; } = FakeRateLimit.BrazeShared;

    /// <summary>Added to every answer (cut short when the server stops).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>When set, a request without <c>Authorization: Bearer</c> this key is answered 401.</summary>
    public string? ApiKey { get; init; }
}

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a <see cref="TcpListener"/> on port 0: the system picks a free port, no race)
/// emulating Braze's export API; it reads GET requests (keep-alive, no bodies) and answers with a Content-Length.
/// Built on a <see cref="FakeWorkspace"/>, it serves the seeded campaigns and Canvases (<see cref="FakeWorkspace.Respond"/>)
/// with per-bucket rate limits (<see cref="FakeBrazeOptions"/>), latency and injected faults (<see cref="AddFault"/>);
/// built on a handler, it answers what the handler says (by default <see cref="Emulate"/>: the <c>length</c> days
/// before <c>ending_at</c>, one point per day). It records every request (<see cref="Requests"/>). No other network.
/// </summary>
public sealed class FakeBrazeServer : IDisposable, IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _accepting;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<FakeFault> _faults = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;
    private int _disposed;

    /// <summary>A server answering what <paramref name="handler"/> says (by default <see cref="Emulate"/>), without rate limits.</summary>
    /// <param name="handler">Answers each request.</param>
    public FakeBrazeServer(Func<ReceivedRequest, Task<FakeResponse>>? handler = null)
        : this(null, new FakeBrazeOptions { DataSeriesLimit = null, SharedLimit = null }, handler)
    {
    }

    /// <summary>A server serving <paramref name="workspace"/>, with Braze's rate limits unless <paramref name="options"/> says otherwise.</summary>
    /// <param name="workspace">The campaigns and Canvases.</param>
    /// <param name="options">Rate limits, latency, key.</param>
    public FakeBrazeServer(FakeWorkspace workspace, FakeBrazeOptions? options = null)
        : this(workspace ?? throw new ArgumentNullException(nameof(workspace)), options ?? new FakeBrazeOptions(), null)
    {
    }

    private FakeBrazeServer(FakeWorkspace? workspace, FakeBrazeOptions options, Func<ReceivedRequest, Task<FakeResponse>>? handler)
    {
        Workspace = workspace;
        Options = options;
        Handler = handler ?? (workspace is null ? r => Task.FromResult(Emulate(r)) : r => Task.FromResult(workspace.Respond(r)));
        DataSeriesBucket = options.DataSeriesLimit is { } d ? new FakeRateLimitBucket(FakeBucket.DataSeries, d) : null;
        SharedBucket = options.SharedLimit is { } s ? new FakeRateLimitBucket(FakeBucket.Shared, s) : null;

        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 512);
        BaseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/"));
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:43817/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The workspace served, or null for a handler-built server.</summary>
    public FakeWorkspace? Workspace { get; }

    /// <summary>Rate limits, latency, key.</summary>
    public FakeBrazeOptions Options { get; }

    /// <summary>Answers each request once rate limits and faults let it through; replaceable at any time.</summary>
    public Func<ReceivedRequest, Task<FakeResponse>> Handler { get; set; }

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The most requests being answered at once so far.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The <c>/campaigns/data_series</c> bucket, or null without rate limits.</summary>
    public FakeRateLimitBucket? DataSeriesBucket { get; }

    /// <summary>The shared hourly bucket, or null without rate limits.</summary>
    public FakeRateLimitBucket? SharedBucket { get; }

    /// <summary>The requests refused because their bucket's quota was used up (<see cref="ReceivedRequest.RemainingAtSend"/> 0).</summary>
    public IReadOnlyList<ReceivedRequest> SentWhileExhausted => Requests.Where(r => r.RemainingAtSend == 0).ToList();

    /// <summary>The bucket of a path: <c>/campaigns/data_series</c> has its own; every other endpoint shares one.</summary>
    /// <param name="path">The request's path.</param>
    public static FakeBucket BucketOf(string path) =>
        path.TrimEnd('/').EndsWith("/campaigns/data_series", StringComparison.OrdinalIgnoreCase) ? FakeBucket.DataSeries : FakeBucket.Shared;

    /// <summary>Injects a fault (see <see cref="FakeFault"/>); the first matching fault added applies.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>The fault, to read <see cref="FakeFault.Used"/>.</returns>
    public FakeFault AddFault(FakeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _faults.Enqueue(fault);
        return fault;
    }

    /// <summary>Braze's behaviour: the <c>length</c> days before the local date of <c>ending_at</c> (midnight).</summary>
    /// <param name="r">The request.</param>
    /// <param name="perDay">Optional: the days to write for each day (to double or drop one).</param>
    public static FakeResponse Emulate(ReceivedRequest r, Func<LocalDate, IEnumerable<LocalDate>>? perDay = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var days = DaysFor(r);
        var all = perDay is null ? days : days.SelectMany(perDay).ToList();
        return new FakeResponse(200, DaysJson(all));
    }

    /// <summary>The <c>length</c> days before the date of <c>ending_at</c> (today in UTC when absent), oldest first.</summary>
    /// <param name="r">The request.</param>
    public static IReadOnlyList<LocalDate> DaysFor(ReceivedRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var length = int.Parse(r.Length!, CultureInfo.InvariantCulture);
        var end = r.EndingAt is null
            ? LocalDate.FromDateTime(DateTime.UtcNow)
            : OffsetDateTimePattern.ExtendedIso.Parse(r.EndingAt).GetValueOrThrow().Date;
        return Enumerable.Range(1, length).Select(i => end.PlusDays(-i)).Reverse().ToList();
    }

    /// <summary>A minimal data series: one email variation <c>v1</c> with 10 sent on each day.</summary>
    /// <param name="days">The days, in the order written.</param>
    public static string DaysJson(IEnumerable<LocalDate> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var sb = new StringBuilder("{\"message\":\"success\",\"data\":[");
        var first = true;
        foreach (var d in days)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append("{\"time\":\"").Append(d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture))
              .Append("\",\"unique_recipients\":1,\"messages\":{\"email\":[{\"variation_api_id\":\"v1\",\"sent\":10}]}}");
        }

        return sb.Append("]}").ToString();
    }

    /// <summary>The three rate-limit headers (reset in epoch seconds), in Braze's case or lower case.</summary>
    /// <param name="limit">X-RateLimit-Limit.</param>
    /// <param name="remaining">X-RateLimit-Remaining.</param>
    /// <param name="reset">X-RateLimit-Reset.</param>
    /// <param name="lowerCase">True for lower-case names.</param>
    public static IReadOnlyDictionary<string, string> RateHeaders(long limit, long remaining, DateTimeOffset reset, bool lowerCase = false)
    {
        string N(string n) => lowerCase ? n.ToLowerInvariant() : n;
        return new Dictionary<string, string>
        {
            [N("X-RateLimit-Limit")] = limit.ToString(CultureInfo.InvariantCulture),
            [N("X-RateLimit-Remaining")] = remaining.ToString(CultureInfo.InvariantCulture),
            [N("X-RateLimit-Reset")] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Stops the server; delays and timeouts in progress are cut short.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops the server; delays and timeouts in progress are cut short.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The listener is gone.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _connections[client] = 0;
            _ = Task.Run(() => ConnectionAsync(client));
        }
    }

    /// <summary>Serves the GET requests of one keep-alive connection, one after another.</summary>
    private async Task ConnectionAsync(TcpClient client)
    {
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            while (!_stop.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false);
                if (line is null)
                {
                    return;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                string? header;
                while (!string.IsNullOrEmpty(header = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false)))
                {
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
                    }
                }

                var parts = line.Split(' ');
                var target = parts.Length > 1 ? parts[1] : "/";
                if (!await ServeAsync(stream, target, headers).ConfigureAwait(false)
                    || (headers.TryGetValue("Connection", out var connection) && connection.Contains("close", StringComparison.OrdinalIgnoreCase)))
                {
                    return;
                }
            }
        }
        catch (Exception)
        {
            // The client went away, or the server stops.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Answers one request; false when the connection is to be dropped without an answer.</summary>
    private async Task<bool> ServeAsync(Stream stream, string target, IReadOnlyDictionary<string, string> headers)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(question < 0 ? target : target[..question]);
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            if (question >= 0)
            {
                foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
                    query[Decode(eq < 0 ? pair : pair[..eq])] = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
                }
            }

            var at = DateTimeOffset.UtcNow;
            var bucket = BucketOf(path) == FakeBucket.DataSeries ? DataSeriesBucket : SharedBucket;
            var taken = bucket?.Take(at);
            var received = new ReceivedRequest(
                Interlocked.Increment(ref _count),
                path,
                query.GetValueOrDefault("campaign_id"),
                query.GetValueOrDefault("length"),
                query.GetValueOrDefault("ending_at"),
                headers.GetValueOrDefault("Authorization"))
            {
                Query = query,
                At = at,
                Bucket = bucket?.Name,
                RemainingAtSend = taken?.Before,
            };
            Requests.Enqueue(received);
            var response = await AnswerAsync(received, bucket, taken, _stop.Token).ConfigureAwait(false);
            if (response is null)
            {
                return false;
            }

            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n")
                .Append("Content-Type: application/json; charset=utf-8\r\n");
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (bucket is not null && taken is { } t)
            {
                foreach (var (k, v) in bucket.Headers(t.After, t.Reset))
                {
                    all[k] = v;
                }
            }

            foreach (var (k, v) in response.Headers ?? new Dictionary<string, string>())
            {
                all[k] = v;
            }

            foreach (var (k, v) in all)
            {
                head.Append(k).Append(": ").Append(v).Append("\r\n");
            }

            var body = Encoding.UTF8.GetBytes(response.Body);
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), _stop.Token).ConfigureAwait(false);
            await stream.WriteAsync(body, _stop.Token).ConfigureAwait(false);
            await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };

    /// <summary>The answer after rate limits, key, faults and latency; null to drop the connection.</summary>
    private async Task<FakeResponse?> AnswerAsync(ReceivedRequest request, FakeRateLimitBucket? bucket, (long Before, long After, long Reset)? taken, CancellationToken cancellationToken)
    {
        if (Options.ApiKey is { } key && !string.Equals(request.Authorization, "Bearer " + key, StringComparison.Ordinal))
        {
            return new FakeResponse(401, "{\"message\":\"Invalid API key\"}");
        }

        if (bucket is not null && taken is { Before: 0 })
        {
            return new FakeResponse(429, "{\"message\":\"API rate limit exceeded\"}");
        }

        var fault = _faults.FirstOrDefault(f => f.TryApply(request));
        var latency = Options.Latency + (fault is { Kind: FakeFaultKind.Latency } ? fault.Delay : TimeSpan.Zero);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        switch (fault?.Kind)
        {
            case FakeFaultKind.ServerError:
                return new FakeResponse(500, "{\"message\":\"Internal Server Error\"}");
            case FakeFaultKind.TooManyRequests:
                var reset = DateTimeOffset.UtcNow + (fault.Delay > TimeSpan.Zero ? fault.Delay : TimeSpan.FromSeconds(1));
                return new FakeResponse(429, "{\"message\":\"API rate limit exceeded\"}", RateHeaders(bucket?.Limit.Limit ?? 1, 0, reset));
            case FakeFaultKind.Timeout:
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                return null;
            case FakeFaultKind.MalformedBody:
                return new FakeResponse(200, "{\"message\":\"success\",\"data\":[{\"time\":\"2025-06-19\",");
            case FakeFaultKind.ErrorEnvelope:
                return new FakeResponse(200, "{\"message\":\"Invalid campaign_id\"}");
        }

        var response = await Handler(request).ConfigureAwait(false);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
