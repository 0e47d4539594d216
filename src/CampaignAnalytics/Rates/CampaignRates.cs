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
    /// <param name="includeRate">Keeps only the rates it accepts (given the channel and the rate); null for all. Asked once per channel and rate.</param>
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
            var elements = data.ElementsOf(channel);
            if (elements.Count == 0)
            {
                continue;
            }

            // The channel's rates that are kept, each with its index in a group's sums (by name: pooled channels share it).
            var rates = new List<(RateDescriptor<IVariation> Rate, int Id, bool Counts)>(channel.Rates.Count);
            foreach (var rate in channel.Rates)
            {
                if (includeRate is null || includeRate(channel, rate))
                {
                    rates.Add((rate, acc.RateId(rate.Name), rate.Numerator.Kind == MetricKind.Count && rate.Denominator.Kind == MetricKind.Count));
                }
            }

            if (rates.Count == 0)
            {
                continue;
            }

            var channelKey = grouping.ByChannel ? channel.Key : null;
            var channelOrder = grouping.ByChannel ? c : -1;
            foreach (var row in elements)
            {
                var element = row.Element;
                if (!grouping.IncludeControl && data.Catalogue.IsControlGroup(element))
                {
                    continue;
                }

                var key = grouping.ByVariation ? Variations.KeyOf(element) : null;
                var apiId = grouping.ByVariation ? element.VariationApiId : null;
                var name = grouping.ByVariation ? element.VariationName : null;
                var variation = grouping.ByVariation ? element.VariationName ?? key : null;

                // One group lookup per element (campaign, period, channel, variation), found at its first rate counted; the
                // day as a number once (NodaTime's comparisons go through the calendar each time).
                Slot? group = null;
                var day = row.Date.ToDateOnly().DayNumber;
                foreach (var (rate, id, counts) in rates)
                {
                    long countN = 0, countD = 0;
                    double valueN = 0, valueD = 0;
                    if (counts)
                    {
                        if (rate.Numerator.GetCount(element) is not { } n || rate.Denominator.GetCount(element) is not { } d)
                        {
                            continue;
                        }

                        (countN, countD) = (n, d);
                    }
                    else
                    {
                        if (rate.Numerator.GetValue(element) is not { } n || rate.Denominator.GetValue(element) is not { } d)
                        {
                            continue;
                        }

                        (valueN, valueD) = (n, d);
                    }

                    group ??= acc.GroupOf(row.CampaignId, row.Date, channelOrder, channelKey, key);
                    if (group is null)
                    {
                        break; // the day is in no period
                    }

                    var sums = acc.SumsOf(group, id, rate.Name, row.Date, day, apiId, name);
                    if (counts)
                    {
                        sums.AddCounts(rate, countN, countD, row.Date, channelKey, variation);
                    }
                    else
                    {
                        sums.AddValues(rate, valueN, valueD, row.Date);
                    }
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
                if (rate.Numerator.GetValue(day.Day) is not { } n || rate.Denominator.GetValue(day.Day) is not { } d
                    || acc.GroupOf(day.CampaignId, day.Date, -1, null, null) is not { } group)
                {
                    continue;
                }

                var sums = acc.SumsOf(group, acc.RateId(rate.Name), rate.Name, day.Date, day.Date.ToDateOnly().DayNumber, null, null);
                if (rate.Numerator.Kind == MetricKind.Count && rate.Denominator.Kind == MetricKind.Count)
                {
                    sums.AddCounts(rate, rate.Numerator.GetCount(day.Day).GetValueOrDefault(), rate.Denominator.GetCount(day.Day).GetValueOrDefault(), day.Date, null, null);
                }
                else
                {
                    sums.AddValues(rate, n, d, day.Date);
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

    /// <summary>
    /// Sums numerators and denominators per group: a <see cref="Slot"/> per campaign, period, channel and variation
    /// (found once per element), holding one <see cref="Sums"/> per rate name.
    /// </summary>
    private sealed class Accumulator
    {
        private readonly ChannelCatalogue _catalogue;
        private readonly Func<LocalDate, DateInterval?>? _periodOf;
        private readonly bool _byCampaign;
        private readonly Dictionary<SlotKey, Slot> _slots = new();
        private readonly Dictionary<string, int> _campaignOrder = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _variationOrder = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rateOrder = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rateIds = new(StringComparer.Ordinal);
        private LocalDate _lastDate;
        private DateInterval? _lastPeriod;
        private bool _hasLast;

        internal Accumulator(ChannelCatalogue catalogue, RatePeriod period, bool byCampaign)
        {
            _catalogue = catalogue;
            _periodOf = period.PeriodOf;
            _byCampaign = byCampaign;
        }

        /// <summary>The index of a rate name in every slot's sums (rates of the same name share it).</summary>
        internal int RateId(string rate)
        {
            if (!_rateIds.TryGetValue(rate, out var id))
            {
                id = _rateIds.Count;
                _rateIds.Add(rate, id);
            }

            return id;
        }

        /// <summary>The group of a row but its rate: null when the row is in no period.</summary>
        internal Slot? GroupOf(string campaignId, LocalDate date, int channelOrder, string? channel, string? variationKey)
        {
            LocalDate start = default, end = default;
            if (_periodOf is not null)
            {
                // Rows come day by day: the period of the day before is usually the one.
                if (!_hasLast || date != _lastDate)
                {
                    _lastPeriod = _periodOf(date);
                    _lastDate = date;
                    _hasLast = true;
                }

                if (_lastPeriod is not { } interval)
                {
                    return null;
                }

                start = interval.Start;
                end = interval.End;
            }

            var campaign = _byCampaign ? campaignId : null;
            var key = new SlotKey(campaign, start, channel, variationKey);
            if (!_slots.TryGetValue(key, out var slot))
            {
                slot = new Slot(campaign, channel, start, end, channelOrder)
                {
                    CampaignOrder = campaign is null ? 0 : OrderOf(_campaignOrder, campaign),
                    VariationOrder = variationKey is null ? 0 : OrderOf(_variationOrder, variationKey),
                };
                _slots.Add(key, slot);
            }

            return slot;
        }

        /// <summary>The sums of one rate of a group, its dates and names updated with the row's.</summary>
        internal Sums SumsOf(Slot slot, int rateId, string rate, LocalDate date, int day, string? apiId, string? name)
        {
            if (rateId >= slot.Rates.Length)
            {
                Array.Resize(ref slot.Rates, Math.Max(rateId + 1, _rateIds.Count));
            }

            var sums = slot.Rates[rateId];
            if (sums is null)
            {
                sums = new Sums(slot, rate)
                {
                    RateOrder = OrderOf(_rateOrder, rate),
                    First = date,
                    Last = date,
                    FirstDay = day,
                    LastDay = day,
                    WholeRange = _periodOf is null,
                };
                slot.Rates[rateId] = sums;
            }

            sums.Days.Add(day);
            sums.ApiId ??= apiId;
            sums.Name ??= name;
            if (day < sums.FirstDay)
            {
                (sums.First, sums.FirstDay) = (date, day);
            }

            if (day > sums.LastDay)
            {
                (sums.Last, sums.LastDay) = (date, day);
            }

            return sums;
        }

        internal IReadOnlyList<RateRow> Rows()
        {
            var entries = new List<Sums>();
            foreach (var slot in _slots.Values)
            {
                foreach (var sums in slot.Rates)
                {
                    if (sums is not null)
                    {
                        entries.Add(sums);
                    }
                }
            }

            // The keys are unique per group, so the order does not depend on the dictionary's.
            entries.Sort(static (x, y) =>
            {
                var cmp = x.Slot.CampaignOrder.CompareTo(y.Slot.CampaignOrder);
                if (cmp == 0)
                {
                    cmp = x.Slot.Start.CompareTo(y.Slot.Start);
                }

                if (cmp == 0)
                {
                    cmp = x.Slot.ChannelOrder.CompareTo(y.Slot.ChannelOrder);
                }

                if (cmp == 0)
                {
                    cmp = x.Slot.VariationOrder.CompareTo(y.Slot.VariationOrder);
                }

                return cmp == 0 ? x.RateOrder.CompareTo(y.RateOrder) : cmp;
            });

            var rows = new RateRow[entries.Count];
            var whole = _periodOf is null;
            for (var i = 0; i < rows.Length; i++)
            {
                var s = entries[i];
                rows[i] = new RateRow(
                    whole ? s.First : s.Slot.Start,
                    whole ? s.Last : s.Slot.End,
                    s.Slot.CampaignId,
                    s.Slot.Channel,
                    s.ApiId,
                    s.Name,
                    s.Rate,
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

    private readonly record struct SlotKey(string? CampaignId, LocalDate PeriodStart, string? Channel, string? VariationKey);

    /// <summary>One group but its rate (campaign, period, channel, variation; a key not grouped by is null): the sums of each rate.</summary>
    private sealed class Slot(string? campaignId, string? channel, LocalDate start, LocalDate end, int channelOrder)
    {
        internal string? CampaignId { get; } = campaignId;

        internal string? Channel { get; } = channel;

        internal LocalDate Start { get; } = start;

        internal LocalDate End { get; } = end;

        internal int ChannelOrder { get; } = channelOrder;

        internal int CampaignOrder { get; init; }

        internal int VariationOrder { get; init; }

        /// <summary>By rate id (<see cref="Accumulator.RateId"/>); null for a rate no row counted towards.</summary>
        internal Sums?[] Rates = Array.Empty<Sums?>();
    }

    /// <summary>The sums of one group, with what its rows had in common.</summary>
    private sealed class Sums(Slot slot, string rate)
    {
        internal readonly Slot Slot = slot;
        internal readonly string Rate = rate;
        internal RateSums Totals;
        internal LocalDate? ExceedingDay;
        internal bool WholeRange;
        internal string? ApiId;
        internal string? Name;
        internal int RateOrder;
        internal LocalDate First;
        internal LocalDate Last;

        // First and Last as day numbers (DateOnly.DayNumber), compared without the calendar.
        internal int FirstDay;
        internal int LastDay;

        // The distinct days counted: rows of several campaigns (pooled) or of one variation twice on a day share a date.
        internal DaySet Days;

        /// <summary>
        /// Adds one row's counts, summed exactly as integers. A sum past <see cref="long.MaxValue"/> throws
        /// <see cref="CountOverflowException"/> naming the channel, variation, metric and period.
        /// </summary>
        internal void AddCounts<TModel>(RateDescriptor<TModel> rate, long numerator, long denominator, LocalDate date, string? channel, string? variation)
            where TModel : class
        {
            Exceeds(rate, numerator, denominator, date);
            Totals = Totals.AddCounts(numerator, denominator, out var overflow);
            if (overflow != RateSums.Side.None)
            {
                var metric = overflow == RateSums.Side.Numerator ? rate.Numerator : rate.Denominator;
                throw new CountOverflowException(channel, variation, metric.Name, WholeRange ? new DateInterval(First, Last) : new DateInterval(Slot.Start, Slot.End));
            }
        }

        /// <summary>Adds one row's numerator and denominator as doubles (a side that is an amount).</summary>
        internal void AddValues<TModel>(RateDescriptor<TModel> rate, double numerator, double denominator, LocalDate date)
            where TModel : class
        {
            Exceeds(rate, numerator, denominator, date);
            Totals = Totals.Add(numerator, denominator);
        }

        // One element with more of a proportion's numerator than of its denominator cannot be right: the row
        // that sums it gets no rate (RateRow.ExceedsDenominator) rather than a plausible number.
        private void Exceeds<TModel>(RateDescriptor<TModel> rate, double numerator, double denominator, LocalDate date)
            where TModel : class
        {
            if (!rate.Admits(numerator, denominator) && (ExceedingDay is not { } seen || date < seen))
            {
                ExceedingDay = date;
            }
        }
    }

    /// <summary>
    /// A set of days without an allocation for the usual case: the 64 days from the first one added are bits of one
    /// word (a week or a month of rows in any order), any other day goes to a hash set.
    /// </summary>
    private struct DaySet
    {
        private int _origin;
        private ulong _bits;
        private HashSet<int>? _others;

        /// <summary>How many distinct days were added.</summary>
        internal int Count { get; private set; }

        /// <summary>Adds a day, by its day number (<see cref="DateOnly.DayNumber"/>).</summary>
        internal void Add(int day)
        {
            if (Count == 0)
            {
                _origin = day;
            }

            var offset = day - _origin;
            if (offset is >= 0 and < 64)
            {
                var bit = 1UL << offset;
                if ((_bits & bit) == 0)
                {
                    _bits |= bit;
                    Count++;
                }
            }
            else if ((_others ??= new HashSet<int>()).Add(day))
            {
                Count++;
            }
        }
    }
}
