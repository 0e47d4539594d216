using System.Collections.Generic;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// A model generated from a schema: it keeps every field it did not recognise, so writing it back
/// out gives the data it was read from.
/// </summary>
public interface IJsonModel
{
    /// <summary>Fields present in the JSON that the schema does not declare, in the order read, as raw JSON.</summary>
    IReadOnlyList<RawJsonProperty> UnknownFields { get; }
}

/// <summary>One element of a channel array: the statistics of one variation (or of the control group) on one day.</summary>
public interface IVariation : IJsonModel
{
    /// <summary>The variation API identifier, when the element carries one.</summary>
    string? VariationApiId { get; }

    /// <summary>The variation name, when the element carries one (the control element is named "Control Group").</summary>
    string? VariationName { get; }
}

/// <summary>The per-channel container of one day.</summary>
public interface IChannelMessages : IJsonModel
{
    /// <summary>Channels the schema does not know, kept as raw JSON: the name is the channel key.</summary>
    IReadOnlyList<RawJsonProperty> UnknownChannels { get; }
}

/// <summary>The statistics of one campaign on one calendar day.</summary>
public interface IDailyDataPoint : IJsonModel
{
    /// <summary>The calendar day the statistics cover.</summary>
    LocalDate Date { get; }

    /// <summary>The per-channel statistics, or null when the day carries no <c>messages</c> object.</summary>
    IChannelMessages? Channels { get; }
}

/// <summary>A whole response of <c>GET /campaigns/data_series</c>.</summary>
public interface IDataSeriesResponse : IJsonModel
{
    /// <summary>The status message: "success" when the export completed.</summary>
    string? Message { get; }

    /// <summary>The days of the series, in the order received; empty when the response has no data.</summary>
    IReadOnlyList<IDailyDataPoint> Days { get; }

    /// <summary>Whether the response carried its array of days at all (an error body has none; <see cref="Days"/> is then empty).</summary>
    bool HasDays { get; }
}
