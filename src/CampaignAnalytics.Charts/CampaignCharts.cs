using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Rates;
using NodaTime;
using ScottPlot;

namespace CampaignAnalytics.Charts;

/// <summary>
/// Charts of campaign analytics as ScottPlot plots, rendered offline to PNG (see <see cref="PlotImages"/>).
/// Every chart shows rates as percentages, labels dates as <c>yyyy-MM-dd</c> and formats numbers with the
/// invariant culture; the control group is drawn dashed and dark grey.
/// </summary>
/// <remarks>
/// Empty input is an error, not an empty picture: a chart of a channel or rate with nothing to draw throws an
/// <see cref="ArgumentException"/> that says what was asked for and what the data does have, because a blank
/// chart in a report reads as "the rate was zero".
/// </remarks>
public static class CampaignCharts
{
    private static readonly Color ControlColor = new(64, 64, 64);

    /// <summary>
    /// Daily rate lines, one per variation (control included), of one channel and rate: computed from the data
    /// with <see cref="CampaignRates.Compute"/> per day (<see cref="RatePeriod.Day"/>).
    /// </summary>
    /// <param name="data">The campaigns. Invalid: null; more than one campaign (chart one at a time).</param>
    /// <param name="channel">The channel key, e.g. <c>email</c>.</param>
    /// <param name="rate">The rate's schema name, e.g. <c>UniqueClickRate</c> (case-insensitive).</param>
    /// <exception cref="ArgumentException">The catalogue has no such channel or rate, or the data has no day with it.</exception>
    public static Plot DailyRates(CampaignDataSet data, string channel, string rate)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(rate);
        if (data.Campaigns.Count > 1)
        {
            throw new ArgumentException($"The data holds {data.Campaigns.Count} campaigns; chart one campaign at a time.", nameof(data));
        }

        var descriptor = data.Catalogue.FindChannel(channel)
            ?? throw new ArgumentException($"Unknown channel '{channel}'. Known channels: {string.Join(", ", data.Catalogue.Channels.Select(c => c.Key))}.", nameof(channel));
        var rateDescriptor = descriptor.FindRate(rate)
            ?? throw new ArgumentException($"Channel '{descriptor.Key}' has no rate '{rate}'. Its rates: {string.Join(", ", descriptor.Rates.Select(r => r.Name))}.", nameof(rate));
        var rows = CampaignRates.Compute(
            data,
            new RateGrouping(Period: RatePeriod.Day),
            (c, r) => ReferenceEquals(c, descriptor) && ReferenceEquals(r, rateDescriptor));
        if (!rows.Any(r => r.Value is not null))
        {
            throw new ArgumentException(
                $"Nothing to chart: no day has a {rateDescriptor.Name} for channel '{descriptor.Key}' (no element of the channel reported both "
                + $"{rateDescriptor.Numerator.Name} and a non-zero {rateDescriptor.Denominator.Name}). Channels with data: "
                + $"{string.Join(", ", data.ChannelsPresent.Where(c => data.ElementsOf(c).Count > 0).Select(c => c.Key))}.",
                nameof(channel));
        }

        return DailyRates(rows, descriptor.Key, rateDescriptor.Name, descriptor.DisplayName);
    }

    /// <summary>
    /// Daily rate lines, one per variation (control included), from rate rows computed per day, e.g.
    /// <c>CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Day))</c>. Rows of other channels and
    /// rates are ignored; a day whose denominator summed to zero has no point.
    /// </summary>
    /// <param name="rows">Rate rows of one campaign, one period per day. Invalid: null.</param>
    /// <param name="channel">The channel key, e.g. <c>email</c> (ordinal).</param>
    /// <param name="rate">The rate's schema name (case-insensitive).</param>
    /// <param name="channelDisplayName">The channel's name in the title; null for the key.</param>
    /// <exception cref="ArgumentException">No row of that channel and rate has a value; or the rows are not daily.</exception>
    public static Plot DailyRates(IEnumerable<RateRow> rows, string channel, string rate, string? channelDisplayName = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(rate);
        var all = rows as IReadOnlyList<RateRow> ?? rows.ToList();
        var selected = all
            .Where(r => string.Equals(r.Channel, channel, StringComparison.Ordinal)
                && string.Equals(r.Rate, rate, StringComparison.OrdinalIgnoreCase)
                && r.Value is not null)
            .ToList();
        if (selected.Count == 0)
        {
            var present = all.Where(r => r.Value is not null && r.Channel is not null)
                .Select(r => r.Channel + "." + r.Rate).Distinct(StringComparer.Ordinal).ToList();
            throw new ArgumentException(
                $"Nothing to chart: no day has a {rate} for channel '{channel}' (no element of the channel reported both of its counts). "
                + (present.Count == 0 ? "The rows hold no rate with a value at all." : $"Rows with values: {string.Join(", ", present)}."),
                nameof(rows));
        }

        if (selected.Any(r => r.PeriodStart != r.PeriodEnd))
        {
            throw new ArgumentException("The rows are not daily: compute them with RatePeriod.Day (new RateGrouping(Period: RatePeriod.Day)).", nameof(rows));
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var colorIndex = 0;
        // One line per variation, in first-seen order; the control group last so it draws on top.
        var groups = selected
            .GroupBy(r => Catalogue.Variations.KeyOf(r.VariationApiId, r.VariationName), StringComparer.Ordinal)
            .OrderBy(g => g.First().IsControl ? 1 : 0)
            .ToList();
        foreach (var group in groups)
        {
            var points = group.OrderBy(r => r.PeriodStart).ToList();
            var xs = points.Select(r => ToOADate(r.PeriodStart)).ToArray();
            var ys = points.Select(r => r.Value!.Value).ToArray();
            var first = points[0];
            var control = first.IsControl;
            var scatter = plot.Add.Scatter(xs, ys, control ? ControlColor : palette.GetColor(colorIndex++));
            scatter.LegendText = first.VariationName ?? first.VariationApiId ?? "(unnamed)";
            scatter.LineWidth = control ? 2.5f : 1.5f;
            scatter.MarkerSize = 3;
            if (control)
            {
                scatter.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        PercentTicks(plot.Axes.Left, selected.Max(r => r.Value!.Value) - selected.Min(r => r.Value!.Value));
        plot.Title($"{channelDisplayName ?? channel}: daily {rate}");
        plot.YLabel(rate);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// The rate of every arm of a comparison with its Wilson interval as an error bar; the control is drawn dark
    /// grey with a dashed reference line at its rate, so an interval clear of the line stands out.
    /// </summary>
    /// <param name="comparison">The comparison (see <see cref="ChannelComparison"/>). Invalid: null.</param>
    /// <exception cref="ArgumentException">No arm has a rate (no arms, or every arm had 0 trials).</exception>
    public static Plot ComparisonIntervals(ChannelComparisonResult comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var rows = comparison.Result.Rows;
        var drawable = Enumerable.Range(0, rows.Count).Where(i => rows[i].Rate is not null).ToList();
        if (drawable.Count == 0)
        {
            throw new ArgumentException(
                rows.Count == 0
                    ? $"Nothing to chart: channel '{comparison.Channel}' has no variation in the window."
                    : $"Nothing to chart: no arm of channel '{comparison.Channel}' has a {comparison.Rate.Name} ({comparison.Rate.Denominator.Name} summed to 0 for every arm).",
                nameof(comparison));
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var positions = new double[drawable.Count];
        var labels = new string[drawable.Count];
        double low = double.MaxValue, high = double.MinValue;
        for (var p = 0; p < drawable.Count; p++)
        {
            var i = drawable[p];
            var row = rows[i];
            var arm = comparison.Arms[i];
            var rate = row.Rate!.Value;
            var lower = row.RateLower ?? rate;
            var upper = row.RateUpper ?? rate;
            low = Math.Min(low, lower);
            high = Math.Max(high, upper);
            var color = row.IsControl ? ControlColor : palette.GetColor(p);
            var bar = plot.Add.ErrorBar(new[] { (double)p }, new[] { rate }, new[] { 0.0 });
            bar.YErrorPositive = new[] { upper - rate };
            bar.YErrorNegative = new[] { rate - lower };
            bar.Color = color;
            bar.LineWidth = row.IsControl ? 2.5f : 1.5f;
            plot.Add.Markers(new[] { (double)p }, new[] { rate }, MarkerShape.FilledCircle, row.IsControl ? 9 : 7, color);
            positions[p] = p;
            labels[p] = (arm.VariationName ?? arm.Key) + (row.IsControl ? " (control)" : string.Empty);
            if (row.IsControl)
            {
                plot.Add.HorizontalLine(rate, 1, ControlColor, LinePattern.Dashed);
            }
        }

        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.SetLimitsX(-0.5, drawable.Count - 0.5);
        PercentTicks(plot.Axes.Left, high - low);
        plot.Title($"{comparison.Channel}: {comparison.Rate.Name} per arm, Wilson intervals");
        plot.YLabel(comparison.Rate.Name);
        return plot;
    }

    private static void PercentTicks(ScottPlot.IAxis axis, double span)
    {
        var format = span < 0.001 ? "0.000%" : span < 0.05 ? "0.00%" : "0.0%";
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString(format, CultureInfo.InvariantCulture),
        };
    }

    private static double ToOADate(LocalDate date) => date.ToDateTimeUnspecified().ToOADate();
}
