using System;
using System.Collections.Generic;
using System.Globalization;

namespace CampaignAnalytics.Models;

/// <summary>
/// One conversion event of a campaign (its <c>conversion_behaviors</c> entry), and the data-series fields that count it.
/// </summary>
/// <param name="Index">0 for Conversion Event A, 1 for B, and so on (the order of <c>conversion_behaviors</c>).</param>
/// <param name="Type">Braze's type text, e.g. <c>Makes Specific Purchase</c>; empty when Braze sent none.</param>
/// <param name="Label">The event for people, e.g. <c>Purchase of "Feline Body Armor"</c> or <c>Custom event "Used app"</c>.</param>
public sealed record ConversionEvent(int Index, string Type, string Label)
{
    /// <summary>The letter Braze's dashboard gives the event: A, B, C, D.</summary>
    public string Letter => ((char)('A' + Math.Min(Index, 25))).ToString();

    /// <summary>The data series' count of the event: <c>conversions</c> for A, <c>conversions1</c> for B, <c>conversions2</c>, <c>conversions3</c>.</summary>
    public string Field => Index == 0 ? "conversions" : "conversions" + Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same count attributed to the send's day: <see cref="Field"/> + <c>_by_send_time</c>.</summary>
    public string BySendTimeField => Field + "_by_send_time";
}

/// <summary>What a campaign's details (<c>GET /campaigns/details</c>) say about its data series.</summary>
public static class CampaignDetails
{
    /// <summary>
    /// The conversion events in order (A, B, C, D), each labelled: <c>Clicks email</c>, <c>Opens email</c>,
    /// <c>Any purchase</c>, <c>Purchase of "PRODUCT"</c>, <c>Custom event "NAME"</c>, <c>Upgrades app</c>,
    /// <c>Starts session</c>; a type this library does not know is labelled by its type text.
    /// </summary>
    /// <param name="details">The campaign's details.</param>
    public static IReadOnlyList<ConversionEvent> ConversionEvents(CampaignDetailsResponse details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var behaviors = details.ConversionBehaviors ?? Array.Empty<ConversionBehavior>();
        var events = new List<ConversionEvent>(behaviors.Count);
        for (var i = 0; i < behaviors.Count; i++)
        {
            events.Add(new ConversionEvent(i, behaviors[i].Type ?? string.Empty, Label(behaviors[i])));
        }

        return events;
    }

    /// <summary>The label of one conversion behaviour (see <see cref="ConversionEvents"/>).</summary>
    /// <param name="behavior">The behaviour.</param>
    public static string Label(ConversionBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        var type = behavior.Type?.Trim() ?? string.Empty;
        return type switch
        {
            "Clicks Email" => "Clicks email",
            "Opens Email" => "Opens email",
            "Makes Any Purchase" => "Any purchase",
            "Makes Specific Purchase" => behavior.Product is { Length: > 0 } product ? $"Purchase of \"{product}\"" : "Specific purchase",
            "Performs Custom Event" => behavior.CustomEventName is { Length: > 0 } name ? $"Custom event \"{name}\"" : "Custom event",
            "Upgrades App" => "Upgrades app",
            "Starts Session" => "Starts session",
            "" => "Conversion event (no type given)",
            _ => type,
        };
    }

    /// <summary>The control group's message variation id (the <c>messages</c> entry with <c>"type": "control"</c>), or null.</summary>
    /// <param name="details">The campaign's details.</param>
    public static string? ControlVariationId(CampaignDetailsResponse details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Messages is { } messages)
        {
            foreach (var (id, message) in messages)
            {
                if (string.Equals(message.Type, "control", StringComparison.OrdinalIgnoreCase))
                {
                    return id;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The conversion event a count of the data series measures: <c>conversions</c> and <c>conversions_by_send_time</c> give
    /// event A, <c>conversions1…</c> event B, and so on; null for another field or an event the campaign does not define.
    /// </summary>
    /// <param name="events">The campaign's events (<see cref="ConversionEvents"/>).</param>
    /// <param name="field">A data-series field, e.g. a rate's numerator.</param>
    public static ConversionEvent? EventOf(IReadOnlyList<ConversionEvent> events, string? field)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (field is null)
        {
            return null;
        }

        foreach (var e in events)
        {
            if (string.Equals(field, e.Field, StringComparison.Ordinal) || string.Equals(field, e.BySendTimeField, StringComparison.Ordinal))
            {
                return e;
            }
        }

        return null;
    }
}
