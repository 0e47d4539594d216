using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Frames;

/// <summary>Where a value of the long (tidy) table comes from.</summary>
public enum MetricSource
{
    /// <summary>A field the schema declares (<see cref="ChannelDescriptor.Metrics"/>).</summary>
    Field,

    /// <summary>A metric computed from other metrics (<see cref="ChannelDescriptor.DerivedMetrics"/>, e.g. push <c>deliveries</c>).</summary>
    Derived,

    /// <summary>A field matched by a pattern (<see cref="ChannelDescriptor.DynamicMetrics"/>, e.g. <c>notif_button_1_Buy_click</c>); always a count.</summary>
    Dynamic,
}

/// <summary>One day of one campaign, tagged with the campaign id.</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Day">The day's statistics (of the catalogue's day type).</param>
public sealed record CampaignDay(string CampaignId, IDailyDataPoint Day)
{
    /// <summary>The calendar day.</summary>
    public LocalDate Date => Day.Time;

    /// <summary>The campaign and day printed by the record's ToString, culture-independent (dates yyyy-MM-dd); the day's statistics are left out.</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(builder, (nameof(CampaignId), CampaignId), (nameof(Date), Date));
}

/// <summary>
/// One element of a known channel on one day of one campaign: the statistics of one variation (or of the
/// control group). The typed row behind the wide frames and the rates.
/// </summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Date">The calendar day.</param>
/// <param name="Channel">The channel the element belongs to.</param>
/// <param name="Element">The element, of the channel's <see cref="ChannelDescriptor.VariationType"/>.</param>
public sealed record VariationDay(string CampaignId, LocalDate Date, ChannelDescriptor Channel, IVariation Element)
{
    /// <summary>The element's <c>variation_api_id</c>, or null.</summary>
    public string? VariationApiId => Element.VariationApiId;

    /// <summary>The element's <c>variation_name</c>, or null.</summary>
    public string? VariationName => Element.VariationName;

    /// <summary>The variation key (see <see cref="Variations.KeyOf(IVariation)"/>).</summary>
    public string VariationKey => Variations.KeyOf(Element);

    /// <summary>True for the control group's element (<see cref="ChannelCatalogue.IsControlGroup(IVariation)"/> of the data set's catalogue, which sets it).</summary>
    public bool IsControl { get; init; }

    /// <summary>The row printed by the record's ToString, culture-independent (dates yyyy-MM-dd); the element's statistics are left out.</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(Date), Date),
            (nameof(Channel), Channel),
            (nameof(VariationApiId), VariationApiId),
            (nameof(VariationName), VariationName),
            (nameof(VariationKey), VariationKey),
            (nameof(IsControl), IsControl));
}

/// <summary>One value actually reported for a variation on a day: a row of the long (tidy) table.</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Date">The calendar day.</param>
/// <param name="Channel">The channel key, e.g. <c>email</c>.</param>
/// <param name="VariationApiId">The element's <c>variation_api_id</c>, or null.</param>
/// <param name="VariationName">The element's <c>variation_name</c>, or null.</param>
/// <param name="Metric">The metric name: the JSON field name, the derived metric's name, or the dynamic field's full name.</param>
/// <param name="Value">The value (counts converted to double, exact up to 2^53; amounts such as revenue in US dollars).</param>
/// <param name="Kind">Whether the value is a count or an amount.</param>
/// <param name="Source">Whether the value was read from a declared field, derived, or read from a pattern-matched field.</param>
public sealed record MetricValue(
    string CampaignId,
    LocalDate Date,
    string Channel,
    string? VariationApiId,
    string? VariationName,
    string Metric,
    double Value,
    MetricKind Kind,
    MetricSource Source)
{
    /// <summary>True when the value is computed from other metrics (<see cref="MetricSource.Derived"/>).</summary>
    public bool IsDerived => Source == MetricSource.Derived;

    /// <summary>The row printed by the record's ToString, culture-independent (dates yyyy-MM-dd, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(Date), Date),
            (nameof(Channel), Channel),
            (nameof(VariationApiId), VariationApiId),
            (nameof(VariationName), VariationName),
            (nameof(Metric), Metric),
            (nameof(Value), Value),
            (nameof(Kind), Kind),
            (nameof(Source), Source));
}

/// <summary>One top-level day value actually reported for a campaign (<see cref="ChannelCatalogue.DailyMetrics"/>).</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Date">The calendar day.</param>
/// <param name="Metric">The metric name, e.g. <c>unique_recipients</c>.</param>
/// <param name="Value">The value (counts converted to double).</param>
/// <param name="Kind">Whether the value is a count or an amount.</param>
public sealed record DailyMetricValue(string CampaignId, LocalDate Date, string Metric, double Value, MetricKind Kind)
{
    /// <summary>The row printed by the record's ToString, culture-independent (dates yyyy-MM-dd, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(Date), Date),
            (nameof(Metric), Metric),
            (nameof(Value), Value),
            (nameof(Kind), Kind));
}

/// <summary>A channel key the catalogue does not know, seen on a day: kept, reported, not analysed.</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Date">The calendar day.</param>
/// <param name="ChannelKey">The channel key as sent, e.g. <c>line</c>.</param>
/// <param name="Json">The channel's raw JSON value.</param>
public sealed record UnknownChannel(string CampaignId, LocalDate Date, string ChannelKey, string Json)
{
    /// <summary>The row printed by the record's ToString, culture-independent.</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(builder, (nameof(CampaignId), CampaignId), (nameof(Date), Date), (nameof(ChannelKey), ChannelKey), (nameof(Json), Json));
}

/// <summary>A field the schema does not declare, seen on a known channel's element or on a day: kept, reported, not analysed.</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Date">The calendar day.</param>
/// <param name="Channel">The channel key, or null for a field of the day itself.</param>
/// <param name="VariationApiId">The element's <c>variation_api_id</c>, or null.</param>
/// <param name="VariationName">The element's <c>variation_name</c>, or null.</param>
/// <param name="FieldName">The field name as sent.</param>
/// <param name="Json">The field's raw JSON value.</param>
public sealed record UnknownField(string CampaignId, LocalDate Date, string? Channel, string? VariationApiId, string? VariationName, string FieldName, string Json)
{
    /// <summary>The row printed by the record's ToString, culture-independent.</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(Date), Date),
            (nameof(Channel), Channel),
            (nameof(VariationApiId), VariationApiId),
            (nameof(VariationName), VariationName),
            (nameof(FieldName), FieldName),
            (nameof(Json), Json));
}
