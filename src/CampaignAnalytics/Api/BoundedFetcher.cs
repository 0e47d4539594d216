using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace CampaignAnalytics.Api;

/// <summary>The outcome of one job of <see cref="BoundedFetcher.RunAsync"/>: every step's part, or the first failure.</summary>
/// <typeparam name="TPart">What one step returns.</typeparam>
/// <param name="Job">The job's index.</param>
/// <param name="Parts">Each step's part, by step index; null when the job failed.</param>
/// <param name="Error">The exception of the job's first failed step; null when it succeeded.</param>
internal readonly record struct JobOutcome<TPart>(int Job, TPart[]? Parts, Exception? Error);

/// <summary>
/// Runs many jobs of several steps each (a campaign's requests) with at most a given number of steps in flight across
/// all jobs. Workers take the steps in order (job by job), so that jobs finish one after another and only the jobs in
/// progress are held in memory; a slow step holds one worker, never the others. A failed step ends its job (its steps
/// not yet started are skipped) and no other. Each job's outcome is yielded as soon as it is known, in completion
/// order. Cancelling the token, or leaving the enumeration early, cancels every step in flight and waits for them to
/// stop before the enumeration ends; a cancellation by the token is thrown as <see cref="OperationCanceledException"/>.
/// </summary>
internal static class BoundedFetcher
{
    /// <summary>Runs the jobs; see the class.</summary>
    /// <typeparam name="TPart">What one step returns.</typeparam>
    /// <param name="jobs">How many jobs.</param>
    /// <param name="stepsPerJob">How many steps each job has (at least 1).</param>
    /// <param name="step">Runs step <c>s</c> of job <c>j</c> and honours the token.</param>
    /// <param name="maxInFlight">The most steps running at once (at least 1).</param>
    /// <param name="cancellationToken">Cancels every step.</param>
    public static async IAsyncEnumerable<JobOutcome<TPart>> RunAsync<TPart>(
        int jobs,
        int stepsPerJob,
        Func<int, int, CancellationToken, Task<TPart>> step,
        int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerJob, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ArgumentNullException.ThrowIfNull(step);

        var total = (long)jobs * stepsPerJob;
        var parts = new TPart[]?[jobs];
        var left = Enumerable.Repeat(stepsPerJob, jobs).ToArray();
        var failed = new int[jobs];
        var next = -1L;
        var outcomes = Channel.CreateUnbounded<JobOutcome<TPart>>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkAsync()
        {
            // Run on the thread pool: a step that completes synchronously must not run the caller's loop.
            await Task.Yield();
            while (!stop.IsCancellationRequested)
            {
                var item = Interlocked.Increment(ref next);
                if (item >= total)
                {
                    return;
                }

                var job = (int)(item / stepsPerJob);
                var s = (int)(item % stepsPerJob);
                if (Volatile.Read(ref failed[job]) != 0)
                {
                    continue;
                }

                TPart part;
                try
                {
                    part = await step(job, s, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The job's first failure is its outcome; a failure never stops the other jobs.
                    if (Interlocked.Exchange(ref failed[job], 1) == 0)
                    {
                        parts[job] = null;
                        outcomes.Writer.TryWrite(new JobOutcome<TPart>(job, null, ex));
                    }

                    continue;
                }

                var done = LazyInitializer.EnsureInitialized(ref parts[job], () => new TPart[stepsPerJob]);
                done[s] = part;
                if (Interlocked.Decrement(ref left[job]) == 0)
                {
                    parts[job] = null;
                    outcomes.Writer.TryWrite(new JobOutcome<TPart>(job, done, null));
                }
            }
        }

        var workers = Enumerable.Range(0, (int)Math.Min(maxInFlight, total)).Select(_ => WorkAsync()).ToArray();
        var all = Task.WhenAll(workers);
        _ = all.ContinueWith(
            t => outcomes.Writer.TryComplete(t.Exception?.GetBaseException()),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }

            // Workers stop early only when cancelled: the jobs not reported were not done.
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await all.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Reported through the channel, or the enumeration is already ending with an exception of its own.
            }
        }
    }
}
