using System;
using System.Threading;
using CampaignAnalytics.Api;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Output;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// Shows that <c>fetch</c> is waiting (a rate-limit reset, a retry backoff, a slow answer: up to minutes): on an
/// interactive terminal in the live status line, otherwise as one <c>note:</c> line on stderr per wait.
/// </summary>
internal sealed class FetchWaitNotes : IProgress<FetchWait>
{
    /// <summary>Shorter pacing waits (spreading requests over a nearly used-up quota) are not worth a line.</summary>
    private static readonly TimeSpan MinPacingShown = TimeSpan.FromSeconds(1);

    private readonly object _lock = new();
    private Action<string>? _live;
    private Instant? _lastReset;
    private int _rateLimitWaits;

    /// <summary>Whether stderr is a terminal that shows a live status line.</summary>
    public static bool Interactive => !Console.IsErrorRedirected && Emit.Stderr.Profile.Capabilities.Interactive;

    /// <summary>Shows waits in a live display (its status line) until disposed, instead of as note lines.</summary>
    /// <param name="status">Sets the live display's status text (plain text; escaped here).</param>
    public IDisposable ShowIn(Action<string> status)
    {
        lock (_lock)
        {
            _live = status;
        }

        return new Detach(this);
    }

    /// <summary>Requests that waited for Braze's rate limit so far (its reset, or pacing over a nearly used-up quota), shown or not.</summary>
    public int RateLimitWaits => Volatile.Read(ref _rateLimitWaits);

    /// <inheritdoc />
    public void Report(FetchWait value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Reason is FetchWaitReason.RateLimit or FetchWaitReason.Pacing)
        {
            Interlocked.Increment(ref _rateLimitWaits);
        }

        if (value.Reason == FetchWaitReason.Pacing && value.Delay < MinPacingShown)
        {
            return;
        }

        lock (_lock)
        {
            if (value.Reason == FetchWaitReason.RateLimit && value.Cause is null)
            {
                // Concurrent requests wait for the same reset of the used-up quota: say it once.
                if (value.ResetAt == _lastReset)
                {
                    return;
                }

                _lastReset = value.ResetAt;
            }

            if (_live is { } live)
            {
                live(Spectre.Console.Markup.Escape(CommandRunner.Scrub(value.Message)));
            }
            else
            {
                CommandRunner.Inform("note: " + value.Message);
            }
        }
    }

    private sealed class Detach : IDisposable
    {
        private readonly FetchWaitNotes _owner;

        public Detach(FetchWaitNotes owner) => _owner = owner;

        public void Dispose()
        {
            lock (_owner._lock)
            {
                _owner._live = null;
            }
        }
    }
}
