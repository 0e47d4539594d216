using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Statistics;
using CampaignAnalytics.Windows;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Comparison;

/// <summary>Options of <see cref="ChannelComparison.Compare(ChannelCatalogue, IEnumerable{IDailyDataPoint}, string, ChannelComparisonOptions?)"/>.</summary>
public sealed record ChannelComparisonOptions
{
    /// <summary>The default rate compared: Braze's conversion rate (conversions / unique recipients), which the control group has too.</summary>
    public const string DefaultRate = "ConversionRate";

    /// <summary>The options used when none are given.</summary>
    public static ChannelComparisonOptions Default { get; } = new();

    /// <summary>The rate to compare, by its schema name (case-insensitive); null means <see cref="DefaultRate"/>.</summary>
    public string? Rate { get; init; }

    /// <summary>
    /// The arm to compare against, by variation API id or name; null means Braze's control group when the
    /// channel has one, else the first variation seen.
    /// </summary>
    public string? Control { get; init; }

    /// <summary>Only days inside this interval count; null means every day given.</summary>
    public DateInterval? Window { get; init; }

    /// <summary>
    /// Metrics measuring how many users each arm was assigned (for the sample-ratio-mismatch test), tried
    /// in order per element, e.g. <c>["sent", "enrolled"]</c>. Null means the channel's
    /// <see cref="ChannelDescriptor.ExposureMetrics"/> from the schema (<c>x-exposure</c>); empty means each arm's trials.
    /// </summary>
    public IReadOnlyList<string>? ExposureMetrics { get; init; }

    /// <summary>Confidence level, alternative and intended split of the tests.</summary>
    public ComparisonOptions Statistics { get; init; } = ComparisonOptions.Default;
}

/// <summary>One arm's identity in a <see cref="ChannelComparisonResult"/>.</summary>
/// <param name="Key">The arm's key: its API id, else its name.</param>
/// <param name="VariationApiId">The variation API id, when the elements carry one.</param>
/// <param name="VariationName">The variation name, when the elements carry one.</param>
/// <param name="IsControlGroup">True for Braze's control-group element.</param>
public sealed record ComparisonArm(string Key, string? VariationApiId, string? VariationName, bool IsControlGroup);

/// <summary>A variation comparison on one channel and rate over a window, with the statistics of every arm against the control.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Rate">The rate compared (numerator = successes, denominator = trials).</param>
/// <param name="Window">The days the comparison covers: the requested window, or the first to last day given; null when there were no days.</param>
/// <param name="DaysCounted">How many days inside the window carried the channel.</param>
/// <param name="Arms">The arms, in order of first appearance; parallel to <see cref="ComparisonResult.Rows"/>.</param>
/// <param name="Result">The statistics.</param>
public sealed record ChannelComparisonResult(
    string Channel,
    RateDescriptor<IVariation> Rate,
    DateInterval? Window,
    int DaysCounted,
    IReadOnlyList<ComparisonArm> Arms,
    ComparisonResult Result)
{
    /// <summary>The control arm, or null when there are no arms.</summary>
    public ComparisonArm? Control => Result.ControlIndex is int i ? Arms[i] : null;

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
    public static ChannelComparisonResult Compare(ChannelCatalogue catalogue, IDataSeriesResponse response, string channel, ChannelComparisonOptions? options = null) =>
        Compare(catalogue, (response ?? throw new ArgumentNullException(nameof(response))).Days, channel, options);

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
        var rateName = options.Rate ?? ChannelComparisonOptions.DefaultRate;
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
        var sums = new List<(long Trials, long Successes, long Exposure, bool HasExposure)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        LocalDate? first = null, last = null;
        var counted = 0;
        foreach (var day in days)
        {
            if (options.Window is { } window && !window.Contains(day.Date))
            {
                continue;
            }

            first = first is null || day.Date < first ? day.Date : first;
            last = last is null || day.Date > last ? day.Date : last;
            var elements = descriptor.GetVariations(day);
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
                    arms.Add(new ComparisonArm(key, element.VariationApiId, element.VariationName, Variations.IsControlGroup(element)));
                    sums.Add((0, 0, 0, true));
                }

                var s = sums[i];

                // A day counts towards the rate only when it reports both sides of it.
                if (Count(rate.Numerator, element) is long num && Count(rate.Denominator, element) is long den)
                {
                    s.Successes = Add(s.Successes, num, rate.Numerator);
                    s.Trials = Add(s.Trials, den, rate.Denominator);
                }

                foreach (var metric in exposure)
                {
                    if (Count(metric, element) is long ev)
                    {
                        s.Exposure = Add(s.Exposure, ev, metric);
                        break;
                    }
                }

                sums[i] = s;

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

        var armCounts = new ArmCounts[arms.Count];
        for (var i = 0; i < arms.Count; i++)
        {
            var s = sums[i];
            if (s.Successes > s.Trials)
            {
                // Not a proportion (total opens can exceed deliveries; conversions can be attributed to days
                // outside the window): a z-test or interval on it would be meaningless, so say so.
                throw new ArgumentException(
                    $"Rate '{rate.Name}' of channel '{descriptor.Key}' is not a proportion over this window: variation '{arms[i].VariationName ?? arms[i].Key}' has {s.Successes} {rate.Numerator.Name} for {s.Trials} {rate.Denominator.Name}. Compare a rate whose numerator counts a subset of its denominator (for example a unique rate), or widen the window.",
                    nameof(options));
            }

            armCounts[i] = new ArmCounts(arms[i].Key, arms[i].VariationName, s.Trials, s.Successes, exposure.Length > 0 ? s.Exposure : null);
        }

        var controlIndex = FindControl(arms, options.Control, descriptor.Key);
        var result = VariationComparison.Compare(armCounts, controlIndex, options.Statistics);
        var covered = options.Window ?? (first is LocalDate f && last is LocalDate l ? new DateInterval(f, l) : null);
        return new ChannelComparisonResult(descriptor.Key, rate, covered, counted, arms, result);
    }

    private static long? Count(MetricDescriptor<IVariation> metric, IVariation element) =>
        metric.Kind == MetricKind.Count ? metric.GetCount(element) : null;

    private static int FindControl(List<ComparisonArm> arms, string? control, string channel)
    {
        if (arms.Count == 0)
        {
            return 0;
        }

        if (control is not null)
        {
            var i = arms.FindIndex(a => Variations.Matches(a.VariationApiId, a.VariationName, control));
            return i >= 0
                ? i
                : throw new ArgumentException($"No variation '{control}' in channel '{channel}'. Variations: {string.Join(", ", arms.Select(a => a.VariationName is null ? a.Key : $"{a.VariationName} ({a.Key})"))}.", nameof(control));
        }

        var group = arms.FindIndex(a => a.IsControlGroup);
        return group >= 0 ? group : 0;
    }
}
