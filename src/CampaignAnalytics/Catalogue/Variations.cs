using System;

namespace CampaignAnalytics.Catalogue;

/// <summary>How variation elements are identified: Braze conventions, in one place.</summary>
public static class Variations
{
    /// <summary>The name Braze gives the control-group element of a channel.</summary>
    public const string ControlGroupName = "Control Group";

    /// <summary>True when the element is Braze's control group (named "Control Group", case-insensitive).</summary>
    /// <param name="variation">The element.</param>
    public static bool IsControlGroup(IVariation variation) =>
        string.Equals(variation?.VariationName?.Trim(), ControlGroupName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The key that identifies a variation across days: its API id when it has one, else its name,
    /// else an empty string (an element with neither cannot be told apart from others).
    /// </summary>
    /// <param name="variation">The element.</param>
    public static string KeyOf(IVariation variation) =>
        variation.VariationApiId ?? variation.VariationName ?? string.Empty;

    /// <summary>True when <paramref name="keyOrName"/> names this element by API id or name (ordinal, case-insensitive).</summary>
    /// <param name="variation">The element.</param>
    /// <param name="keyOrName">An API id or a variation name.</param>
    public static bool Matches(IVariation variation, string keyOrName) =>
        string.Equals(variation.VariationApiId, keyOrName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(variation.VariationName, keyOrName, StringComparison.OrdinalIgnoreCase);
}
