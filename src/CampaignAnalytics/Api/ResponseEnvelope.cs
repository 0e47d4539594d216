using System;
using System.Text.Json;
using CampaignAnalytics.Catalogue;

namespace CampaignAnalytics.Api;

/// <summary>
/// Tells data from Braze's error envelope. Braze may answer with a successful HTTP status and a body such as
/// <c>{"message":"Invalid campaign_id"}</c>: it parses as a response without days, which must not be taken for a
/// campaign without data. A response is data only when its <c>message</c> is <c>success</c> and it has a
/// <c>data</c> array. Reusable wherever a response is read (API bodies, response files).
/// </summary>
internal static class ResponseEnvelope
{
    /// <summary>The <c>message</c> of a response that carries data.</summary>
    internal const string Success = "success";

    /// <summary>The most characters of Braze's <c>message</c> quoted in an error.</summary>
    internal const int MaxQuotedMessage = 200;

    /// <summary>
    /// Why a parsed response is not data, as the end of a sentence (<c>Braze said: "Invalid campaign_id"</c>, or
    /// <c>message "success" but no data</c>); null when its <c>message</c> is <c>success</c> and it has a
    /// <c>data</c> array. Braze's message is quoted at most <see cref="MaxQuotedMessage"/> characters long, with the
    /// key masked.
    /// </summary>
    /// <param name="response">The parsed response.</param>
    /// <param name="utf8Json">The body it was parsed from (read again only when the response has no days).</param>
    /// <param name="apiKey">The key to mask in Braze's message; null for none.</param>
    internal static string? Problem(IDataSeriesResponse response, ReadOnlySpan<byte> utf8Json, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!string.Equals(response.Message, Success, StringComparison.Ordinal))
        {
            return response.Message is null
                ? "no \"message\" and no data"
                : $"Braze said: \"{ApiKeyScrubber.ScrubAndCut(response.Message, apiKey, MaxQuotedMessage)}\"";
        }

        return response.Days.Count == 0 && !HasDataArray(utf8Json) ? "message \"success\" but no data" : null;
    }

    /// <summary>Whether the body is an object with a <c>data</c> array (the parser has accepted it already).</summary>
    private static bool HasDataArray(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data"u8);
                reader.Read();
                if (isData && reader.TokenType == JsonTokenType.StartArray)
                {
                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: no data.
        }

        return false;
    }
}
