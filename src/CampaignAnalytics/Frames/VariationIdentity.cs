using System;
using CampaignAnalytics.Catalogue;

namespace CampaignAnalytics.Frames;

/// <summary>
/// How a variation element is identified across days and how the control element is recognised.
/// </summary>
/// <remarks>
/// The key is <c>variation_api_id</c> when the element carries one, else <c>variation_name</c>
/// (multivariate in-app messages carry only names), else the empty string. The control element is the
/// one named <see cref="ControlGroupName"/>, compared case-insensitively (ordinal).
/// </remarks>
public static class VariationIdentity
{
    /// <summary>The name Braze gives the control element of a channel: <c>Control Group</c>.</summary>
    public const string ControlGroupName = "Control Group";

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

    /// <summary>True when the name is the control group's (<see cref="ControlGroupName"/>, case-insensitive).</summary>
    /// <param name="variationName">A <c>variation_name</c>, or null (not the control).</param>
    public static bool IsControl(string? variationName) =>
        variationName is not null && string.Equals(variationName.Trim(), ControlGroupName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the element is the control group's.</summary>
    /// <param name="variation">The element. Invalid: null.</param>
    public static bool IsControl(IVariation variation)
    {
        ArgumentNullException.ThrowIfNull(variation);
        return IsControl(variation.VariationName);
    }
}
