using System;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>
/// What the last responses said about the rate limit (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>),
/// shared by every request of one client to one rate-limit bucket (see <see cref="RateLimitGates"/>) so that concurrent
/// requests slow down together before Braze says 429. It counts the requests in flight: a response's
/// <c>X-RateLimit-Remaining</c> does not yet count the other requests already sent, so the gate takes them off.
/// </summary>
internal sealed class RateLimitGate
{
    /// <summary>Added to every wait for a reset: the header has whole seconds, and clocks differ a little.</summary>
    internal static readonly TimeSpan ResetSkew = TimeSpan.FromMilliseconds(250);

    private readonly object _lock = new();
    private long? _limit;
    private long? _remaining;
    private Instant? _reset;
    private Instant _nextSlot;
    private int _inFlight;

    /// <summary>
    /// Reads the rate-limit headers of a response (names in any case) and ends its request's time in flight (see
    /// <see cref="ReserveRequest(Instant, double, out Instant?)"/>); absent or bad headers change nothing else.
    /// </summary>
    public void Observe(HttpResponseHeaders headers, Instant now)
    {
        var limit = ReadLong(headers, "X-RateLimit-Limit");
        var remaining = ReadLong(headers, "X-RateLimit-Remaining");
        var reset = ReadReset(headers, now);
        lock (_lock)
        {
            // The other requests in flight may reach the server after this one: their share is not in this count yet.
            var others = Math.Max(0, _inFlight - 1);
            _inFlight = Math.Max(0, _inFlight - 1);
            if (limit is null && remaining is null && reset is null)
            {
                return;
            }

            _limit = limit ?? _limit;
            if (remaining is { } said)
            {
                // Responses of concurrent requests arrive out of order: within one window keep the lowest count.
                var left = Math.Max(0, said - others);
                _remaining = reset == _reset && _remaining is { } known ? Math.Min(known, left) : left;
            }

            _reset = reset ?? _reset;
        }
    }

    /// <summary>Ends the time in flight of a request that got no response (a failure, a cancellation, a request not sent).</summary>
    public void Release()
    {
        lock (_lock)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
        }
    }

    /// <summary>
    /// How long to wait before sending the next request, and takes one request from the known quota. Zero while
    /// nothing is known or the quota is ample; until the reset when the quota is used up; an even share of the time
    /// left when fewer than <paramref name="slowdownFraction"/> of the limit remain.
    /// </summary>
    public TimeSpan ReserveRequest(Instant now, double slowdownFraction) => ReserveRequest(now, slowdownFraction, out _);

    /// <summary>
    /// <see cref="ReserveRequest(Instant, double)"/>, also telling when the wait is for a used-up quota
    /// (<c>X-RateLimit-Remaining</c> 0): then <paramref name="usedUpUntil"/> is the reset, and no request may be sent
    /// before it; otherwise null. The request counts as in flight until <see cref="Observe"/> or <see cref="Release"/>.
    /// </summary>
    public TimeSpan ReserveRequest(Instant now, double slowdownFraction, out Instant? usedUpUntil)
    {
        usedUpUntil = null;
        lock (_lock)
        {
            _inFlight++;
            if (_reset is not { } reset || now >= reset)
            {
                _remaining = null;
                _reset = null;
                return TimeSpan.Zero;
            }

            if (_remaining is not { } remaining)
            {
                return TimeSpan.Zero;
            }

            var untilReset = (reset - now).ToTimeSpan();
            if (remaining <= 0)
            {
                usedUpUntil = reset;
                return untilReset + ResetSkew;
            }

            _remaining = remaining - 1;
            if (slowdownFraction > 0 && _limit is { } limit && limit > 0 && remaining < limit * slowdownFraction)
            {
                var slot = _nextSlot > now ? _nextSlot : now;
                var interval = untilReset / remaining;
                _nextSlot = slot + Duration.FromTimeSpan(interval);
                return (slot - now).ToTimeSpan();
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>The reset time a response announces: <c>X-RateLimit-Reset</c> (epoch seconds), else <c>Retry-After</c>.</summary>
    public static Instant? ReadReset(HttpResponseHeaders headers, Instant now)
    {
        if (ReadLong(headers, "X-RateLimit-Reset") is { } value)
        {
            // Epoch seconds as documented; a small number is taken as seconds from now, a huge one as epoch milliseconds.
            if (value < 1_000_000_000L)
            {
                return now + Duration.FromSeconds(Math.Max(0, value));
            }

            return value > 100_000_000_000L ? Instant.FromUnixTimeMilliseconds(value) : Instant.FromUnixTimeSeconds(value);
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return now + Duration.FromTimeSpan(delta);
            }

            if (retryAfter.Date is { } date)
            {
                return Instant.FromDateTimeOffset(date);
            }
        }

        return null;
    }

    private static long? ReadLong(HttpResponseHeaders headers, string name)
    {
        // HttpHeaders look names up case-insensitively, so "x-ratelimit-reset" is found too.
        if (!headers.TryGetValues(name, out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault()?.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? (long)Math.Ceiling(d)
            : null;
    }
}
