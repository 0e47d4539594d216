using System;

namespace CampaignAnalytics.Store;

/// <summary>
/// A store file cannot be used: it is not a SQLite database, it belongs to another application, it
/// was written by a newer version of this library, or what it holds cannot be read back.
/// </summary>
public sealed class CampaignStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong; it names the file.</param>
    /// <param name="path">The full path of the store file.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CampaignStoreException(string message, string path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }
}
