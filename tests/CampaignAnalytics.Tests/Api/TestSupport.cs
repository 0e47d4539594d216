using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Serialization;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Tests.Api;

/// <summary>
/// A clock that tells the real time but runs every timer faster by <see cref="Scale"/> (Polly's delays and
/// timeouts, the client's rate-limit waits), and records the delays asked for.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    public ScaledTimeProvider(double scale = 0.02) => Scale = scale;

    public double Scale { get; }

    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Requested.Enqueue(dueTime);
        }

        return System.CreateTimer(callback, state, Shrink(dueTime), Shrink(period));
    }

    private TimeSpan Shrink(TimeSpan t) =>
        t == Timeout.InfiniteTimeSpan || t <= TimeSpan.Zero ? t : TimeSpan.FromTicks(Math.Max(1, (long)(t.Ticks * Scale)));
}

/// <summary>Collects every log line (formatted message, state values and exception text).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturingLoggerProvider _owner;
        private readonly string _category;

        public Logger(CapturingLoggerProvider owner, string category)
        {
            _owner = owner;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            _owner.Lines.Add("scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> kv
                ? string.Join("; ", kv.Select(p => p.Key + "=" + p.Value))
                : string.Empty;
            _owner.Lines.Add($"{logLevel} {_category}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}

internal static class QueueExtensions
{
    public static void Add<T>(this ConcurrentQueue<T> queue, T item) => queue.Enqueue(item);
}

/// <summary>A minimal catalogue for the client tests: reads <c>message</c> and each day's <c>time</c>.</summary>
public sealed class TestCatalogue : ChannelCatalogue
{
    public static readonly TestCatalogue Instance = new();

    public override string SchemaId => "test";

    public override IReadOnlyList<ChannelDescriptor> Channels => Array.Empty<ChannelDescriptor>();

    public override IReadOnlyList<MetricDescriptor<IDailyDataPoint>> DailyMetrics => Array.Empty<MetricDescriptor<IDailyDataPoint>>();

    public override IReadOnlyList<RateDescriptor<IDailyDataPoint>> DailyRates => Array.Empty<RateDescriptor<IDailyDataPoint>>();

    public override Type ResponseType => typeof(Response);

    public override Type DayType => typeof(Day);

    public override IDataSeriesResponse ParseResponse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8Json.ToArray());
            var root = doc.RootElement;
            var days = new List<IDailyDataPoint>();
            if (root.TryGetProperty("data", out var data))
            {
                foreach (var d in data.EnumerateArray())
                {
                    days.Add(new Day(LocalDatePattern.Iso.Parse(d.GetProperty("time").GetString()!).Value));
                }
            }

            return new Response(root.GetProperty("message").GetString(), days);
        }
        catch (JsonException ex)
        {
            throw new CampaignJsonException("invalid JSON: " + ex.Message, ex.BytePositionInLine ?? 0, ex).Complete(utf8Json);
        }
    }

    public override IDailyDataPoint ParseDay(ReadOnlySpan<byte> utf8Json) => throw new NotSupportedException();

    public override void WriteResponse(Utf8JsonWriter writer, IDataSeriesResponse response) => throw new NotSupportedException();

    public override void WriteDay(Utf8JsonWriter writer, IDailyDataPoint day) => throw new NotSupportedException();

    public override IDataSeriesResponse CreateResponse(string message, IReadOnlyList<IDailyDataPoint> days) => new Response(message, days);

    public sealed record Day(LocalDate Date) : IDailyDataPoint
    {
        public IChannelMessages? Channels => null;

        public IReadOnlyList<RawJsonProperty> UnknownFields => Array.Empty<RawJsonProperty>();
    }

    public sealed record Response(string? Message, IReadOnlyList<IDailyDataPoint> Days) : IDataSeriesResponse
    {
        public IReadOnlyList<RawJsonProperty> UnknownFields => Array.Empty<RawJsonProperty>();
    }
}
