using NodaTime;

namespace CampaignAnalytics.Store;

/// <summary>How hard a commit waits for the disk (SQLite's <c>synchronous</c> setting; the journal is always WAL).</summary>
public enum StoreDurability
{
    /// <summary>
    /// <c>synchronous=NORMAL</c> (the default). In WAL mode the store stays consistent after a
    /// process crash or a power loss; a process crash loses no committed transaction, a power loss
    /// may lose the last few commits. The store is a cache of the API, and a lost day is simply
    /// fetched again by the next sync, so this trade of durability for far fewer fsyncs fits.
    /// </summary>
    Normal,

    /// <summary><c>synchronous=FULL</c>: every commit is fsynced, so a commit survives a power loss too. Slower writes.</summary>
    Full,
}

/// <summary>Options for opening a <see cref="CampaignStore"/>.</summary>
public sealed record CampaignStoreOptions
{
    /// <summary>The options used when none are given.</summary>
    public static CampaignStoreOptions Default { get; } = new();

    /// <summary>The clock that stamps fetched-at and changed-at instants; the system clock by default.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>How hard a commit waits for the disk; <see cref="StoreDurability.Normal"/> by default.</summary>
    public StoreDurability Durability { get; init; } = StoreDurability.Normal;
}
