using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;

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
