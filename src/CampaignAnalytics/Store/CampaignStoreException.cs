using System;

namespace CampaignAnalytics.Store;

/// <summary>Why a store file cannot be used (see <see cref="CampaignStoreException.Problem"/>).</summary>
public enum CampaignStoreProblem
{
    /// <summary>
    /// The file cannot be used as it is: not a SQLite database, another application's database, written by a newer
    /// version, not readable or writable, or holding data that cannot be read back.
    /// </summary>
    Unusable,

    /// <summary>Another process holds the file's lock (it is writing) for longer than the busy timeout: retry when it finishes.</summary>
    Busy,

    /// <summary>SQLite found the file damaged (corrupted pages): restore it from a backup, or delete it and fetch again.</summary>
    Damaged,
}

/// <summary>
/// A store file cannot be used: it is not a SQLite database, it belongs to another application, it
/// was written by a newer version of this library, what it holds cannot be read back, it is damaged, or another
/// process keeps it locked (<see cref="Problem"/> tells which kind).
/// </summary>
public sealed class CampaignStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong; it names the file.</param>
    /// <param name="path">The full path of the store file.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CampaignStoreException(string message, string path, Exception? innerException = null)
        : this(message, path, CampaignStoreProblem.Unusable, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong; it names the file.</param>
    /// <param name="path">The full path of the store file.</param>
    /// <param name="problem">The kind of problem.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CampaignStoreException(string message, string path, CampaignStoreProblem problem, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    /// <summary>The kind of problem: busy (retry later), damaged (restore or rebuild), or otherwise unusable.</summary>
    public CampaignStoreProblem Problem { get; }
}
