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
/// <remarks>The members are named as the generated day names them for the bundled schema (JSON <c>time</c> and <c>messages</c>).</remarks>
public interface IDailyDataPoint : IJsonModel
{
    /// <summary>The calendar day the statistics cover (JSON <c>time</c>).</summary>
    LocalDate Time { get; }

    /// <summary>The per-channel statistics, or null when the day carries no <c>messages</c> object.</summary>
    IChannelMessages? Messages { get; }
}

/// <summary>A whole response of <c>GET /campaigns/data_series</c>.</summary>
/// <remarks>The members are named as the generated response names them for the bundled schema (JSON <c>message</c> and <c>data</c>).</remarks>
public interface IDataSeriesResponse : IJsonModel
{
    /// <summary>The status message: "success" when the export completed.</summary>
    string? Message { get; }

    /// <summary>The days of the series, in the order received; null when the response carries no <c>data</c> array (an error body).</summary>
    IReadOnlyList<IDailyDataPoint>? Data { get; }
}

/// <summary>A whole response of <c>GET /campaigns/data_series</c> whose days are of a known type (the generated day record).</summary>
/// <typeparam name="TDay">The day type.</typeparam>
public interface IDataSeriesResponse<out TDay> : IDataSeriesResponse
    where TDay : class, IDailyDataPoint
{
    /// <summary>The days of the series, in the order received; null when the response carries no <c>data</c> array (an error body).</summary>
    new IReadOnlyList<TDay>? Data { get; }
}
