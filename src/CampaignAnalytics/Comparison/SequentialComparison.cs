using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Statistics;
using CampaignAnalytics.Windows;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Comparison;

/// <summary>
/// The minimum-data rules that turn a verdict into "not yet". Each rule is stated with its threshold wherever the
/// verdict is shown.
/// </summary>
public sealed record DecisionRules
{
    /// <summary>The default rules: 7 days, 30 successes per arm, a sequential sample-ratio p-value of 0.001.</summary>
    public static DecisionRules Default { get; } = new();

    /// <summary>The fewest days with data before any verdict (a week covers every weekday once); 7 by default.</summary>
    public int MinimumDays { get; init; } = 7;

    /// <summary>The fewest successes (the compared rate's numerator) every arm needs before any verdict; 30 by default.</summary>
    public long MinimumSuccessesPerArm { get; init; } = 30;

    /// <summary>
    /// The sequential sample-ratio p-value below which the split counts as broken (GrowthBook's default, 0.001):
    /// no verdict then, whatever the rates say.
    /// </summary>
    public double SampleRatioThreshold { get; init; } = 0.001;

    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(
            builder,
            (nameof(MinimumDays), MinimumDays),
            (nameof(MinimumSuccessesPerArm), MinimumSuccessesPerArm),
            (nameof(SampleRatioThreshold), SampleRatioThreshold));
}

/// <summary>Options of <see cref="SequentialComparison.Compare(ChannelCatalogue, IEnumerable{IDailyDataPoint}, string, SequentialComparisonOptions?)"/>.</summary>
public sealed record SequentialComparisonOptions
{
    /// <summary>The default options.</summary>
    public static SequentialComparisonOptions Default { get; } = new();

    /// <summary>
    /// Rate, baseline, window, exposure metrics, intended split and multiple-comparison adjustment, as for
    /// <see cref="ChannelComparison"/>.
    /// </summary>
    public ChannelComparisonOptions Comparison { get; init; } = ChannelComparisonOptions.Default;

    /// <summary>α and the tuning constant of the sequential tests (α also decides the verdict and the guardrails).</summary>
    public SequentialOptions Sequential { get; init; } = SequentialOptions.Default;

    /// <summary>The minimum-data rules of the verdict.</summary>
    public DecisionRules Rules { get; init; } = DecisionRules.Default;

    /// <summary>The relative lift the power plan is made for (0.05 = +5 %); positive.</summary>
    public double PlannedLift { get; init; } = 0.05;

    /// <summary>The power the plan asks for, strictly between α and 1; 0.8 by default.</summary>
    public double Power { get; init; } = 0.8;

    /// <summary>The Dirichlet concentration of the sequential sample-ratio check (<see cref="SequentialSampleRatio.DefaultConcentration"/>).</summary>
    public double SampleRatioConcentration { get; init; } = SequentialSampleRatio.DefaultConcentration;
}

/// <summary>
/// One arm on one day of a sequential comparison: cumulative counts from the first day up to and including
/// <paramref name="Date"/>, and the tests against the baseline on those counts. Fractions, never percentages.
/// </summary>
/// <param name="Date">The last day counted.</param>
/// <param name="ArmIndex">The arm's index in <see cref="ChannelComparisonResult.Arms"/> of <see cref="SequentialComparisonResult.Final"/>.</param>
/// <param name="Trials">Cumulative trials (the rate's denominator).</param>
/// <param name="Successes">Cumulative successes (the rate's numerator).</param>
/// <param name="Rate">Successes / trials; null with 0 trials.</param>
/// <param name="RelativeLift">(Rate − baseline rate) / baseline rate; null for the baseline or when undefined.</param>
/// <param name="Difference">Rate − baseline rate; null for the baseline or when undefined.</param>
/// <param name="Lower">Lower bound of the always-valid confidence sequence of <paramref name="Difference"/>; null when undefined.</param>
/// <param name="Upper">Upper bound of the always-valid confidence sequence of <paramref name="Difference"/>; null when undefined.</param>
/// <param name="PValue">The always-valid two-sided p-value; null when undefined.</param>
/// <param name="AdjustedPValue">The always-valid p-value adjusted across the variations of that day (<see cref="ComparisonOptions.Adjustment"/>).</param>
/// <param name="NaivePValue">The fixed-horizon z-test's p-value on the same counts: not valid when read every day, shown for contrast.</param>
public sealed record SequentialLook(
    LocalDate Date,
    int ArmIndex,
    long Trials,
    long Successes,
    double? Rate,
    double? RelativeLift,
    double? Difference,
    double? Lower,
    double? Upper,
    double? PValue,
    double? AdjustedPValue,
    double? NaivePValue)
{
    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(
            builder,
            (nameof(Date), Date),
            (nameof(ArmIndex), ArmIndex),
            (nameof(Trials), Trials),
            (nameof(Successes), Successes),
            (nameof(Rate), Rate),
            (nameof(RelativeLift), RelativeLift),
            (nameof(Difference), Difference),
            (nameof(Lower), Lower),
            (nameof(Upper), Upper),
            (nameof(PValue), PValue),
            (nameof(AdjustedPValue), AdjustedPValue),
            (nameof(NaivePValue), NaivePValue));
}

/// <summary>One day of the sequential sample-ratio check.</summary>
/// <param name="Date">The day.</param>
/// <param name="LogBayesFactor">ln of the Bayes factor against the intended split, from the first day every arm ran.</param>
/// <param name="PValue">The always-valid p-value (a running minimum).</param>
public sealed record SampleRatioLook(LocalDate Date, double LogBayesFactor, double PValue)
{
    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(builder, (nameof(Date), Date), (nameof(LogBayesFactor), LogBayesFactor), (nameof(PValue), PValue));
}

/// <summary>One guardrail rate of one variation against the baseline, one-sided ("did it get worse?").</summary>
/// <param name="Rate">The guardrail rate's name.</param>
/// <param name="Direction">Which way the rate is better.</param>
/// <param name="ArmIndex">The variation's index in the final comparison's arms.</param>
/// <param name="BaselineRate">The baseline's guardrail rate; null when it has none.</param>
/// <param name="VariationRate">The variation's guardrail rate; null when it has none.</param>
/// <param name="PValue">The one-sided p-value that the rate moved the wrong way (always-valid for a sequential readout); null when not checked.</param>
/// <param name="Worse">True when <paramref name="PValue"/> is at most α (not adjusted: a guardrail errs on the side of raising the alarm).</param>
/// <param name="NotChecked">Why the guardrail could not be checked, or null.</param>
public sealed record GuardrailCheck(string Rate, GuardrailDirection Direction, int ArmIndex, double? BaselineRate, double? VariationRate, double? PValue, bool Worse, string? NotChecked)
{
    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(
            builder,
            (nameof(Rate), Rate),
            (nameof(Direction), Direction),
            (nameof(ArmIndex), ArmIndex),
            (nameof(BaselineRate), BaselineRate),
            (nameof(VariationRate), VariationRate),
            (nameof(PValue), PValue),
            (nameof(Worse), Worse),
            (nameof(NotChecked), NotChecked));
}

/// <summary>What a readout says.</summary>
public enum VerdictKind
{
    /// <summary>Not yet: a minimum-data rule is not met or the split is broken (<see cref="Verdict.Reasons"/> says which).</summary>
    NotYet = 0,

    /// <summary>Enough data, and no variation differs from the baseline yet.</summary>
    NoDifference = 1,

    /// <summary>At least one variation differs from the baseline (after the multiple-comparison adjustment).</summary>
    Conclusive = 2,
}

/// <summary>A readout's verdict, in words for people and as data.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="Text">One line for people, e.g. <c>not yet: only 5 days of data (the rule is at least 7)</c>.</param>
/// <param name="Reasons">The rules not met (for <see cref="VerdictKind.NotYet"/>), else empty.</param>
/// <param name="WorseGuardrails">Guardrails that got worse, as <c>Rate for 'variation'</c>; empty when none.</param>
public sealed record Verdict(VerdictKind Kind, string Text, IReadOnlyList<string> Reasons, IReadOnlyList<string> WorseGuardrails)
{
    /// <summary>The verdict as text: <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}

/// <summary>
/// A readout that is safe to look at every day: the path of the sequential test (each day's cumulative estimate,
/// confidence sequence and always-valid p-value), the sequential sample-ratio check, guardrails, a power plan and a
/// verdict.
/// </summary>
/// <param name="Final">The comparison over the whole window (arms, baseline, rate; fixed-horizon statistics).</param>
/// <param name="Looks">One look per day and arm, day by day, arms in <see cref="ChannelComparisonResult.Arms"/> order; from the first day the baseline and another arm both ran.</param>
/// <param name="SampleRatio">The sequential sample-ratio check, one entry per day from the first day every arm ran; empty when skipped.</param>
/// <param name="SampleRatioNote">Why the sample-ratio check was skipped, or which basis it used when not exposure; null otherwise.</param>
/// <param name="Guardrails">The schema's guardrail rates of the channel (other than the compared rate), per variation, at the last day.</param>
/// <param name="Power">The power plan at the observed volume; null when the baseline rate is 0 or 1 or there are no trials.</param>
/// <param name="PathNote">Days left out of the path (a ratio above 1 up to them), in words; null when none.</param>
/// <param name="Verdict">The verdict.</param>
public sealed record SequentialComparisonResult(
    ChannelComparisonResult Final,
    IReadOnlyList<SequentialLook> Looks,
    IReadOnlyList<SampleRatioLook> SampleRatio,
    string? SampleRatioNote,
    IReadOnlyList<GuardrailCheck> Guardrails,
    PowerPlan? Power,
    string? PathNote,
    Verdict Verdict)
{
    /// <summary>
    /// The conversion event the compared rate counts, when the options' labels know the campaign's events
    /// (<see cref="ChannelComparisonOptions.Labels"/>); null otherwise. The same as <see cref="Final"/>'s.
    /// </summary>
    public Models.ConversionEvent? ConversionEvent => Final.ConversionEvent;

    /// <summary>The looks of the last day (one per arm), or none.</summary>
    public IReadOnlyList<SequentialLook> LastDay =>
        Looks.Count == 0 ? Array.Empty<SequentialLook>() : Looks.Where(l => l.Date == Looks[^1].Date).ToArray();

    /// <summary>The first day the sample-ratio check fell below the threshold of <paramref name="rules"/>, or null.</summary>
    /// <param name="rules">The rules; <see cref="DecisionRules.Default"/> when null.</param>
    public LocalDate? SampleRatioFlaggedOn(DecisionRules? rules = null)
    {
        double threshold = (rules ?? DecisionRules.Default).SampleRatioThreshold;
        return SampleRatio.FirstOrDefault(s => s.PValue < threshold)?.Date;
    }

    /// <summary>
    /// The path as a DataFrame: <c>date, variation_api_id, variation_name, trials, successes, rate, lift, cs_low,
    /// cs_high, p_value_always_valid, p_value_adjusted, p_value_naive</c>, counts cumulative up to and including
    /// <c>date</c>; <c>lift</c> is relative, <c>cs_low</c>/<c>cs_high</c> bound the difference of rates; the baseline
    /// rows leave the test columns null.
    /// </summary>
    public DataFrame ToDataFrame() => new(
        ColumnFactory.String(ColumnNames.Date, Looks, l => InvariantText.Iso(l.Date)),
        ColumnFactory.String(ColumnNames.VariationApiId, Looks, l => Final.Arms[l.ArmIndex].VariationApiId),
        ColumnFactory.String(ColumnNames.VariationName, Looks, l => Final.Arms[l.ArmIndex].VariationName),
        ColumnFactory.Int64("trials", Looks, l => l.Trials),
        ColumnFactory.Int64("successes", Looks, l => l.Successes),
        ColumnFactory.Double("rate", Looks, l => l.Rate),
        ColumnFactory.Double("lift", Looks, l => l.RelativeLift),
        ColumnFactory.Double("cs_low", Looks, l => l.Lower),
        ColumnFactory.Double("cs_high", Looks, l => l.Upper),
        ColumnFactory.Double("p_value_always_valid", Looks, l => l.PValue),
        ColumnFactory.Double("p_value_adjusted", Looks, l => l.AdjustedPValue),
        ColumnFactory.Double("p_value_naive", Looks, l => l.NaivePValue));
}

/// <summary>
/// Decision-grade readouts of a channel's variations: the sequential test day by day on the cumulative counts,
/// guardrails, power and minimum-data rules. Driven by the catalogue: any channel and rate of counts the schema
/// declares works, and guardrails are the rates the schema marks with <c>"guardrail"</c>.
/// </summary>
public static class SequentialComparison
{
    /// <summary>Reads the variations of a channel day by day over the days of a response.</summary>
    /// <param name="catalogue">The catalogue of the response's schema.</param>
    /// <param name="response">The response.</param>
    /// <param name="channel">The channel key, e.g. <c>email</c>.</param>
    /// <param name="options">The options; <see cref="SequentialComparisonOptions.Default"/> when null.</param>
    /// <returns>The readout.</returns>
    /// <exception cref="ArgumentException">The channel, rate, control or an exposure metric is unknown, or the weights do not fit the arms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="CampaignDataException">The response is an error envelope, a variation repeats on a day, or a proportion's sums exceed 1.</exception>
    public static SequentialComparisonResult Compare(ChannelCatalogue catalogue, IDataSeriesResponse response, string channel, SequentialComparisonOptions? options = null)
    {
        ResponseStatus.ThrowIfNotSuccess(catalogue, response ?? throw new ArgumentNullException(nameof(response)));
        return Compare(catalogue, ChannelCatalogue.DaysOf(response), channel, options);
    }

    /// <summary>Reads the variations of a channel day by day.</summary>
    /// <param name="catalogue">The catalogue of the days' schema.</param>
    /// <param name="days">The days of one campaign; those outside the window are skipped.</param>
    /// <param name="channel">The channel key, e.g. <c>email</c>.</param>
    /// <param name="options">The options; <see cref="SequentialComparisonOptions.Default"/> when null.</param>
    /// <returns>The readout.</returns>
    /// <exception cref="ArgumentException">The channel, rate, control or an exposure metric is unknown, or the weights do not fit the arms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="CampaignDataException">A variation repeats on a day, or a proportion's sums exceed 1.</exception>
    public static SequentialComparisonResult Compare(ChannelCatalogue catalogue, IEnumerable<IDailyDataPoint> days, string channel, SequentialComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(days);
        options ??= SequentialComparisonOptions.Default;
        options.Sequential.Validate(nameof(options));
        var list = days.ToList();
        var final = ChannelComparison.Compare(catalogue, list, channel, options.Comparison);
        if (final.Control is not { } baseline)
        {
            return new SequentialComparisonResult(final, Array.Empty<SequentialLook>(), Array.Empty<SampleRatioLook>(), null,
                Array.Empty<GuardrailCheck>(), null, null, new Verdict(VerdictKind.NotYet, "not yet: no arms to compare", new[] { "no arms to compare" }, Array.Empty<string>()));
        }

        var descriptor = catalogue.FindChannel(channel)!;
        int k = final.Arms.Count;
        int controlIndex = final.Result.ControlIndex!.Value;
        var armIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < k; i++)
        {
            armIndex[final.Arms[i].Key] = i;
        }

        // The days of the channel inside the window, and the first day each arm ran.
        var firstSeen = new LocalDate?[k];
        var dates = new SortedSet<LocalDate>();
        foreach (var day in list)
        {
            if (options.Comparison.Window is { } w && !w.Contains(day.Time))
            {
                continue;
            }

            var elements = descriptor.GetVariations(day);
            if (elements.Count == 0)
            {
                continue;
            }

            dates.Add(day.Time);
            foreach (var element in elements)
            {
                int i = armIndex[Variations.KeyOf(element)];
                firstSeen[i] = firstSeen[i] is { } f && f <= day.Time ? f : day.Time;
            }
        }

        var start = options.Comparison.Window?.Start ?? dates.Min;
        var pathStart = Later(firstSeen[controlIndex], Enumerable.Range(0, k).Where(i => i != controlIndex).Select(i => firstSeen[i]).Min());
        var allRunning = firstSeen.Max();
        var perDay = options.Comparison with
        {
            Control = baseline.Key,
            Statistics = options.Comparison.Statistics with { IntendedWeights = null },
        };

        var looks = new List<SequentialLook>();
        var exposure = new List<IReadOnlyList<long>>();
        var exposureDates = new List<LocalDate>();
        var skipped = new List<LocalDate>();
        long[]? previous = null;
        foreach (var date in dates)
        {
            if (pathStart is not { } ps || date < ps)
            {
                continue;
            }

            ChannelComparisonResult day;
            try
            {
                day = ChannelComparison.Compare(catalogue, list, channel, perDay with { Window = new DateInterval(start, date) });
            }
            catch (ArgumentException)
            {
                // A ratio (not a proportion) whose numerator exceeds its denominator up to this day: no test that day.
                skipped.Add(date);
                continue;
            }

            var counts = new Proportion[k];
            var naive = new double?[k];
            var observed = new long[k];
            for (int j = 0; j < day.Arms.Count; j++)
            {
                int i = armIndex[day.Arms[j].Key];
                var row = day.Result.Rows[j];
                counts[i] = new Proportion(row.Successes, row.Trials);
                naive[i] = row.PValue;
                observed[i] = final.Result.SampleRatioBasis == SampleRatioBasis.Exposure ? day.Result.SampleRatioMismatch.Observed[j] : row.Trials;
            }

            var tests = new SequentialTestResult?[k];
            var pValues = new double?[k];
            for (int i = 0; i < k; i++)
            {
                if (i != controlIndex)
                {
                    tests[i] = SequentialTest.Difference(counts[i], counts[controlIndex], options.Sequential);
                    pValues[i] = tests[i]!.PValue;
                }
            }

            var adjusted = Adjust.Apply(pValues, options.Comparison.Statistics.Adjustment);
            double? controlRate = counts[controlIndex].Rate;
            for (int i = 0; i < k; i++)
            {
                var t = tests[i];
                double? rate = counts[i].Rate;
                double? lift = t?.Difference is { } d && controlRate > 0 ? d / controlRate : null;
                looks.Add(new SequentialLook(date, i, counts[i].Trials, counts[i].Successes, rate, lift, t?.Difference, t?.Lower, t?.Upper, t?.PValue, adjusted[i], naive[i]));
            }

            if (final.Result.SampleRatioBasis != SampleRatioBasis.None && allRunning is { } ar && date >= ar)
            {
                // The check starts on the first day every arm ran, with that day's counts alone.
                exposure.Add(previous is null ? observed : observed.Select((o, i) => o - previous[i]).ToArray());
                exposureDates.Add(date);
            }

            previous = observed;
        }

        var srm = SequentialSampleRatio.Test(exposure, options.Comparison.Statistics.IntendedWeights, options.SampleRatioConcentration)
            .Select(s => new SampleRatioLook(exposureDates[s.Day], s.LogBayesFactor, s.PValue))
            .ToArray();
        var srmNote = final.Result.SampleRatioBasis == SampleRatioBasis.None
            ? "skipped: " + final.SampleRatioNote
            : final.SampleRatioNote;
        var pathNote = skipped.Count == 0 ? null
            : Guard.Format($"{skipped.Count} day(s) left out of the path, first {InvariantText.Iso(skipped[0])}: up to them {final.Rate.Name} has more {final.Rate.Numerator.Name} than {final.Rate.Denominator.Name} in some arm, so it is no proportion to test");
        var guardrails = Guardrails(catalogue, list, channel, final, options.Comparison, options.Sequential, sequential: true);
        var power = Plan(final, options.PlannedLift, options.Power, options.Sequential);
        var result = new SequentialComparisonResult(final, looks, srm, srmNote, guardrails, power, pathNote, new Verdict(VerdictKind.NotYet, string.Empty, Array.Empty<string>(), Array.Empty<string>()));
        return result with { Verdict = Decide(result, options) };
    }

    /// <summary>
    /// Checks the channel's guardrail rates (those the schema marks with <c>"guardrail"</c>, other than the compared
    /// rate) of every variation against the baseline of <paramref name="final"/>, one-sided in the harmful direction:
    /// with the always-valid p-value when <paramref name="sequential"/>, else the fixed-horizon z-test.
    /// </summary>
    /// <param name="catalogue">The catalogue.</param>
    /// <param name="days">The days.</param>
    /// <param name="channel">The channel key.</param>
    /// <param name="final">The comparison of the primary rate (its arms and baseline are used).</param>
    /// <param name="options">The comparison options of the primary rate (window, exposure).</param>
    /// <param name="testOptions">α (for either test) and the tuning constant.</param>
    /// <param name="sequential">True for the always-valid test, false for the fixed-horizon z-test.</param>
    /// <returns>One check per guardrail rate and variation, in schema and arm order.</returns>
    public static IReadOnlyList<GuardrailCheck> Guardrails(ChannelCatalogue catalogue, IReadOnlyList<IDailyDataPoint> days, string channel, ChannelComparisonResult final, ChannelComparisonOptions options, SequentialOptions testOptions, bool sequential)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(testOptions);
        var checks = new List<GuardrailCheck>();
        if (final.Control is not { } baseline || catalogue.FindChannel(channel) is not { } descriptor)
        {
            return checks;
        }

        int controlIndex = final.Result.ControlIndex!.Value;
        foreach (var rate in descriptor.Rates)
        {
            if (rate.Guardrail is not { } direction || string.Equals(rate.Name, final.Rate.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            ChannelComparisonResult? result = null;
            string? failure = null;
            try
            {
                result = ChannelComparison.Compare(catalogue, days, channel, options with
                {
                    Rate = rate.Name,
                    Control = baseline.Key,
                    Statistics = options.Statistics with { IntendedWeights = null },
                });
            }
            catch (Exception e) when (e is ArgumentException or CampaignDataException)
            {
                failure = e.Message;
            }

            for (int i = 0; i < final.Arms.Count; i++)
            {
                if (i == controlIndex)
                {
                    continue;
                }

                if (result is null)
                {
                    checks.Add(new GuardrailCheck(rate.Name, direction, i, null, null, null, false, failure));
                    continue;
                }

                int j = result.Arms.ToList().FindIndex(a => a.Key == final.Arms[i].Key);
                int c = result.Result.ControlIndex!.Value;
                var control = result.Result.Rows[c];
                var arm = j < 0 ? null : result.Result.Rows[j];
                string? notChecked = result.Arms[c].RateDays == 0 ? Guard.Format($"the baseline '{baseline.DisplayName}' reports no {rate.Numerator.Name} and {rate.Denominator.Name} together")
                    : arm is null || result.Arms[j].RateDays == 0 ? Guard.Format($"'{final.Arms[i].DisplayName}' reports no {rate.Numerator.Name} and {rate.Denominator.Name} together")
                    : null;
                if (notChecked is not null)
                {
                    checks.Add(new GuardrailCheck(rate.Name, direction, i, control.Rate, arm?.Rate, null, false, notChecked));
                    continue;
                }

                var alternative = direction == GuardrailDirection.LowerIsBetter ? Alternative.Larger : Alternative.Smaller;
                var a = new Proportion(arm!.Successes, arm.Trials);
                var b = new Proportion(control.Successes, control.Trials);
                double? p = sequential
                    ? SequentialTest.OneSidedPValue(a, b, alternative, testOptions)
                    : ZTest.TwoProportions(a, b, alternative).PValue;
                checks.Add(new GuardrailCheck(rate.Name, direction, i, control.Rate, arm.Rate, p, p <= testOptions.Alpha, p is null ? "no test: an arm has 0 trials, or both rates are 0 or both are 1" : null));
            }
        }

        return checks;
    }

    /// <summary>
    /// The power plan of a comparison at its observed volume: the baseline's rate, the smallest arm's trials per day
    /// (over the days it reported the rate) and trials so far; null when the baseline rate is 0 or 1, an arm has no
    /// trials, or the target rate would reach 1.
    /// </summary>
    /// <param name="final">The comparison.</param>
    /// <param name="lift">The relative lift to plan for, positive.</param>
    /// <param name="power">The power, strictly between α and 1.</param>
    /// <param name="options">α and the tuning constant.</param>
    /// <returns>The plan, or null.</returns>
    public static PowerPlan? Plan(ChannelComparisonResult final, double lift, double power, SequentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(options);
        if (final.Result.ControlIndex is not int c || final.Arms.Count < 2 || final.Result.Rows[c].Rate is not { } rate
            || !(rate > 0 && rate < 1) || !(rate * (1 + lift) < 1))
        {
            return null;
        }

        double daily = double.PositiveInfinity;
        double soFar = double.PositiveInfinity;
        for (int i = 0; i < final.Arms.Count; i++)
        {
            var row = final.Result.Rows[i];
            if (row.Trials == 0 || final.Arms[i].RateDays == 0)
            {
                return null;
            }

            daily = Math.Min(daily, row.Trials / (double)final.Arms[i].RateDays);
            soFar = Math.Min(soFar, row.Trials);
        }

        return Power.Plan(rate, lift, daily, soFar, power, options);
    }

    /// <summary>The verdict of a readout under the rules.</summary>
    private static Verdict Decide(SequentialComparisonResult result, SequentialComparisonOptions options)
    {
        var rules = options.Rules;
        var final = result.Final;
        var reasons = new List<string>();
        var last = result.LastDay;
        int days = last.Count == 0 ? 0 : result.Looks.Select(l => l.Date).Distinct().Count();
        if (final.Arms.Count < 2)
        {
            var only = Guard.Format($"only one arm ('{final.Control!.DisplayName}'), nothing to compare it with");
            return new Verdict(VerdictKind.NotYet, "not yet: " + only, new[] { only }, Array.Empty<string>());
        }

        if (days < rules.MinimumDays)
        {
            reasons.Add(Guard.Format($"only {days} day(s) of data (the rule is at least {rules.MinimumDays})"));
        }

        foreach (var look in last)
        {
            if (look.Successes < rules.MinimumSuccessesPerArm)
            {
                reasons.Add(Guard.Format($"'{final.Arms[look.ArmIndex].DisplayName}' has {look.Successes} {final.Rate.Numerator.Name} (the rule is at least {rules.MinimumSuccessesPerArm} per arm)"));
            }
        }

        if (result.SampleRatioFlaggedOn(rules) is { } flagged)
        {
            var p = result.SampleRatio[^1].PValue;
            reasons.Add(Guard.Format($"sample-ratio mismatch since {InvariantText.Iso(flagged)} (sequential p = {p.ToString("G3", CultureInfo.InvariantCulture)} < {rules.SampleRatioThreshold})"));
        }

        var worse = result.Guardrails.Where(g => g.Worse)
            .Select(g => Guard.Format($"{g.Rate} for '{final.Arms[g.ArmIndex].DisplayName}'"))
            .ToArray();
        string guardrailText = worse.Length == 0 ? string.Empty : "; guardrail got worse: " + string.Join(", ", worse);
        if (reasons.Count > 0)
        {
            return new Verdict(VerdictKind.NotYet, "not yet: " + string.Join("; ", reasons) + guardrailText, reasons, worse);
        }

        var baseline = final.Control!.DisplayName;
        var differing = last.Where(l => l.AdjustedPValue <= options.Sequential.Alpha && l.Difference is not null).ToArray();
        if (differing.Length > 0)
        {
            var parts = differing.Select(l => Guard.Format(
                $"'{final.Arms[l.ArmIndex].DisplayName}' is {(l.Difference > 0 ? "above" : "below")} '{baseline}' on {final.Rate.Name} ({Percent(l.RelativeLift)}, always-valid adjusted p = {l.AdjustedPValue!.Value.ToString("G3", CultureInfo.InvariantCulture)})"));
            return new Verdict(VerdictKind.Conclusive, string.Join("; ", parts) + guardrailText, Array.Empty<string>(), worse);
        }

        var text = Guard.Format($"no variation differs from '{baseline}' on {final.Rate.Name} yet");
        if (result.Power is { SequentialMoreDays: > 0 } plan)
        {
            text += "; " + Underpowered(plan, sequential: true);
        }

        return new Verdict(VerdictKind.NoDifference, text + guardrailText, Array.Empty<string>(), worse);
    }

    /// <summary>
    /// <c>underpowered: at this volume a 5 % lift needs ~N more days</c> (of the sequential or the fixed-horizon test).
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="sequential">True for the sequential test's days, false for the fixed-horizon test's.</param>
    /// <returns>The sentence; says "cannot be detected" when no size reaches the power.</returns>
    public static string Underpowered(PowerPlan plan, bool sequential)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lift = (plan.Lift * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
        long? more = sequential ? plan.SequentialMoreDays : plan.FixedMoreDays;
        return more is { } m
            ? Guard.Format($"underpowered: at this volume a {lift} lift needs ~{m} more days ({(sequential ? "sequential" : "fixed-horizon")} test)")
            : Guard.Format($"underpowered: at this volume a {lift} lift cannot be detected");
    }

    private static string Percent(double? lift) =>
        lift is { } l ? (l >= 0 ? "+" : string.Empty) + (l * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "lift undefined";

    private static LocalDate? Later(LocalDate? a, LocalDate? b) => a is { } x && b is { } y ? (x > y ? x : y) : null;
}
