using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Display;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Statistics;
using Spectre.Console;
using Table = CampaignAnalytics.Cli.Output.Table;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// The decision-grade parts of <c>compare</c>: <c>--sequential</c> (the always-valid readout, the last day or with
/// <c>--by day</c> the whole path), <c>--adjust</c>, <c>--tuning</c>, <c>--mde</c>, guardrails and the power line.
/// </summary>
internal sealed class CompareReadout
{
    /// <summary>Columns of the sequential readout (last day, or every day with <c>--by day</c>).</summary>
    public static readonly Column[] SequentialColumns =
    {
        new(ColumnNames.Date, ColumnType.Date),
        new(ColumnNames.VariationApiId, ColumnType.String),
        new(ColumnNames.VariationName, ColumnType.String),
        new("trials", ColumnType.Integer),
        new("successes", ColumnType.Integer),
        new("rate", ColumnType.Number),
        new("lift", ColumnType.Number),
        new("cs_low", ColumnType.Number),
        new("cs_high", ColumnType.Number),
        new("p_value_always_valid", ColumnType.Number),
        new("p_value_adjusted", ColumnType.Number),
        new("p_value_naive", ColumnType.Number),
    };

    private const double Alpha = 0.05;
    private const double PlannedPower = 0.8;

    private readonly Option<bool> _sequential = new("--sequential")
    {
        Description = "Read the test so that looking every day is safe: an always-valid confidence sequence of the difference of rates and an "
            + "always-valid p-value (Waudby-Smith et al. 2023, as GrowthBook), a sequential sample-ratio check, guardrails, power and a verdict. "
            + "Prints the last day; --by day prints every day.",
    };

    private readonly Option<string?> _by = new("--by") { Description = "day: with --sequential (implied), print the path: each day's cumulative figures." };

    private readonly Option<string?> _tuning = new("--tuning")
    {
        Description = "The sequential tuning constant N*: the total trials (both arms) at which you expect to decide; the sequence is narrowest "
            + "there and valid everywhere. Default 5000 (GrowthBook's). Fix it before the test starts.",
    };

    private readonly Option<string?> _adjust = new("--adjust") { Description = "Multiple-comparison adjustment across variations: holm (default, family-wise error), bh (Benjamini-Hochberg, false discovery rate) or none." };

    private readonly Option<string?> _mde = new("--mde") { Description = "The relative lift the power plan is made for (default 5%): 0.05 or 5%." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_sequential);
        command.Options.Add(_by);
        command.Options.Add(_tuning);
        command.Options.Add(_adjust);
        command.Options.Add(_mde);
    }

    /// <summary>Whether the sequential readout was asked for (<c>--sequential</c> or <c>--by day</c>).</summary>
    public bool IsSequential(ParseResult parse) => parse.GetValue(_sequential) || ByDay(parse);

    /// <summary>The adjustment <c>--adjust</c> names.</summary>
    public PValueAdjustment Adjustment(ParseResult parse) =>
        Choices.Check(parse.GetValue(_adjust), "--adjust", "holm", "holm", "bh", "none") switch
        {
            "bh" => PValueAdjustment.BenjaminiHochberg,
            "none" => PValueAdjustment.None,
            _ => PValueAdjustment.Holm,
        };

    /// <summary>Checks every option before any input is read, so a bad value fails fast.</summary>
    public void Validate(ParseResult parse)
    {
        Adjustment(parse);
        ByDay(parse);
        Tuning(parse);
        Lift(parse);
    }

    /// <summary>The sequential options of <c>--tuning</c>.</summary>
    public SequentialOptions Sequential(ParseResult parse) => new() { Alpha = Alpha, TuningParameter = Tuning(parse) };

    /// <summary>The name of the adjusted p-value column of the fixed-horizon table: <c>p_value_holm</c>, <c>p_value_bh</c> or <c>p_value_unadjusted</c>.</summary>
    public static Table RenameAdjusted(Table table, PValueAdjustment adjustment)
    {
        if (adjustment == PValueAdjustment.Holm)
        {
            return table;
        }

        var name = adjustment == PValueAdjustment.BenjaminiHochberg ? "p_value_bh" : "p_value_unadjusted";
        var renamed = new Table(table.Columns.Select(c => c.Name == "p_value_holm" ? c with { Name = name } : c).ToArray());
        renamed.Rows.AddRange(table.Rows);
        return renamed;
    }

    /// <summary>
    /// The lines the fixed-horizon <c>compare</c> adds below its summary: each guardrail (one-sided z-test) and, when the
    /// test cannot yet detect the planned lift, how many more days it needs.
    /// </summary>
    public IEnumerable<string> FixedLines(ParseResult parse, ChannelCatalogue catalogue, CampaignInput input, ChannelComparisonResult result, ChannelComparisonOptions options)
    {
        var sequential = Sequential(parse);
        foreach (var line in GuardrailLines(result, SequentialComparison.Guardrails(catalogue, input.Days, result.Channel, result, options, sequential, sequential: false), "one-sided z-test"))
        {
            yield return line;
        }

        if (SequentialComparison.Plan(result, Lift(parse), PlannedPower, sequential) is { FixedMoreDays: > 0 } plan
            && !result.Result.Rows.Any(r => r.AdjustedPValue <= Alpha))
        {
            yield return SequentialComparison.Underpowered(plan, sequential: false) + ".";
        }
    }

    /// <summary>Runs the sequential readout and writes it in <paramref name="output"/>'s format.</summary>
    public void Write(ParseResult parse, string output, ChannelCatalogue catalogue, CampaignInput input, string channel, ChannelComparisonOptions options)
    {
        var sequentialOptions = new SequentialComparisonOptions
        {
            Comparison = options,
            Sequential = Sequential(parse),
            PlannedLift = Lift(parse),
            Power = PlannedPower,
        };

        SequentialComparisonResult readout;
        try
        {
            readout = SequentialComparison.Compare(catalogue, input.Days, channel, sequentialOptions);
        }
        catch (ArgumentException e)
        {
            throw CompareCommand.Blame(e);
        }

        var final = readout.Final;
        // As plain compare: campaign_name, then conversion_event, after the existing columns when known.
        var table = CompareCommand.WithConversionEvent(CampaignNameColumn.Append(Table(readout, ByDay(parse)), new[] { input }), final);
        switch (output)
        {
            case "json":
                Emit.WriteRaw(Json(input.CampaignId, readout, table, sequentialOptions));
                break;
            case "csv":
                Emit.ToStdout(table, "csv");
                break;
            default:
                var when = readout.Looks.Count == 0 ? "no day to test" : (ByDay(parse) ? "by day" : "last day " + Dates.Format(readout.Looks[^1].Date));
                Emit.ToTerminal(Display(readout, ByDay(parse), $"{input.Title}: {final.Channel} {final.Rate.Name} ({final.Rate.Numerator.Name} / {final.Rate.Denominator.Name}), sequential, {when}"));
                if (CompareCommand.ConversionEventLine(final) is { } measured)
                {
                    Emit.Stdout.WriteLine(measured);
                }

                foreach (var line in Lines(readout, sequentialOptions))
                {
                    Emit.Stdout.WriteLine(line);
                }

                break;
        }

        if (output != "table" && CompareCommand.ConversionEventLine(final) is { } measuredNote)
        {
            Note.Write(measuredNote);
        }

        foreach (var note in CompareCommand.Notes(input.CampaignId, final))
        {
            Note.Write(note);
        }

        if (readout.PathNote is { } pathNote)
        {
            Note.Write(pathNote + ".");
        }
    }

    private static Table Table(SequentialComparisonResult readout, bool byDay)
    {
        var table = new Table(SequentialColumns);
        foreach (var l in byDay ? readout.Looks : readout.LastDay)
        {
            var arm = readout.Final.Arms[l.ArmIndex];
            table.Add(l.Date, arm.VariationApiId, arm.VariationName, l.Trials, l.Successes, l.Rate, l.RelativeLift, l.Lower, l.Upper, l.PValue, l.AdjustedPValue, l.NaivePValue);
        }

        return table;
    }

    /// <summary>The readout for people: names, percentages, the sequence of the difference in points; the naive and adjusted p-values go first on a narrow terminal.</summary>
    private static DisplayTable Display(SequentialComparisonResult readout, bool byDay, string title)
    {
        var table = new DisplayTable(title, new DisplayColumn[]
        {
            new("date"),
            new("variation"),
            new("trials", Numeric: true, DropOrder: 3),
            new("successes", Numeric: true, DropOrder: 4),
            new("rate", Numeric: true),
            new("lift", Numeric: true),
            new("sequence (difference)", Numeric: true),
            new("p always valid", Numeric: true),
            new("p adjusted", Numeric: true, DropOrder: 2),
            new("p naive", Numeric: true, DropOrder: 1),
        });
        foreach (var l in byDay ? readout.Looks : readout.LastDay)
        {
            var arm = readout.Final.Arms[l.ArmIndex];
            table.Add(
                Dates.Format(l.Date),
                arm.DisplayName,
                Formatting.Count(l.Trials),
                Formatting.Count(l.Successes),
                Formatting.Percent(l.Rate),
                Formatting.Lift(l.RelativeLift),
                Formatting.Interval(l.Lower, l.Upper),
                Formatting.PValue(l.PValue),
                Formatting.PValue(l.AdjustedPValue),
                Formatting.PValue(l.NaivePValue));
        }

        return table;
    }

    private static IEnumerable<string> Lines(SequentialComparisonResult readout, SequentialComparisonOptions options)
    {
        var final = readout.Final;
        yield return $"Baseline: {final.Control?.DisplayName}. Window: {(final.Window is { } w ? Dates.Format(w.Start) + ".." + Dates.Format(w.End) : "none")}, {final.DaysCounted} days with data.";
        yield return $"Always-valid at alpha {Num(options.Sequential.Alpha)} (confidence sequence of Waudby-Smith et al. 2023, tuning N* = {Num(options.Sequential.TuningParameter)}); p-values adjusted: {AdjustText(options.Comparison.Statistics.Adjustment)}.";
        yield return "cs_low..cs_high bound the difference of rates; p_value_naive is the fixed-horizon z-test, not valid when read every day.";
        yield return SampleRatioLine(readout, options.Rules);
        foreach (var line in GuardrailLines(final, readout.Guardrails, "always-valid one-sided"))
        {
            yield return line;
        }

        if (readout.Power is { } plan)
        {
            yield return PowerLine(plan);
        }

        yield return "Verdict: " + readout.Verdict.Text + ".";
    }

    private static string SampleRatioLine(SequentialComparisonResult readout, DecisionRules rules)
    {
        if (readout.SampleRatio.Count == 0)
        {
            return $"Sample ratio (sequential): {(readout.SampleRatioNote is { } why ? why : "no day on which every arm ran")}.";
        }

        var last = readout.SampleRatio[^1];
        var basis = readout.Final.Result.SampleRatioBasis.ToString().ToLowerInvariant();
        var flagged = readout.SampleRatioFlaggedOn(rules) is { } day ? $"mismatch flagged on {Dates.Format(day)}" : "no mismatch";
        return $"Sample ratio (sequential, Lindon et al. 2022; {basis}{(readout.SampleRatioNote is { } note ? ": " + note : string.Empty)}): {Formatting.PClause(last.PValue)} (threshold {Num(rules.SampleRatioThreshold)}), {flagged}.";
    }

    private static IEnumerable<string> GuardrailLines(ChannelComparisonResult final, IReadOnlyList<GuardrailCheck> checks, string test)
    {
        // Guardrails the baseline cannot carry (a control group sends nothing): one line for all of them.
        var noBaseline = checks.Where(g => g.BaselineRate is null && g.PValue is null).Select(g => g.Rate).Distinct().ToArray();
        if (noBaseline.Length > 0)
        {
            yield return $"Guardrails {string.Join(", ", noBaseline)}: not checked, the baseline '{final.Control?.DisplayName}' does not report them; use --control NAME to check them between variations.";
        }

        foreach (var g in checks.Where(g => !noBaseline.Contains(g.Rate)))
        {
            var who = $"Guardrail {g.Rate} ({(g.Direction == GuardrailDirection.LowerIsBetter ? "lower is better" : "higher is better")}), {final.Arms[g.ArmIndex].DisplayName}";
            yield return g.PValue is { } p
                ? $"{who}: {Formatting.Percent(g.VariationRate)} vs {Formatting.Percent(g.BaselineRate)}, {test} {Formatting.PClause(p)}: {(g.Worse ? "WORSE" : "not worse")}."
                : $"{who}: not checked, {g.NotChecked}.";
        }
    }

    private static string PowerLine(PowerPlan plan)
    {
        var lift = Percent(plan.Lift);
        var seqMore = plan.SequentialMoreDays is { } s ? "~" + s.ToString(CultureInfo.InvariantCulture) + " more days" : "not detectable";
        return $"Power at {Num(Math.Round(plan.DailyTrialsPerArm, 1))} trials per arm per day: detectable now (80 %): fixed-horizon {Percent(plan.FixedMinimumDetectableLift)}, sequential {Percent(plan.SequentialMinimumDetectableLift)}; "
            + $"a {lift} lift needs {Whole(plan.FixedTrialsPerArm)} trials per arm fixed-horizon (~{plan.FixedMoreDays} more days), "
            + $"{(plan.SequentialTrialsPerArm is { } t ? Whole(t) : "no number of")} sequential ({seqMore}).";
    }

    private static byte[] Json(string campaignId, SequentialComparisonResult readout, Table table, SequentialComparisonOptions options)
    {
        var final = readout.Final;
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonTableWriter.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("campaign_id", campaignId);
            writer.WriteString("channel", final.Channel);
            writer.WriteString("rate", final.Rate.Name);
            writer.WritePropertyName("baseline_variation_api_id");
            JsonTableWriter.WriteValue(writer, final.Control?.VariationApiId);
            writer.WritePropertyName("baseline_variation_name");
            JsonTableWriter.WriteValue(writer, final.Control?.VariationName);
            writer.WriteNumber("alpha", options.Sequential.Alpha);
            writer.WriteNumber("tuning", options.Sequential.TuningParameter);
            writer.WriteString("adjustment", AdjustText(options.Comparison.Statistics.Adjustment));
            writer.WritePropertyName("looks");
            JsonTableWriter.WriteArray(table, writer);

            writer.WriteStartObject("sample_ratio");
            writer.WriteString("basis", final.Result.SampleRatioBasis.ToString().ToLowerInvariant());
            writer.WritePropertyName("note");
            JsonTableWriter.WriteValue(writer, readout.SampleRatioNote);
            writer.WriteNumber("threshold", options.Rules.SampleRatioThreshold);
            writer.WritePropertyName("flagged_on");
            JsonTableWriter.WriteValue(writer, readout.SampleRatioFlaggedOn(options.Rules));
            writer.WriteStartArray("days");
            foreach (var s in readout.SampleRatio)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("date");
                JsonTableWriter.WriteValue(writer, s.Date);
                writer.WriteNumber("p_value", s.PValue);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteStartArray("guardrails");
            foreach (var g in readout.Guardrails)
            {
                writer.WriteStartObject();
                writer.WriteString("rate", g.Rate);
                writer.WriteString("direction", g.Direction == GuardrailDirection.LowerIsBetter ? "lower-is-better" : "higher-is-better");
                writer.WritePropertyName("variation_api_id");
                JsonTableWriter.WriteValue(writer, final.Arms[g.ArmIndex].VariationApiId);
                writer.WritePropertyName("variation_name");
                JsonTableWriter.WriteValue(writer, final.Arms[g.ArmIndex].VariationName);
                writer.WritePropertyName("rate_value");
                JsonTableWriter.WriteValue(writer, g.VariationRate);
                writer.WritePropertyName("baseline_rate_value");
                JsonTableWriter.WriteValue(writer, g.BaselineRate);
                writer.WritePropertyName("p_value");
                JsonTableWriter.WriteValue(writer, g.PValue);
                writer.WriteBoolean("worse", g.Worse);
                writer.WritePropertyName("not_checked");
                JsonTableWriter.WriteValue(writer, g.NotChecked);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();

            writer.WritePropertyName("power");
            if (readout.Power is { } plan)
            {
                writer.WriteStartObject();
                writer.WriteNumber("lift", plan.Lift);
                writer.WriteNumber("daily_trials_per_arm", plan.DailyTrialsPerArm);
                writer.WriteNumber("fixed_trials_per_arm", plan.FixedTrialsPerArm);
                writer.WritePropertyName("sequential_trials_per_arm");
                JsonTableWriter.WriteValue(writer, plan.SequentialTrialsPerArm);
                writer.WriteNumber("fixed_more_days", plan.FixedMoreDays);
                writer.WritePropertyName("sequential_more_days");
                JsonTableWriter.WriteValue(writer, plan.SequentialMoreDays);
                writer.WritePropertyName("fixed_mde");
                JsonTableWriter.WriteValue(writer, plan.FixedMinimumDetectableLift);
                writer.WritePropertyName("sequential_mde");
                JsonTableWriter.WriteValue(writer, plan.SequentialMinimumDetectableLift);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartObject("verdict");
            writer.WriteString("kind", readout.Verdict.Kind switch { VerdictKind.NotYet => "not_yet", VerdictKind.NoDifference => "no_difference", _ => "conclusive" });
            writer.WriteString("text", readout.Verdict.Text);
            writer.WriteStartArray("reasons");
            foreach (var reason in readout.Verdict.Reasons)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("worse_guardrails");
            foreach (var g in readout.Verdict.WorseGuardrails)
            {
                writer.WriteStringValue(g);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }

    private static string AdjustText(PValueAdjustment adjustment) => adjustment switch
    {
        PValueAdjustment.BenjaminiHochberg => "bh",
        PValueAdjustment.None => "none",
        _ => "holm",
    };

    private static string Whole(double value) => Math.Ceiling(value).ToString("0", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Percent(double? lift) => lift is { } l ? "+" + (l * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "none below a rate of 1";

    private bool ByDay(ParseResult parse) => parse.GetValue(_by) is { } by && Choices.Check(by, "--by", "day", "day") == "day";

    private double Tuning(ParseResult parse)
    {
        if (parse.GetValue(_tuning) is not { } text)
        {
            return SequentialOptions.DefaultTuningParameter;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new UserErrorException($"--tuning: '{text.Trim()}' is not a positive number of trials (both arms together, e.g. 5000).");
    }

    private double Lift(ParseResult parse)
    {
        if (parse.GetValue(_mde) is not { } text)
        {
            return 0.05;
        }

        var t = text.Trim();
        var percent = t.EndsWith('%');
        var number = percent ? t[..^1].Trim() : t;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0 && (percent ? value / 100 : value) < 100
            ? (percent ? value / 100 : value)
            : throw new UserErrorException($"--mde: '{t}' is not a positive relative lift (0.05 or 5%).");
    }
}
