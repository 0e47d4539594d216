using System;
using CampaignAnalytics.Catalogue;
using System.Collections.Generic;
using CampaignAnalytics.Frames;
using Microsoft.Data.Analysis;
using NodaTime;
using NodaTime.Text;

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

    /// <summary>True for the control group's row (see <see cref="Variations.IsControlGroup(string)"/>).</summary>
    public bool IsControl => Variations.IsControlGroup(VariationName);

    /// <summary>The row as text, culture-independent (dates yyyy-MM-dd, numbers round-trip).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"RateRow {{ Period = {LocalDatePattern.Iso.Format(PeriodStart)}..{LocalDatePattern.Iso.Format(PeriodEnd)}, CampaignId = {CampaignId}, Channel = {Channel}, VariationApiId = {VariationApiId}, VariationName = {VariationName}, Rate = {Rate}, Numerator = {Numerator:R}, Denominator = {Denominator:R}, Value = {Value:R} }}");
}

/// <summary>Rate rows as a DataFrame.</summary>
public static class RateFrames
{
    /// <summary>
    /// The rows as a frame: <c>period_start, period_end</c> (<c>yyyy-MM-dd</c> strings), <c>campaign_id, channel,
    /// variation_api_id, variation_name, rate</c> (strings, null where pooled), <c>numerator, denominator</c> (double),
    /// <c>value</c> (double, null where the denominator sum is zero).
    /// </summary>
    /// <param name="rows">The rows. Invalid: null.</param>
    public static DataFrame ToDataFrame(this IEnumerable<RateRow> rows)
    {
        System.ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<RateRow> ?? new List<RateRow>(rows);
        var n = list.Count;
        var start = new string?[n];
        var end = new string?[n];
        var campaign = new string?[n];
        var channel = new string?[n];
        var apiId = new string?[n];
        var name = new string?[n];
        var rate = new string?[n];
        var num = new PrimitiveColumnBuilder<double>(n);
        var den = new PrimitiveColumnBuilder<double>(n);
        var value = new PrimitiveColumnBuilder<double>(n);
        var dates = new ColumnFactory.DateTexts();
        for (var i = 0; i < n; i++)
        {
            var r = list[i];
            start[i] = dates.Of(r.PeriodStart);
            end[i] = dates.Of(r.PeriodEnd);
            campaign[i] = r.CampaignId;
            channel[i] = r.Channel;
            apiId[i] = r.VariationApiId;
            name[i] = r.VariationName;
            rate[i] = r.Rate;
            num.Set(i, r.Numerator);
            den.Set(i, r.Denominator);
            value.Set(i, r.Value);
        }

        return new DataFrame(
            ColumnFactory.String(ColumnNames.PeriodStart, start),
            ColumnFactory.String(ColumnNames.PeriodEnd, end),
            ColumnFactory.String(ColumnNames.CampaignId, campaign),
            ColumnFactory.String(ColumnNames.Channel, channel),
            ColumnFactory.String(ColumnNames.VariationApiId, apiId),
            ColumnFactory.String(ColumnNames.VariationName, name),
            ColumnFactory.String(ColumnNames.Rate, rate),
            ColumnFactory.Double(ColumnNames.Numerator, num),
            ColumnFactory.Double(ColumnNames.Denominator, den),
            ColumnFactory.Double(ColumnNames.Value, value));
    }
}
