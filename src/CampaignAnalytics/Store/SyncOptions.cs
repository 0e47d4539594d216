using System;

namespace CampaignAnalytics.Store;

/// <summary>Options of <see cref="CampaignStore.SyncAsync"/>.</summary>
public sealed record SyncOptions
{
    private readonly int _restatementWindowDays = 14;
    private readonly int _maxMergeGapDays = 7;

    /// <summary>The options used when none are given: a 14-day restatement window, gaps of up to 7 stored days merged.</summary>
    public static SyncOptions Default { get; } = new();

    /// <summary>
    /// How many days at the end of the wanted range are fetched again even when stored, because
    /// Braze restates recent days as conversions are attributed back to the send date. 0 turns
    /// re-reading off. Default 14.
    /// </summary>
    public int RestatementWindowDays
    {
        get => _restatementWindowDays;
        init => _restatementWindowDays = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(RestatementWindowDays), value, "The restatement window cannot be negative.");
    }

    /// <summary>
    /// Two ranges to fetch that are separated by at most this many already stored days are fetched
    /// as one range (re-reading a few stored days costs less than another request). 0 merges only
    /// adjacent ranges. Default 7.
    /// </summary>
    public int MaxMergeGapDays
    {
        get => _maxMergeGapDays;
        init => _maxMergeGapDays = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxMergeGapDays), value, "The merge gap cannot be negative.");
    }
}
