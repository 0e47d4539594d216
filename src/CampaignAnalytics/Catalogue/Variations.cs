using System;

namespace CampaignAnalytics.Catalogue;

/// <summary>How a variation element is identified across days and matched by the user.</summary>
/// <remarks>
/// The key is <c>variation_api_id</c> when the element carries one, else <c>variation_name</c>
/// (multivariate in-app messages carry only names), else the empty string. The control element is the schema's
/// business: <see cref="ChannelCatalogue.IsControlGroup(IVariation)"/> (<c>x-control-name</c>).
/// </remarks>
public static class Variations
{
    /// <summary>The variation key: the API id when present, else the name, else the empty string.</summary>
    /// <param name="variationApiId">The element's <c>variation_api_id</c>, or null.</param>
    /// <param name="variationName">The element's <c>variation_name</c>, or null.</param>
    public static string KeyOf(string? variationApiId, string? variationName) =>
        variationApiId ?? variationName ?? string.Empty;

    /// <summary>The variation key of an element: its API id when present, else its name, else the empty string.</summary>
    /// <param name="variation">The element. Invalid: null.</param>
    public static string KeyOf(IVariation variation)
    {
        ArgumentNullException.ThrowIfNull(variation);
        return KeyOf(variation.VariationApiId, variation.VariationName);
    }

    /// <summary>True when <paramref name="keyOrName"/> names this element by API id or name (ordinal, case-insensitive).</summary>
    /// <param name="variation">The element. Invalid: null.</param>
    /// <param name="keyOrName">An API id or a variation name.</param>
    public static bool Matches(IVariation variation, string keyOrName)
    {
        ArgumentNullException.ThrowIfNull(variation);
        return Matches(variation.VariationApiId, variation.VariationName, keyOrName);
    }

    /// <summary>True when <paramref name="keyOrName"/> is the API id or the name (ordinal, case-insensitive).</summary>
    /// <param name="variationApiId">A <c>variation_api_id</c>, or null.</param>
    /// <param name="variationName">A <c>variation_name</c>, or null.</param>
    /// <param name="keyOrName">An API id or a variation name.</param>
    public static bool Matches(string? variationApiId, string? variationName, string keyOrName) =>
        string.Equals(variationApiId, keyOrName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(variationName, keyOrName, StringComparison.OrdinalIgnoreCase);
}
