using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Tests.Api;

/// <summary>What the fake server received.</summary>
public sealed record ReceivedRequest(int Number, string Path, string? CampaignId, string? Length, string? EndingAt, string? Authorization);

/// <summary>What the fake server answers.</summary>
public sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener on a free port) emulating GET /campaigns/data_series:
/// by default it returns the <c>length</c> days before a midnight <c>ending_at</c>, one point per day.
/// </summary>
public sealed class FakeBrazeServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    public FakeBrazeServer(Func<ReceivedRequest, Task<FakeResponse>>? handler = null)
    {
        Handler = handler ?? (r => Task.FromResult(Emulate(r)));
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUri = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _ = Task.Run(AcceptLoop);
    }

    public Uri BaseUri { get; }

    public Func<ReceivedRequest, Task<FakeResponse>> Handler { get; set; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Braze's behaviour: the <c>length</c> days before the local date of <c>ending_at</c> (midnight).</summary>
    public static FakeResponse Emulate(ReceivedRequest r, Func<LocalDate, IEnumerable<LocalDate>>? perDay = null)
    {
        var days = DaysFor(r);
        var all = perDay is null ? days : days.SelectMany(perDay).ToList();
        return new FakeResponse(200, DaysJson(all));
    }

    public static IReadOnlyList<LocalDate> DaysFor(ReceivedRequest r)
    {
        var length = int.Parse(r.Length!, CultureInfo.InvariantCulture);
        var end = r.EndingAt is null
            ? LocalDate.FromDateTime(DateTime.UtcNow)
            : OffsetDateTimePattern.ExtendedIso.Parse(r.EndingAt).GetValueOrThrow().Date;
        return Enumerable.Range(1, length).Select(i => end.PlusDays(-i)).Reverse().ToList();
    }

    public static string DaysJson(IEnumerable<LocalDate> days)
    {
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

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private async Task Serve(HttpListenerContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            var q = context.Request.QueryString;
            var received = new ReceivedRequest(
                Interlocked.Increment(ref _count),
                context.Request.Url!.AbsolutePath,
                q["campaign_id"],
                q["length"],
                q["ending_at"],
                context.Request.Headers["Authorization"]);
            Requests.Enqueue(received);
            var response = await Handler(received).ConfigureAwait(false);
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token).ConfigureAwait(false);
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            if (response.Headers is not null)
            {
                foreach (var (k, v) in response.Headers)
                {
                    context.Response.Headers.Add(k, v);
                }
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception)
        {
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
                // The client is gone.
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
