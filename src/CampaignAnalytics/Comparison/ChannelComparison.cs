using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Statistics;
using CampaignAnalytics.Windows;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Comparison;

/// <summary>Options of <see cref="ChannelComparison.Compare(ChannelCatalogue, IEnumerable{IDailyDataPoint}, string, ChannelComparisonOptions?)"/>.</summary>
public sealed record ChannelComparisonOptions
{
    /// <summary>The options used when none are given.</summary>
    public static ChannelComparisonOptions Default { get; } = new();

    /// <summary>The rate to compare, by its schema name (case-insensitive); null means the catalogue's <see cref="ChannelCatalogue.DefaultRate"/> (the schema's <c>x-default-rate</c>).</summary>
    public string? Rate { get; init; }

    /// <summary>
    /// The arm to compare against, by variation API id or name; null means Braze's control group when the
    /// channel has one, else the first variation seen. <see cref="ChannelComparisonResult.BaselineSource"/> says which.
    /// </summary>
    public string? Control { get; init; }

    /// <summary>Only days inside this interval count; null means every day given.</summary>
    public DateInterval? Window { get; init; }

    /// <summary>
    /// Metrics measuring how many users each arm was assigned (for the sample-ratio-mismatch test), tried
    /// in order per element, e.g. <c>["sent", "enrolled"]</c>. Null means the channel's
    /// <see cref="ChannelDescriptor.ExposureMetrics"/> from the schema (<c>x-exposure</c>); empty means each arm's trials.
    /// One basis counts every arm: exposure when every arm reports one of these metrics on every day of the window,
    /// else the trials (the rate's denominator) when every arm reports both sides of the rate on every day, else the
    /// check is skipped (<see cref="SampleRatioBasis.None"/>); <see cref="ChannelComparisonResult.SampleRatioNote"/> says why.
    /// </summary>
    public IReadOnlyList<string>? ExposureMetrics { get; init; }

    /// <summary>Confidence level, alternative and intended split of the tests.</summary>
    public ComparisonOptions Statistics { get; init; } = ComparisonOptions.Default;

    /// <summary>
    /// The campaign's labels (from its details: <see cref="CampaignLabels.FromDetails"/>, or a
    /// <see cref="CampaignDataSet.Labels"/> entry); when they know its conversion events and the compared rate counts
    /// one, the result and its rows name it (<see cref="ChannelComparisonResult.ConversionEvent"/>). Null for none.
    /// </summary>
    public CampaignLabels? Labels { get; init; }
}

/// <summary>How the baseline of a <see cref="ChannelComparisonResult"/> (the arm every other arm is tested against) was chosen.</summary>
public enum BaselineSource
{
    /// <summary>Braze's control group of the channel: the default when the channel has one.</summary>
    ControlGroup = 0,

    /// <summary>The arm named by <see cref="ChannelComparisonOptions.Control"/>.</summary>
    Named = 1,

    /// <summary>
    /// The first variation seen, because the channel has no control group and none was named: the lifts and tests
    /// are against that variation, which nobody chose, so say so wherever the result is shown.
    /// </summary>
    FirstVariation = 2,
}

/// <summary>
/// One arm's identity in a <see cref="ChannelComparisonResult"/>, and what it reports over the window. Equality
/// compares <see cref="CarriedRates"/> element by element.
/// </summary>
/// <param name="Key">The arm's key: its API id, else its name.</param>
/// <param name="VariationApiId">The variation API id, when the elements carry one.</param>
/// <param name="VariationName">The variation name, when the elements carry one.</param>
/// <param name="IsControlGroup">True for Braze's control-group element.</param>
public sealed record ComparisonArm(string Key, string? VariationApiId, string? VariationName, bool IsControlGroup)
{
    /// <summary>The arm's elements inside the window (one per day, unless a day repeats the arm).</summary>
    public int Days { get; init; }

    /// <summary>Of <see cref="Days"/>, those reporting both metrics of the compared rate: the days its trials and successes sum.</summary>
    public int RateDays { get; init; }

    /// <summary>Of <see cref="Days"/>, those reporting the compared rate's denominator.</summary>
    public int DenominatorDays { get; init; }

    /// <summary>Of <see cref="Days"/>, those reporting one of the exposure metrics (for the sample-ratio check).</summary>
    public int ExposureDays { get; init; }

    /// <summary>
    /// The channel's rates of counts (those a comparison accepts), in schema order, whose two metrics the arm reports
    /// together on at least one day of the window: the rates it can be compared on. Walked from the catalogue.
    /// </summary>
    public IReadOnlyList<string> CarriedRates { get; init; } = Array.Empty<string>();

    /// <summary>A name for people: the variation name, else the key.</summary>
    public string DisplayName => VariationName ?? Key;

    /// <summary>Compares every property, <see cref="CarriedRates"/> element by element.</summary>
    /// <param name="other">The other arm.</param>
    public bool Equals(ComparisonArm? other) =>
        other is not null
        && Key == other.Key
        && VariationApiId == other.VariationApiId
        && VariationName == other.VariationName
        && IsControlGroup == other.IsControlGroup
        && Days == other.Days
        && RateDays == other.RateDays
        && DenominatorDays == other.DenominatorDays
        && ExposureDays == other.ExposureDays
        && RecordEquality.ListEquals(CarriedRates, other.CarriedRates);

    /// <summary>A hash consistent with <see cref="Equals(ComparisonArm?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(Key, VariationApiId, VariationName, IsControlGroup, HashCode.Combine(Days, RateDays, DenominatorDays, ExposureDays), RecordEquality.ListHash(CarriedRates));

    /// <summary>The arm printed by the record's ToString, culture-independent (lists as <c>[a, b]</c>).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Key), Key),
            (nameof(VariationApiId), VariationApiId),
            (nameof(VariationName), VariationName),
            (nameof(IsControlGroup), IsControlGroup),
            (nameof(Days), Days),
            (nameof(RateDays), RateDays),
            (nameof(DenominatorDays), DenominatorDays),
            (nameof(ExposureDays), ExposureDays),
            (nameof(CarriedRates), CarriedRates));
}

/// <summary>A variation comparison on one channel and rate over a window, with the statistics of every arm against the control.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Rate">The rate compared (numerator = successes, denominator = trials).</param>
/// <param name="Window">The days the comparison covers: the requested window, or the first to last day given; null when there were no days.</param>
/// <param name="DaysCounted">How many days inside the window carried the channel.</param>
/// <param name="Arms">The arms, in order of first appearance; parallel to <see cref="ComparisonResult.Rows"/>.</param>
/// <param name="Result">The statistics.</param>
/// <param name="BaselineSource">How <see cref="Control"/>, the baseline, was chosen: the control group, the named arm, or the
/// first variation of a channel without a control group.</param>
/// <param name="SampleRatioNote">
/// Why the sample-ratio check did not use exposure (<see cref="ComparisonResult.SampleRatioBasis"/> is then
/// <see cref="SampleRatioBasis.Trials"/>) or was skipped (<see cref="SampleRatioBasis.None"/>): which arm lacks which
/// counts on how many days. Null when it used exposure, when trials were asked for (empty
/// <see cref="ChannelComparisonOptions.ExposureMetrics"/>) and every arm has them, or with fewer than two arms.
/// </param>
public sealed record ChannelComparisonResult(
    string Channel,
    RateDescriptor<IVariation> Rate,
    DateInterval? Window,
    int DaysCounted,
    IReadOnlyList<ComparisonArm> Arms,
    ComparisonResult Result,
    BaselineSource BaselineSource,
    string? SampleRatioNote)
{
    /// <summary>The baseline every other arm is tested against (see <see cref="BaselineSource"/>), or null when there are no arms.</summary>
    public ComparisonArm? Control => Result.ControlIndex is int i ? Arms[i] : null;

    /// <summary>
    /// The conversion event the compared rate counts (e.g. event A, <c>Purchase of "Feline Body Armor"</c>, for a rate of
    /// <c>conversions</c>), when <see cref="ChannelComparisonOptions.Labels"/> know the campaign's events; null when
    /// unknown or when the rate counts no conversion. Every row of <see cref="Result"/> carries the same
    /// (<see cref="ComparisonRow.ConversionEvent"/>).
    /// </summary>
    public ConversionEvent? ConversionEvent { get; init; }

    /// <summary>
    /// The comparison as a DataFrame with columns <c>variation_api_id, variation_name, trials, successes, rate,
    /// ci_low, ci_high, lift, z, p_value, p_value_holm, prob_beat_control</c>; <c>lift</c> is the relative lift
    /// (a fraction), and the control row leaves the test columns null.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var rows = Result.Rows;
        return new DataFrame(
            ColumnFactory.String(ColumnNames.VariationApiId, Arms, a => a.VariationApiId),
            ColumnFactory.String(ColumnNames.VariationName, Arms, a => a.VariationName),
            ColumnFactory.Int64("trials", rows, r => r.Trials),
            ColumnFactory.Int64("successes", rows, r => r.Successes),
            ColumnFactory.Double("rate", rows, r => r.Rate),
            ColumnFactory.Double("ci_low", rows, r => r.RateLower),
            ColumnFactory.Double("ci_high", rows, r => r.RateUpper),
            ColumnFactory.Double("lift", rows, r => r.RelativeLift),
            ColumnFactory.Double("z", rows, r => r.ZStatistic),
            ColumnFactory.Double("p_value", rows, r => r.PValue),
            ColumnFactory.Double("p_value_holm", rows, r => r.AdjustedPValue),
            ColumnFactory.Double("prob_beat_control", rows, r => r.ProbabilityToBeatControl));
    }
}

/// <summary>
/// Compares the variations of one channel on one of its rates, summing numerators and denominators per
/// variation over the window first. Driven by the catalogue: any channel and rate the schema declares works.
/// </summary>
public static class ChannelComparison
{
    /// <summary>Compares the variations of a channel over the days of a response.</summary>
    /// <param name="catalogue">The catalogue of the response's schema.</param>
    /// <param name="response">The response.</param>
    /// <param name="channel">The channel key, e.g. <c>email</c>.</param>
    /// <param name="options">Rate, control, window and test options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The channel, rate, control or an exposure metric is unknown.</exception>
    /// <exception cref="CountOverflowException">An arm's sum of a count over the window exceeds <see cref="long.MaxValue"/>.</exception>
    /// <exception cref="CampaignDataException">The response is an error envelope (<see cref="ResponseStatus"/>), or a variation appears twice on a day.</exception>
    public static ChannelComparisonResult Compare(ChannelCatalogue catalogue, IDataSeriesResponse response, string channel, ChannelComparisonOptions? options = null)
    {
        ResponseStatus.ThrowIfNotSuccess(catalogue, response ?? throw new ArgumentNullException(nameof(response)));
        return Compare(catalogue, ChannelCatalogue.DaysOf(response), channel, options);
    }

    /// <summary>Compares the variations of a channel over some days (of one campaign).</summary>
    /// <param name="catalogue">The catalogue of the days' schema.</param>
    /// <param name="days">The days; those outside the window are skipped.</param>
    /// <param name="channel">The channel key, e.g. <c>email</c>.</param>
    /// <param name="options">Rate, control, window and test options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The channel, rate, control or an exposure metric is unknown.</exception>
    /// <exception cref="CountOverflowException">An arm's sum of a count over the window exceeds <see cref="long.MaxValue"/>.</exception>
    public static ChannelComparisonResult Compare(ChannelCatalogue catalogue, IEnumerable<IDailyDataPoint> days, string channel, ChannelComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(days);
        options ??= ChannelComparisonOptions.Default;
        var descriptor = catalogue.FindChannel(channel)
            ?? throw new ArgumentException($"Unknown channel '{channel}'. Known channels: {string.Join(", ", catalogue.Channels.Select(c => c.Key))}.", nameof(channel));
        var rateName = options.Rate ?? catalogue.DefaultRate;
        var rate = descriptor.FindRate(rateName)
            ?? throw new ArgumentException($"Channel '{descriptor.Key}' has no rate '{rateName}'. Its rates: {string.Join(", ", descriptor.Rates.Select(r => r.Name))}.", nameof(options));
        if (rate.Numerator.Kind != MetricKind.Count || rate.Denominator.Kind != MetricKind.Count)
        {
            throw new ArgumentException($"Rate '{rate.Name}' of channel '{descriptor.Key}' is not a ratio of counts, so it cannot be compared as a proportion.", nameof(options));
        }

        var exposure = options.ExposureMetrics is null
            ? descriptor.ExposureMetrics.ToArray()
            : options.ExposureMetrics
                .Select(name => descriptor.FindMetric(name)
                    ?? throw new ArgumentException($"Channel '{descriptor.Key}' has no metric '{name}'. Its metrics: {string.Join(", ", descriptor.Metrics.Concat(descriptor.DerivedMetrics).Select(m => m.Name))}.", nameof(options)))
                .ToArray();

        var arms = new List<ComparisonArm>();
        var sums = new List<ArmTally>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        LocalDate? first = null, last = null;
        var counted = 0;
        foreach (var day in days)
        {
            if (options.Window is { } window && !window.Contains(day.Time))
            {
                continue;
            }

            first = first is null || day.Time < first ? day.Time : first;
            last = last is null || day.Time > last ? day.Time : last;
            var elements = descriptor.GetVariations(day);
            CampaignDataException.ThrowIfVariationRepeats(null, day.Time, descriptor.Key, elements);
            if (elements.Count > 0)
            {
                counted++;
            }

            foreach (var element in elements)
            {
                var key = Variations.KeyOf(element);
                if (!index.TryGetValue(key, out var i))
                {
                    i = arms.Count;
                    index[key] = i;
                    arms.Add(new ComparisonArm(key, element.VariationApiId, element.VariationName, catalogue.IsControlGroup(element)));
                    sums.Add(new ArmTally(descriptor.Rates.Count));
                }

                var s = sums[i];
                s.Days++;
                var den = Count(rate.Denominator, element);
                if (den is not null)
                {
                    s.DenominatorDays++;
                }

                // A day counts towards the rate only when it reports both sides of it.
                if (Count(rate.Numerator, element) is long num && den is long d)
                {
                    if (!rate.Admits(num, d))
                    {
                        throw new CampaignDataException(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{descriptor.Key} / {element.VariationName ?? key} on {InvariantText.Iso(day.Time)}: {num} {rate.Numerator.Name} for {d} {rate.Denominator.Name}, but {rate.Name} is a proportion and cannot exceed 1; the input cannot be right, so nothing is tested."));
                    }

                    s.Successes = Add(s.Successes, num, rate.Numerator);
                    s.Trials = Add(s.Trials, d, rate.Denominator);
                    s.RateDays++;
                }

                foreach (var metric in exposure)
                {
                    if (Count(metric, element) is long ev)
                    {
                        s.Exposure = Add(s.Exposure, ev, metric);
                        s.ExposureDays++;
                        break;
                    }
                }

                for (var r = 0; r < s.Carried.Length; r++)
                {
                    s.Carried[r] |= Count(descriptor.Rates[r].Numerator, element) is not null && Count(descriptor.Rates[r].Denominator, element) is not null;
                }

                // Sums of counts are exact: one past long.MaxValue names the channel, arm, metric and days summed.
                long Add(long sum, long value, MetricDescriptor<IVariation> metric) =>
                    CountOverflowException.TryAdd(sum, value, out var total)
                        ? total
                        : throw new CountOverflowException(
                            descriptor.Key,
                            arms[i].VariationName ?? arms[i].Key,
                            metric.Name,
                            options.Window ?? new DateInterval(first.GetValueOrDefault(), last.GetValueOrDefault()));
            }
        }

        for (var i = 0; i < arms.Count; i++)
        {
            var s = sums[i];
            arms[i] = arms[i] with
            {
                Days = s.Days,
                RateDays = s.RateDays,
                DenominatorDays = s.DenominatorDays,
                ExposureDays = s.ExposureDays,
                CarriedRates = descriptor.Rates.Where((_, r) => s.Carried[r]).Select(r => r.Name).ToArray(),
            };
        }

        // The sample-ratio check counts every arm on one basis: exposure when every arm reports it on every day,
        // else the trials when every arm reports both sides of the rate on every day, else it is skipped.
        var useExposure = exposure.Length > 0 && sums.All(t => t.ExposureDays == t.Days);
        var checkSampleRatio = true;
        string? sampleRatioNote = null;
        if (!useExposure && arms.Count > 1)
        {
            var exposureGap = exposure.Length > 0
                ? ExposureGap(arms, sums, exposure)
                : options.ExposureMetrics is null ? $"channel '{descriptor.Key}' declares no exposure metric (x-exposure)" : null;
            var trialsGap = TrialsGap(arms, sums, rate);
            checkSampleRatio = trialsGap is null;
            sampleRatioNote = trialsGap is null ? exposureGap
                : exposureGap is null ? trialsGap
                : exposureGap + ", and " + trialsGap;
        }

        var armCounts = new ArmCounts[arms.Count];
        for (var i = 0; i < arms.Count; i++)
        {
            var s = sums[i];
            if (s.Successes > s.Trials)
            {
                var counts = $"variation '{arms[i].VariationName ?? arms[i].Key}' has {s.Successes} {rate.Numerator.Name} for {s.Trials} {rate.Denominator.Name}";
                if (rate.IsProportion)
                {
                    // The schema says the numerator counts a subset of the denominator: the data cannot be right.
                    throw new CampaignDataException(
                        $"{descriptor.Key}: {counts}, but {rate.Name} is a proportion and cannot exceed 1; the input cannot be right, so nothing is tested.");
                }

                // A ratio (total opens per delivery, conversions attributed to the day they happened) over this
                // window: a z-test or interval on it would be meaningless, so say so.
                throw new ArgumentException(
                    $"Rate '{rate.Name}' of channel '{descriptor.Key}' is not a proportion over this window: {counts}. Compare a rate whose numerator counts a subset of its denominator (for example a unique rate), or widen the window.",
                    nameof(options));
            }

            armCounts[i] = new ArmCounts(arms[i].Key, arms[i].VariationName, s.Trials, s.Successes, useExposure ? s.Exposure : null);
        }

        var (controlIndex, source) = FindControl(arms, options.Control, descriptor.Key);
        var result = VariationComparison.Compare(armCounts, controlIndex, options.Statistics, checkSampleRatio);
        var covered = options.Window ?? (first is LocalDate f && last is LocalDate l ? new DateInterval(f, l) : null);
        var measured = options.Labels is { } labels ? CampaignDetails.EventOf(labels.ConversionEvents, rate.Numerator.Name) : null;
        if (measured is not null)
        {
            result = result with { Rows = result.Rows.Select(r => r with { ConversionEvent = measured }).ToArray() };
        }

        return new ChannelComparisonResult(descriptor.Key, rate, covered, counted, arms, result, source, sampleRatioNote) { ConversionEvent = measured };
    }

    /// <summary>The first arm lacking exposure on some day, in words; null when every arm reports it every day.</summary>
    private static string? ExposureGap(List<ComparisonArm> arms, List<ArmTally> sums, MetricDescriptor<IVariation>[] exposure)
    {
        var i = sums.FindIndex(t => t.ExposureDays < t.Days);
        return i < 0
            ? null
            : Guard.Format($"'{arms[i].DisplayName}' reports no {string.Join(" or ", exposure.Select(m => m.Name))} on {sums[i].Days - sums[i].ExposureDays} of {sums[i].Days} days");
    }

    /// <summary>The first arm whose trials miss some day, in words; null when every arm reports both sides of the rate every day.</summary>
    private static string? TrialsGap(List<ComparisonArm> arms, List<ArmTally> sums, RateDescriptor<IVariation> rate)
    {
        var i = sums.FindIndex(t => t.RateDays < t.Days);
        return i < 0
            ? null
            : Guard.Format($"'{arms[i].DisplayName}' reports {rate.Numerator.Name} and {rate.Denominator.Name} on {sums[i].RateDays} of {sums[i].Days} days");
    }

    private static long? Count(MetricDescriptor<IVariation> metric, IVariation element) =>
        metric.Kind == MetricKind.Count ? metric.GetCount(element) : null;

    private static (int Index, BaselineSource Source) FindControl(List<ComparisonArm> arms, string? control, string channel)
    {
        if (control is not null)
        {
            if (arms.Count == 0)
            {
                return (0, BaselineSource.Named);
            }

            var i = arms.FindIndex(a => Variations.Matches(a.VariationApiId, a.VariationName, control));
            return i >= 0
                ? (i, BaselineSource.Named)
                : throw new ArgumentException($"No variation '{control}' in channel '{channel}'. Variations: {string.Join(", ", arms.Select(a => a.VariationName is null ? a.Key : $"{a.VariationName} ({a.Key})"))}.", nameof(control));
        }

        var group = arms.FindIndex(a => a.IsControlGroup);
        return group >= 0 ? (group, BaselineSource.ControlGroup) : (0, BaselineSource.FirstVariation);
    }

    /// <summary>One arm's sums and day counts over the window.</summary>
    private sealed class ArmTally(int rates)
    {
        internal long Trials;
        internal long Successes;
        internal long Exposure;
        internal int Days;
        internal int RateDays;
        internal int DenominatorDays;
        internal int ExposureDays;
        internal readonly bool[] Carried = new bool[rates];
    }
}
