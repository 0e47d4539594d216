using CampaignAnalytics.Invariant;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Rates;

/// <summary>
/// A rate over one group and period: the sum of numerators over the sum of denominators of the rows counted
/// (rows carrying both). A key the grouping sums over is null.
/// </summary>
/// <param name="PeriodStart">The first day of the period.</param>
/// <param name="PeriodEnd">The last day of the period (inclusive).</param>
/// <param name="CampaignId">The campaign id; null when campaigns are pooled.</param>
/// <param name="Channel">The channel key; null when channels are pooled or for a campaign-level (day total) rate.</param>
/// <param name="VariationApiId">The variation API id (the first one seen for the key); null when variations are pooled or it has none.</param>
/// <param name="VariationName">The variation name (the first one seen for the key); null when variations are pooled or it has none.</param>
/// <param name="Rate">The rate's name as declared in the schema, e.g. <c>UniqueClickRate</c>.</param>
/// <param name="Numerator">The sum of the numerator over the rows counted.</param>
/// <param name="Denominator">The sum of the denominator over the rows counted.</param>
/// <param name="Value">Numerator ÷ denominator as a fraction (0.25 is 25 %); null when the denominator sum is zero.</param>
public sealed record RateRow(
    LocalDate PeriodStart,
    LocalDate PeriodEnd,
    string? CampaignId,
    string? Channel,
    string? VariationApiId,
    string? VariationName,
    string Rate,
    double Numerator,
    double Denominator,
    double? Value)
{
    /// <summary>The period as an interval.</summary>
    public DateInterval Period => new(PeriodStart, PeriodEnd);

    /// <summary>
    /// The first day on which an element summed into this row has more of the rate's numerator than of its
    /// denominator although the rate is a proportion (<see cref="RateDescriptor{TModel}.IsProportion"/>: more unique
    /// clicks than deliveries cannot be right); null when there is none. <see cref="Value"/> is then null instead of a
    /// number computed from impossible counts.
    /// </summary>
    public LocalDate? ExceedingDay { get; init; }

    /// <summary>
    /// The conversion event the rate counts (e.g. <c>Purchase of "Feline Body Armor"</c> for a rate of <c>conversions</c>),
    /// when the data set's labels know the campaign's events (<see cref="Frames.CampaignDataSet.WithLabels"/>); null otherwise.
    /// </summary>
    public string? ConversionEvent { get; init; }

    /// <summary>True when <see cref="ExceedingDay"/> is set: the row sums counts that cannot be right and has no value.</summary>
    public bool ExceedsDenominator => ExceedingDay is not null;

    /// <summary>
    /// How many days of <see cref="Period"/> had a row counted towards this rate (set by <see cref="CampaignRates"/>;
    /// 0 for a row built without it). Fewer than the period's length: the rate covers only those days.
    /// </summary>
    public int DaysCounted { get; init; }

    /// <summary>
    /// True when <see cref="DaysCounted"/> is below the number of days in <see cref="Period"/>: the period is labelled
    /// by its full calendar dates (a whole ISO week, a whole month) but the data lacks some of its days, at the edges
    /// of the data or window or inside it. The rate is the rate of the days present, never scaled up.
    /// </summary>
    public bool IsPartial => DaysCounted < Period.Length;

    /// <summary>True for the control group's row (<see cref="ChannelCatalogue.IsControlGroup(string)"/> of the variation name; set by <see cref="CampaignRates"/>).</summary>
    public bool IsControl { get; init; }

    /// <summary>The row printed by the record's ToString, culture-independent (dates yyyy-MM-dd, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Period), Period),
            (nameof(CampaignId), CampaignId),
            (nameof(Channel), Channel),
            (nameof(VariationApiId), VariationApiId),
            (nameof(VariationName), VariationName),
            (nameof(Rate), Rate),
            (nameof(Numerator), Numerator),
            (nameof(Denominator), Denominator),
            (nameof(Value), Value),
            (nameof(DaysCounted), DaysCounted));
}

/// <summary>Rate rows as a DataFrame.</summary>
public static class RateFrames
{
    /// <summary>
    /// The rows as a frame: <c>period_start, period_end</c> (<c>yyyy-MM-dd</c> strings), <c>campaign_id, channel,
    /// variation_api_id, variation_name, rate</c> (strings, null where pooled), <c>numerator, denominator</c> (double),
    /// <c>value</c> (double, null where the denominator sum is zero), <c>days</c> (Int64, <see cref="RateRow.DaysCounted"/>),
    /// <c>partial</c> (bool, <see cref="RateRow.IsPartial"/>).
    /// </summary>
    /// <param name="rows">The rows. Invalid: null.</param>
    public static DataFrame ToDataFrame(this IEnumerable<RateRow> rows)
    {
        System.ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<RateRow> ?? new List<RateRow>(rows);
        var dates = new ColumnFactory.DateTexts();
        return new DataFrame(
            ColumnFactory.String(ColumnNames.PeriodStart, list, r => dates.Of(r.PeriodStart)),
            ColumnFactory.String(ColumnNames.PeriodEnd, list, r => dates.Of(r.PeriodEnd)),
            ColumnFactory.String(ColumnNames.CampaignId, list, r => r.CampaignId),
            ColumnFactory.String(ColumnNames.Channel, list, r => r.Channel),
            ColumnFactory.String(ColumnNames.VariationApiId, list, r => r.VariationApiId),
            ColumnFactory.String(ColumnNames.VariationName, list, r => r.VariationName),
            ColumnFactory.String(ColumnNames.Rate, list, r => r.Rate),
            ColumnFactory.Double(ColumnNames.Numerator, list, r => r.Numerator),
            ColumnFactory.Double(ColumnNames.Denominator, list, r => r.Denominator),
            ColumnFactory.Double(ColumnNames.Value, list, r => r.Value),
            ColumnFactory.Int64(ColumnNames.Days, list, r => r.DaysCounted),
            ColumnFactory.Boolean(ColumnNames.Partial, list, r => r.IsPartial));
    }
}
