using System;
using System.Text.Json;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Api;

/// <summary>
/// The one place that removes the API key from text that may echo it: server bodies, exception messages and
/// log lines (a server or proxy echoing the request must not leak the key).
/// </summary>
internal static class ApiKeyScrubber
{
    /// <summary>What the key is replaced with.</summary>
    internal const string Mask = "***";

    /// <summary>The text with every occurrence of the key (ordinal) replaced by <see cref="Mask"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="apiKey">The key; null or empty leaves the text as it is.</param>
    internal static string Scrub(string text, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) || !text.Contains(apiKey, StringComparison.Ordinal)
            ? text
            : text.Replace(apiKey, Mask, StringComparison.Ordinal);

    /// <summary>
    /// The parser's exception, or when its message holds the key, a copy with the key masked (same type for a
    /// <see cref="CampaignJsonException"/>, same location).
    /// </summary>
    /// <param name="exception">The parser's exception.</param>
    /// <param name="apiKey">The key; null or empty leaves the exception as it is.</param>
    internal static JsonException Scrub(JsonException exception, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || !exception.Message.Contains(apiKey, StringComparison.Ordinal))
        {
            return exception;
        }

        return exception is CampaignJsonException campaign
            ? campaign.WithMessagesScrubbed(text => Scrub(text, apiKey))
            : new JsonException(Scrub(exception.Message, apiKey), exception.Path, exception.LineNumber, exception.BytePositionInLine);
    }
}
