using System;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Api;

/// <summary>
/// The one place that removes the API key from text that may echo it: server bodies, exception messages and
/// log lines (a server or proxy echoing the request must not leak the key). The CLI masks its output with it too.
/// </summary>
internal static class ApiKeyScrubber
{
    /// <summary>What the key is replaced with.</summary>
    internal const string Mask = "***";

    /// <summary>The shortest start or end of the key masked where text was cut (before or after an ellipsis).</summary>
    private const int MinCutPart = 4;

    /// <summary>
    /// The text with every occurrence of the key replaced by <see cref="Mask"/>, ignoring case (a proxy may change
    /// it). A key shorter than <see cref="DataSeriesClientOptions.MinApiKeyLength"/> is masked only as a whole word,
    /// so that it does not garble other words. A start of the key just before an ellipsis (<c>…</c> or <c>...</c>),
    /// or an end of it just after one, is masked too: text someone cut must not leak part of the key. Returns the
    /// same instance when there is nothing to mask.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="apiKey">The key; null or empty leaves the text as it is.</param>
    internal static string Scrub(string text, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(text))
        {
            return text;
        }

        var wholeWordsOnly = apiKey.Length < DataSeriesClientOptions.MinApiKeyLength;
        StringBuilder? result = null;
        var copied = 0;
        for (var at = text.IndexOf(apiKey, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(apiKey, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at < copied || (wholeWordsOnly && !IsWord(text, at, apiKey.Length)))
            {
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, at - copied).Append(Mask);
            copied = at + apiKey.Length;
        }

        if (result is not null)
        {
            text = result.Append(text, copied, text.Length - copied).ToString();
        }

        return wholeWordsOnly ? text : MaskCutParts(text, apiKey);
    }

    /// <summary>
    /// The text with the key masked (<see cref="Scrub(string, string?)"/>), control characters turned into spaces,
    /// trimmed, and cut to <paramref name="maxLength"/> characters with an ellipsis: masked first, then cut, so that
    /// a key across the cut cannot leave its start behind.
    /// </summary>
    /// <param name="text">The text, e.g. a server's error body.</param>
    /// <param name="apiKey">The key; null or empty masks nothing.</param>
    /// <param name="maxLength">The most characters kept before the ellipsis.</param>
    internal static string ScrubAndCut(string text, string? apiKey, int maxLength)
    {
        var masked = Scrub(text, apiKey);
        var clean = new StringBuilder(Math.Min(masked.Length, maxLength + 1));
        foreach (var ch in masked.AsSpan().Trim())
        {
            if (clean.Length == maxLength)
            {
                if (char.IsLowSurrogate(ch))
                {
                    clean.Length--; // do not split a surrogate pair
                }

                return clean.Append('…').ToString();
            }

            clean.Append(char.IsControl(ch) ? ' ' : ch);
        }

        return clean.ToString();
    }

    /// <summary>
    /// The parser's exception, or when its message holds the key, a copy with the key masked (same type for a
    /// <see cref="CampaignJsonException"/>, same location).
    /// </summary>
    /// <param name="exception">The parser's exception.</param>
    /// <param name="apiKey">The key; null or empty leaves the exception as it is.</param>
    internal static JsonException Scrub(JsonException exception, string? apiKey)
    {
        if (ReferenceEquals(Scrub(exception.Message, apiKey), exception.Message))
        {
            return exception;
        }

        return exception is CampaignJsonException campaign
            ? campaign.WithMessagesScrubbed(text => Scrub(text, apiKey))
            : new JsonException(Scrub(exception.Message, apiKey), exception.Path, exception.LineNumber, exception.BytePositionInLine);
    }

    private static bool IsWord(string text, int at, int length) =>
        (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (at + length == text.Length || !char.IsLetterOrDigit(text[at + length]));

    /// <summary>Masks a start of the key that ends at an ellipsis, and an end of the key that starts right after one.</summary>
    private static string MaskCutParts(string text, string apiKey)
    {
        foreach (var ellipsis in new[] { "…", "..." })
        {
            var at = text.IndexOf(ellipsis, StringComparison.Ordinal);
            while (at >= 0)
            {
                var before = LongestPart(text.AsSpan(0, at), apiKey, start: true);
                if (before > 0)
                {
                    text = string.Concat(text.AsSpan(0, at - before), Mask, text.AsSpan(at));
                    at += Mask.Length - before;
                }

                var next = at + ellipsis.Length;
                var after = LongestPart(text.AsSpan(next), apiKey, start: false);
                if (after > 0)
                {
                    text = string.Concat(text.AsSpan(0, next), Mask, text.AsSpan(next + after));
                    next += Mask.Length;
                }

                at = text.IndexOf(ellipsis, next, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// The length of the longest start of the key that <paramref name="text"/> ends with (<paramref name="start"/>),
    /// or of the longest end of the key it begins with; 0 when shorter than <see cref="MinCutPart"/>.
    /// </summary>
    private static int LongestPart(ReadOnlySpan<char> text, string apiKey, bool start)
    {
        for (var n = Math.Min(text.Length, apiKey.Length - 1); n >= MinCutPart; n--)
        {
            var part = start ? apiKey.AsSpan(0, n) : apiKey.AsSpan(apiKey.Length - n);
            var edge = start ? text[^n..] : text[..n];
            if (edge.Equals(part, StringComparison.OrdinalIgnoreCase))
            {
                return n;
            }
        }

        return 0;
    }
}
