using CampaignAnalytics.Invariant;
using System;
using System.Globalization;
using NodaTime;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// Parsed data that cannot be right as a whole, though every value in it is well formed: the same variation twice
/// in one channel on one day, or a response whose status says the export failed. Thrown instead of summing or
/// reporting it as if it were fine.
/// </summary>
public sealed class CampaignDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where, in one line.</param>
    public CampaignDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where, in one line.</param>
    /// <param name="inner">The exception that caused it.</param>
    public CampaignDataException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message (for serializers and mocks).</summary>
    public CampaignDataException()
    {
    }

    /// <summary>
    /// Fails when a variation appears twice in one channel on one day (elements without an id or a name are not
    /// compared): summing the two would report one variation with counts it never had.
    /// </summary>
    /// <param name="campaignId">The campaign, for the message; null when unknown.</param>
    /// <param name="date">The day.</param>
    /// <param name="channel">The channel's key.</param>
    /// <param name="elements">The channel's elements on that day.</param>
    /// <exception cref="CampaignDataException">A variation appears twice.</exception>
    public static void ThrowIfVariationRepeats(string? campaignId, LocalDate date, string channel, System.Collections.Generic.IReadOnlyList<IVariation> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        for (var i = 1; i < elements.Count; i++)
        {
            var key = Variations.KeyOf(elements[i]);
            if (key.Length == 0)
            {
                continue;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(key, Variations.KeyOf(elements[j]), StringComparison.Ordinal))
                {
                    var campaign = campaignId is null ? string.Empty : "campaign '" + campaignId + "': ";
                    throw new CampaignDataException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{campaign}{channel} on {InvariantText.Iso(date)} lists variation '{Serialization.JsonReadHelpers.Truncate(key)}' twice (elements {j} and {i}); the input cannot be right, so nothing is summed."));
                }
            }
        }
    }
}
