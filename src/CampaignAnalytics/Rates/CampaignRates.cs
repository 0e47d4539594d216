using System;
using System.Collections.Generic;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Rates;

/// <summary>
/// Every rate the schema declares, computed over any grouping as the sum of numerators over the sum of
/// denominators (never a mean of daily rates). Rates and their metrics come from the catalogue, so a channel or
/// rate added to the schema is computed with no code change.
/// </summary>
/// <remarks>
/// <para>Counting: a row (one element on one day) counts towards a rate only when it carries both the numerator
/// and the denominator; a row lacking either is left out of both sums (an absent count is not a zero). A group
/// with no row counted gives no <see cref="RateRow"/> at all (e.g. delivery rates of a control element, which has
/// no <c>sent</c>). A group whose denominators sum to zero gives a row with a null value: never an exception, never 0.</para>
/// <para>Derived metrics (e.g. push <c>deliveries</c>: <c>delivered</c> when reported, else sent − bounces) are read
/// through the catalogue's descriptors, per row, before summing.</para>
/// <para>Order of the result: campaigns in the order given, then period start, then channels in catalogue order,
/// then variations and rates in first-seen order.</para>
/// <para>Periods: a row is labelled by its full period (a whole ISO week, a whole calendar month), never clipped to the
/// data; <see cref="RateRow.DaysCounted"/> says how many of its days had a row counted and <see cref="RateRow.IsPartial"/>
/// whether that is fewer than the period has (at the edges of the data or inside it). For <see cref="RatePeriod.Whole"/>
/// the period is the group's first to last day counted.</para>
/// <para>Rows with the same variation key in one channel on one day are pooled (keys: see <see cref="Catalogue.Variations"/>).</para>
/// <para>Counts are summed exactly as integers: a sum past <see cref="long.MaxValue"/> throws
/// <see cref="CountOverflowException"/> naming the channel, variation, metric and period (never a silent switch to
/// floating point).</para>
/// </remarks>
public static class CampaignRates
{
    /// <summary>Every channel rate, grouped as asked.</summary>
    /// <param name="data">The campaigns. Invalid: null.</param>
    /// <param name="grouping">The grouping; null for <see cref="RateGrouping.PerVariation"/> over the whole range.</param>
    /// <param name="includeRate">Keeps only the rates it accepts (given the channel and the rate); null for all.</param>
    /// <exception cref="CountOverflowException">A group's sum of a count exceeds <see cref="long.MaxValue"/>.</exception>
    public static IReadOnlyList<RateRow> Compute(
        CampaignDataSet data,
        RateGrouping? grouping = null,
        Func<ChannelDescriptor, RateDescriptor<IVariation>, bool>? includeRate = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        grouping ??= RateGrouping.PerVariation;
        var channels = data.Catalogue.Channels;
        var acc = new Accumulator(data.Catalogue, grouping.EffectivePeriod, grouping.ByCampaign);
        for (var c = 0; c < channels.Count; c++)
        {
            var channel = channels[c];
            var rates = channel.Rates;
            foreach (var row in data.ElementsOf(channel))
            {
                var element = row.Element;
                if (!grouping.IncludeControl && data.Catalogue.IsControlGroup(element))
                {
                    continue;
                }

                var key = grouping.ByVariation ? Variations.KeyOf(element) : null;
                foreach (var rate in rates)
                {
                    if (includeRate is not null && !includeRate(channel, rate))
                    {
                        continue;
                    }

                    if (rate.Numerator.GetValue(element) is null || rate.Denominator.GetValue(element) is null)
                    {
                        continue;
                    }

                    var sums = acc.Group(
                        row.CampaignId,
                        row.Date,
                        grouping.ByChannel ? c : -1,
                        grouping.ByChannel ? channel.Key : null,
                        key,
                        grouping.ByVariation ? element.VariationApiId : null,
                        grouping.ByVariation ? element.VariationName : null,
                        rate.Name);
                    sums?.Add(rate, element, row.Date, grouping.ByChannel ? channel.Key : null, grouping.ByVariation ? element.VariationName ?? key : null);
                }
            }
        }

        return Labelled(data, acc.Rows());
    }

    /// <summary>The rows with the conversion event their rate counts, when the data set's labels know it.</summary>
    private static IReadOnlyList<RateRow> Labelled(CampaignDataSet data, IReadOnlyList<RateRow> rows)
    {
        if (data.Labels.Count == 0)
        {
            return rows;
        }

        var result = new RateRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var numerator = row.Channel is { } key ? data.Catalogue.FindChannel(key)?.FindRate(row.Rate)?.Numerator.Name : null;
            result[i] = data.ConversionEventOf(row.CampaignId, numerator) is { } measured ? row with { ConversionEvent = measured.Label } : row;
        }

        return result;
    }

    /// <summary>Every channel rate per row: campaign × channel × variation × day.</summary>
    /// <param name="data">The campaigns. Invalid: null.</param>
    /// <exception cref="CountOverflowException">A group's sum of a count exceeds <see cref="long.MaxValue"/>.</exception>
    public static IReadOnlyList<RateRow> PerRow(CampaignDataSet data) => Compute(data, RateGrouping.PerRow);

    /// <summary>
    /// The rates every channel declares (those of the common variation shape: today the conversion rate,
    /// conversions ÷ unique recipients), the ones to compare a variation against the control element with.
    /// </summary>
    /// <param name="data">The campaigns. Invalid: null.</param>
    /// <param name="grouping">The grouping; null for per campaign, channel and variation (control included) over the whole range.</param>
    /// <remarks>Unique recipients are unique per day: over several days the denominator counts a person once per day,
    /// exactly as Braze's own multi-day conversion rate does.</remarks>
    /// <exception cref="CountOverflowException">A group's sum of a count exceeds <see cref="long.MaxValue"/>.</exception>
    public static IReadOnlyList<RateRow> CommonRates(CampaignDataSet data, RateGrouping? grouping = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var common = new HashSet<string>(CommonRateNameSet(data.Catalogue), StringComparer.Ordinal);
        return Compute(data, grouping, (_, rate) => common.Contains(rate.Name));
    }

    /// <summary>The names of the rates every channel of the catalogue declares (ordinal), in the first channel's order.</summary>
    /// <param name="catalogue">The catalogue. Invalid: null.</param>
    public static IReadOnlyList<string> CommonRateNames(ChannelCatalogue catalogue) => CommonRateNameSet(catalogue);

    /// <summary>
    /// The campaign-level rates of the top-level day fields (<see cref="ChannelCatalogue.DailyRates"/>, e.g. the
    /// campaign's conversion rate); <see cref="RateRow.Channel"/> and the variation columns are null.
    /// </summary>
    /// <param name="data">The campaigns. Invalid: null.</param>
    /// <param name="period">The periods; null for <see cref="RatePeriod.Whole"/>.</param>
    /// <param name="byCampaign">Group by campaign (false pools all campaigns).</param>
    /// <exception cref="CountOverflowException">A group's sum of a count exceeds <see cref="long.MaxValue"/>.</exception>
    public static IReadOnlyList<RateRow> DailyTotals(CampaignDataSet data, RatePeriod? period = null, bool byCampaign = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var acc = new Accumulator(data.Catalogue, period ?? RatePeriod.Whole, byCampaign);
        var rates = data.Catalogue.DailyRates;
        foreach (var day in data.Days)
        {
            foreach (var rate in rates)
            {
                if (rate.Numerator.GetValue(day.Day) is not null && rate.Denominator.GetValue(day.Day) is not null)
                {
                    acc.Group(day.CampaignId, day.Date, -1, null, null, null, null, rate.Name)?.Add(rate, day.Day, day.Date, null, null);
                }
            }
        }

        return acc.Rows();
    }

    private static List<string> CommonRateNameSet(ChannelCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var result = new List<string>();
        var channels = catalogue.Channels;
        if (channels.Count == 0)
        {
            return result;
        }

        foreach (var rate in channels[0].Rates)
        {
            var everywhere = true;
            for (var c = 1; c < channels.Count && everywhere; c++)
            {
                everywhere = channels[c].FindRate(rate.Name) is { } other && string.Equals(other.Name, rate.Name, StringComparison.Ordinal);
            }

            if (everywhere)
            {
                result.Add(rate.Name);
            }
        }

        return result;
    }

    /// <summary>Sums numerators and denominators per group key.</summary>
    private sealed class Accumulator
    {
        private readonly ChannelCatalogue _catalogue;
        private readonly Func<LocalDate, DateInterval?>? _periodOf;
        private readonly bool _byCampaign;
        private readonly Dictionary<GroupKey, Sums> _groups = new();
        private readonly Dictionary<string, int> _campaignOrder = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _variationOrder = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rateOrder = new(StringComparer.Ordinal);

        internal Accumulator(ChannelCatalogue catalogue, RatePeriod period, bool byCampaign)
        {
            _catalogue = catalogue;
            _periodOf = period.PeriodOf;
            _byCampaign = byCampaign;
        }

        /// <summary>The sums of the group a row belongs to, its dates and names updated; null when the row is in no period.</summary>
        internal Sums? Group(string campaignId, LocalDate date, int channelOrder, string? channel, string? variationKey, string? apiId, string? name, string rate)
        {
            LocalDate start = default, end = default;
            if (_periodOf is not null)
            {
                if (_periodOf(date) is not { } interval)
                {
                    return null;
                }

                start = interval.Start;
                end = interval.End;
            }

            var campaign = _byCampaign ? campaignId : null;
            var key = new GroupKey(campaign, start, channel, variationKey, rate);
            if (!_groups.TryGetValue(key, out var sums))
            {
                sums = new Sums
                {
                    CampaignOrder = campaign is null ? 0 : OrderOf(_campaignOrder, campaign),
                    ChannelOrder = channelOrder,
                    VariationOrder = variationKey is null ? 0 : OrderOf(_variationOrder, variationKey),
                    RateOrder = OrderOf(_rateOrder, rate),
                    Start = start,
                    End = end,
                    First = date,
                    Last = date,
                    WholeRange = _periodOf is null,
                };
                _groups.Add(key, sums);
            }

            sums.Days.Add(date);
            sums.ApiId ??= apiId;
            sums.Name ??= name;
            if (date < sums.First)
            {
                sums.First = date;
            }

            if (date > sums.Last)
            {
                sums.Last = date;
            }

            return sums;
        }

        internal IReadOnlyList<RateRow> Rows()
        {
            var entries = new List<KeyValuePair<GroupKey, Sums>>(_groups);
            entries.Sort(static (a, b) =>
            {
                var x = a.Value;
                var y = b.Value;
                var cmp = x.CampaignOrder.CompareTo(y.CampaignOrder);
                if (cmp == 0)
                {
                    cmp = x.Start.CompareTo(y.Start);
                }

                if (cmp == 0)
                {
                    cmp = x.ChannelOrder.CompareTo(y.ChannelOrder);
                }

                if (cmp == 0)
                {
                    cmp = x.VariationOrder.CompareTo(y.VariationOrder);
                }

                return cmp == 0 ? x.RateOrder.CompareTo(y.RateOrder) : cmp;
            });

            var rows = new RateRow[entries.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                var (key, s) = (entries[i].Key, entries[i].Value);
                var whole = _periodOf is null;
                rows[i] = new RateRow(
                    whole ? s.First : s.Start,
                    whole ? s.Last : s.End,
                    key.CampaignId,
                    key.Channel,
                    s.ApiId,
                    s.Name,
                    key.Rate,
                    s.Totals.Numerator,
                    s.Totals.Denominator,
                    s.ExceedingDay is null ? s.Totals.Rate : null)
                {
                    ExceedingDay = s.ExceedingDay,
                    DaysCounted = s.Days.Count,
                    IsControl = _catalogue.IsControlGroup(s.Name),
                };
            }

            return rows;
        }

        private static int OrderOf(Dictionary<string, int> order, string value)
        {
            if (!order.TryGetValue(value, out var index))
            {
                index = order.Count;
                order.Add(value, index);
            }

            return index;
        }
    }

    private readonly record struct GroupKey(string? CampaignId, LocalDate PeriodStart, string? Channel, string? VariationKey, string Rate);

    /// <summary>The sums of one group, with what its rows had in common.</summary>
    private sealed class Sums
    {
        internal RateSums Totals;
        internal LocalDate? ExceedingDay;
        internal bool WholeRange;
        internal string? ApiId;
        internal string? Name;
        internal int CampaignOrder;
        internal int ChannelOrder;
        internal int VariationOrder;
        internal int RateOrder;
        internal LocalDate Start;
        internal LocalDate End;
        internal LocalDate First;
        internal LocalDate Last;

        // The distinct days counted: rows of several campaigns (pooled) or of one variation twice on a day share a date.
        internal readonly HashSet<LocalDate> Days = new();

        /// <summary>
        /// Adds one row's numerator and denominator (both present): counts exactly as integers, anything else as
        /// doubles. A sum of counts past <see cref="long.MaxValue"/> throws <see cref="CountOverflowException"/>
        /// naming the channel, variation, metric and period.
        /// </summary>
        internal void Add<TModel>(RateDescriptor<TModel> rate, TModel model, LocalDate date, string? channel, string? variation)
            where TModel : class
        {
            // One element with more of a proportion's numerator than of its denominator cannot be right: the row
            // that sums it gets no rate (RateRow.ExceedsDenominator) rather than a plausible number.
            if (!rate.Admits(rate.Numerator.GetValue(model).GetValueOrDefault(), rate.Denominator.GetValue(model).GetValueOrDefault())
                && (ExceedingDay is not { } seen || date < seen))
            {
                ExceedingDay = date;
            }

            if (rate.Numerator.Kind != MetricKind.Count || rate.Denominator.Kind != MetricKind.Count)
            {
                Totals = Totals.Add(rate.Numerator.GetValue(model).GetValueOrDefault(), rate.Denominator.GetValue(model).GetValueOrDefault());
                return;
            }

            Totals = Totals.AddCounts(rate.Numerator.GetCount(model).GetValueOrDefault(), rate.Denominator.GetCount(model).GetValueOrDefault(), out var overflow);
            if (overflow != RateSums.Side.None)
            {
                var metric = overflow == RateSums.Side.Numerator ? rate.Numerator : rate.Denominator;
                throw new CountOverflowException(channel, variation, metric.Name, WholeRange ? new DateInterval(First, Last) : new DateInterval(Start, End));
            }
        }
    }
}
