using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Models;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Display;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Statistics;
using NodaTime;
using Spectre.Console;
using Table = CampaignAnalytics.Cli.Output.Table;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>compare</c>: the variation comparison of one channel on one rate (Braze's conversion rate by default).</summary>
internal static class CompareCommand
{
    public static readonly Column[] Columns =
    {
        new(ColumnNames.VariationApiId, ColumnType.String),
        new(ColumnNames.VariationName, ColumnType.String),
        new("trials", ColumnType.Integer),
        new("successes", ColumnType.Integer),
        new("rate", ColumnType.Number),
        new("ci_low", ColumnType.Number),
        new("ci_high", ColumnType.Number),
        new("lift", ColumnType.Number),
        new("z", ColumnType.Number),
        new("p_value", ColumnType.Number),
        new("p_value_holm", ColumnType.Number),
        new("prob_beat_control", ColumnType.Number),
    };

    public static readonly string[] Examples =
    {
        "campaign-analytics compare spring-sale.json --channel email",
        "campaign-analytics compare spring-sale.json --channel email --rate UniqueClickRate --control \"Subject - 20% Off\"",
        "campaign-analytics compare ab-test.json --channel sms --split 10,45,45 --format json",
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var builtIn = Models.CampaignDataSeriesCatalogue.Instance; // option help lists the built-in channels and rates
        var channel = new Option<string?>("--channel") { Description = "The channel key (required for campaigns; for a Canvas, a step channel rate instead of the A/B test). Valid: " + string.Join(", ", InputChoices.ChannelKeys(builtIn)) + "." };
        var step = new Option<string?>("--step") { Description = "For a Canvas with --channel: the step, by name or id (default: the one step sending on the channel)." };
        var rate = new Option<string?>("--rate") { Description = "The rate to compare (default " + builtIn.DefaultRate + "), one of the channel's rates (case-insensitive). Valid: " + string.Join(", ", InputChoices.RateNames(builtIn)) + "." };
        var ids = new Option<bool>("--ids") { Description = "Show the variation API ids in the table (always in csv and json)." };
        var control = new Option<string?>("--control") { Description = "The arm to compare against, by variation API id or name (default: the Control Group, else the first variation)." };
        var split = new Option<string?>("--split")
        {
            Description = "The intended split for the sample-ratio check (default: equal): one positive weight per variation, "
                + "either in the order compare lists them (--split 10,45,45) or by variation API id or name "
                + "(--split \"Control Group=10,Variant A=45,Variant B=45\"); any scale. The check counts each arm's exposure "
                + "from the schema (x-exposure: sends, enrolment for the control).",
        };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json (json adds the chi-square and sample-ratio-mismatch tests)." };
        var readout = new CompareReadout();
        var command = new Command("compare", "Compare the variations of one channel on one rate: rates with Wilson intervals, lift, z-tests with Holm adjustment, probability to beat the control.");
        common.AddTo(command);
        command.Options.Add(channel);
        command.Options.Add(rate);
        command.Options.Add(step);
        command.Options.Add(control);
        command.Options.Add(split);
        command.Options.Add(ids);
        command.Options.Add(format);
        readout.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var output = Choices.Check(parse.GetValue(format), "--format", "table", "table", "csv", "json");
            readout.Validate(parse);
            var catalogue = SchemaOption.Catalogue(parse);
            var canvas = common.LoadCanvas(parse, common.Window(parse));
            if (canvas is not null)
            {
                if (parse.GetValue(channel) is null)
                {
                    return CanvasCommands.CompareVariants(canvas, parse.GetValue(control), common.Window(parse), output, readout.Adjustment(parse));
                }

                // A step channel rate: the step's messages are the campaign series' shapes, read with the bundled catalogue.
                catalogue = Models.CampaignDataSeriesCatalogue.Instance;
            }
            else if (parse.GetValue(step) is not null)
            {
                throw new UserErrorException("--step is for Canvas inputs; a campaign has no steps.");
            }

            var descriptor = InputChoices.CatalogueChannel(catalogue, parse.GetValue(channel) ?? throw new UserErrorException("--channel: say which channel to compare, e.g. --channel email."));
            var rateName = parse.GetValue(rate) ?? catalogue.DefaultRate;
            if (descriptor.FindRate(rateName.Trim()) is not { } rateDescriptor)
            {
                var theirs = descriptor.Rates.Select(r => r.Name).ToList();
                throw new UserErrorException($"--rate: channel '{descriptor.Key}' has no rate '{Lines.Excerpt(rateName)}'{Suggest.DidYouMean(rateName.Trim(), theirs)}; its rates: {string.Join(", ", theirs)}.");
            }

            rateName = rateDescriptor.Name;

            var window = common.Window(parse);
            // One campaign at a time (the arguments are checked before anything is read): --all keeps only each campaign's comparison.
            var stream = canvas is null ? common.Stream(parse, window, catalogue) : new[] { CanvasInput.Step(canvas, descriptor, parse.GetValue(step)) };
            if (canvas is null && parse.GetValue(common.All))
            {
                if (readout.IsSequential(parse) || parse.GetValue(split) is not null || parse.GetValue(control) is not null)
                {
                    throw new UserErrorException("compare --all compares every campaign against its own control: --sequential, --split and --control work on one campaign.");
                }

                return ComparePortfolio.Run(catalogue, stream, descriptor, new ChannelComparisonOptions
                {
                    Rate = rateName,
                    Window = window.From is { } wf && window.To is { } wt ? new DateInterval(wf, wt) : null,
                    Statistics = new ComparisonOptions { Adjustment = readout.Adjustment(parse) },
                }, output);
            }

            var input = Single(stream);
            var inputs = new[] { input };
            InputChoices.RequirePresent(descriptor, InputContents.Of(catalogue, inputs));
            var options = new ChannelComparisonOptions
            {
                Rate = rateName,
                Control = parse.GetValue(control),
                Window = window.From is { } f && window.To is { } t ? new DateInterval(f, t) : null,
                Statistics = new ComparisonOptions { Adjustment = readout.Adjustment(parse) },
                Labels = input.Stored?.Labels,

                // ExposureMetrics stays null: the channel's x-exposure metrics from the schema.
            };

            var result = Compare(catalogue, input, descriptor.Key, options);
            if (result.Arms.Count == 0)
            {
                throw new UserErrorException($"campaign '{input.CampaignId}' has no '{descriptor.Key}' variations in the days given; nothing to compare.");
            }

            if (parse.GetValue(split) is { } splitText)
            {
                // The weights follow the arms, which are known once the days are read.
                var weights = ParseSplit(splitText, result.Arms);
                options = options with { Statistics = options.Statistics with { IntendedWeights = weights } };
                result = Compare(catalogue, input, descriptor.Key, options);
            }

            if (readout.IsSequential(parse))
            {
                readout.Write(parse, output, catalogue, input, descriptor.Key, options);
                UnknownDataNote.Write(inputs, catalogue);
                return ExitCodes.Success;
            }

            var adjustment = options.Statistics.Adjustment;
            switch (output)
            {
                case "json":
                    Emit.WriteRaw(ToJson(input.CampaignId, result, WithConversionEvent(CampaignNameColumn.Append(CompareReadout.RenameAdjusted(ToTable(result), adjustment), inputs), result), options.Statistics.IntendedWeights));
                    break;
                case "csv":
                    Emit.ToStdout(WithConversionEvent(CampaignNameColumn.Append(CompareReadout.RenameAdjusted(ToTable(result), adjustment), inputs), result), "csv");
                    break;
                default:
                    Emit.ToTerminal(ToDisplay(input.Title, result, options.Statistics, parse.GetValue(ids)));
                    if (ConversionEventLine(result) is { } measured)
                    {
                        Emit.Stdout.WriteLine(measured);
                    }

                    foreach (var line in Summary(result, options.Statistics).Concat(readout.FixedLines(parse, catalogue, input, result, options)))
                    {
                        Emit.Stdout.WriteLine(line);
                    }

                    break;
            }

            foreach (var note in Notes(input.CampaignId, result))
            {
                Note.Write(note);
            }

            if (output != "table" && ConversionEventLine(result) is { } measuredNote)
            {
                Note.Write(measuredNote);
            }

            UnknownDataNote.Write(inputs, catalogue);
            return ExitCodes.Success;
        }));
        Help.AddExamples(command, Examples);
        return command;
    }

    /// <summary>
    /// Which conversion event the compared rate counts (<c>Measures conversion event A: Purchase of "Feline Body Armor"
    /// (conversions).</c>), when the store knows the campaign's conversion behaviours and the rate counts one; else null.
    /// </summary>
    internal static string? ConversionEventLine(ChannelComparisonResult result) =>
        result.ConversionEvent is { } measured ? $"Measures conversion event {EventText(measured)} ({result.Rate.Numerator.Name})." : null;

    /// <summary>A conversion event as the <c>conversion_event</c> column shows it: <c>A: Purchase of "Feline Body Armor"</c>.</summary>
    internal static string EventText(ConversionEvent measured) => $"{measured.Letter}: {measured.Label}";

    /// <summary>
    /// The table with a <c>conversion_event</c> column appended (last, after any other) when the comparison knows the
    /// conversion event its rate counts (<see cref="ChannelComparisonResult.ConversionEvent"/>); the table itself otherwise.
    /// </summary>
    internal static Table WithConversionEvent(Table table, ChannelComparisonResult result)
    {
        if (result.ConversionEvent is not { } measured)
        {
            return table;
        }

        var text = EventText(measured);
        return table.WithColumn(new Column(Frames.ColumnNames.ConversionEvent, ColumnType.String), _ => text);
    }

    /// <summary>
    /// The one campaign of the inputs; with more, a user error naming them all (each read and dropped in turn, so
    /// no more than the first and the one being read are held).
    /// </summary>
    private static CampaignInput Single(IEnumerable<CampaignInput> inputs)
    {
        CampaignInput? first = null;
        List<string>? others = null;
        foreach (var input in inputs)
        {
            if (first is null)
            {
                first = input;
            }
            else
            {
                (others ??= new List<string>()).Add(input.CampaignId);
            }
        }

        if (others is not null)
        {
            throw new UserErrorException($"compare works on one campaign, got {others.Count + 1}: {string.Join(", ", others.Prepend(first!.CampaignId))}; pass --campaign-id to read the files as parts of one campaign.");
        }

        // The loader hands out at least one campaign (no input is a user error before anything is read).
        return first ?? throw new InvalidOperationException("No campaign was read.");
    }

    private static ChannelComparisonResult Compare(ChannelCatalogue catalogue, CampaignInput input, string channel, ChannelComparisonOptions options)
    {
        try
        {
            return ChannelComparison.Compare(catalogue, input.Days, channel, options);
        }
        catch (ArgumentException e)
        {
            throw Blame(e);
        }
    }

    /// <summary>The library names the parameter at fault: blame the option the user set it with.</summary>
    internal static UserErrorException Blame(ArgumentException e)
    {
        var option = e.ParamName switch
        {
            "control" => "--control: ",
            "channel" => "--channel: ",
            "options" => "--rate: ",
            "weights" => "--split: ",
            _ => string.Empty,
        };
        return new UserErrorException(option + ArgumentErrors.Describe(e), e);
    }

    /// <summary>
    /// <c>--split</c>: one positive weight per arm, positional (<c>10,45,45</c>, in the arms' order) or named
    /// (<c>Control Group=10,Variant A=45,Variant B=45</c>, by variation API id or name); returns the weights in the arms' order.
    /// </summary>
    internal static IReadOnlyList<double> ParseSplit(string text, IReadOnlyList<ComparisonArm> arms)
    {
        var listed = string.Join(", ", arms.Select(a => a.VariationName ?? a.Key));
        var parts = text.Split(',').Select(p => p.Trim()).ToArray();
        var named = parts.Any(p => p.Contains('=', StringComparison.Ordinal));
        var weights = new double?[arms.Count];
        if (!named)
        {
            if (parts.Length != arms.Count)
            {
                throw new UserErrorException($"--split: {parts.Length} weight(s) for {arms.Count} variations ({listed}); give one weight per variation in that order, or name them (NAME_OR_ID=WEIGHT,...).");
            }

            for (var i = 0; i < parts.Length; i++)
            {
                weights[i] = Weight(parts[i], arms[i]);
            }
        }
        else
        {
            foreach (var part in parts)
            {
                var eq = part.LastIndexOf('=');
                if (eq <= 0)
                {
                    throw new UserErrorException($"--split: '{part}' is not NAME_OR_ID=WEIGHT; name every variation ({listed}) or give plain weights in that order.");
                }

                var name = part.Substring(0, eq).Trim();
                var i = arms.ToList().FindIndex(a => Variations.Matches(a.VariationApiId, a.VariationName, name));
                if (i < 0)
                {
                    throw new UserErrorException($"--split: no variation '{name}'; variations: {listed}.");
                }

                if (weights[i] is not null)
                {
                    throw new UserErrorException($"--split: variation '{name}' is given twice.");
                }

                weights[i] = Weight(part.Substring(eq + 1), arms[i]);
            }

            var missing = arms.Where((a, i) => weights[i] is null).Select(a => a.VariationName ?? a.Key).ToList();
            if (missing.Count > 0)
            {
                throw new UserErrorException($"--split: no weight for {string.Join(", ", missing)}; give one weight per variation ({listed}).");
            }
        }

        return weights.Select(w => w!.Value).ToArray();
    }

    private static double Weight(string text, ComparisonArm arm)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !(weight > 0) || !double.IsFinite(weight))
        {
            throw new UserErrorException($"--split: '{text.Trim()}' (for {arm.VariationName ?? arm.Key}) is not a positive number.");
        }

        return weight;
    }

    /// <summary>The comparison as a table of <see cref="Columns"/>, for CSV and JSON (exact numbers).</summary>
    public static Table ToTable(ChannelComparisonResult result)
    {
        var table = new Table(Columns);
        for (var i = 0; i < result.Arms.Count; i++)
        {
            var arm = result.Arms[i];
            var row = result.Result.Rows[i];
            table.Add(arm.VariationApiId, arm.VariationName, row.Trials, row.Successes, row.Rate, row.RateLower, row.RateUpper,
                row.RelativeLift, row.ZStatistic, row.PValue, row.AdjustedPValue, row.ProbabilityToBeatControl);
        }

        return table;
    }

    /// <summary>
    /// The comparison for people: the variation by name (its API id only when it has none, or in a column of its own with
    /// <paramref name="ids"/>), the rate's successes and trials under the metrics' names, the rate, its interval at the
    /// comparison's level, the lift, the p-values, the probability to beat the baseline and the verdict
    /// (<see cref="Formatting.VerdictOf"/>). On a narrow terminal z, the unadjusted p-value, the counts, the probability,
    /// the Holm p-value and the interval are left out, in that order.
    /// </summary>
    public static DisplayTable ToDisplay(string campaignId, ChannelComparisonResult result, ComparisonOptions statistics, bool ids)
    {
        var level = Formatting.Level(statistics.ConfidenceLevel);
        var columns = new List<DisplayColumn> { new("variation") };
        if (ids)
        {
            columns.Add(new DisplayColumn("variation id", Unbroken: true));
        }

        columns.AddRange(new DisplayColumn[]
        {
            new(result.Rate.Denominator.Name, Numeric: true, DropOrder: 4),
            new(result.Rate.Numerator.Name, Numeric: true, DropOrder: 5),
            new("rate", Numeric: true),
            new(level + " CI", Numeric: true, DropOrder: 1),
            new("lift", Numeric: true),
            new("z", Numeric: true, DropOrder: 7),
            new("p", Numeric: true, DropOrder: 6),
            new(statistics.Adjustment switch { PValueAdjustment.BenjaminiHochberg => "p (BH)", PValueAdjustment.None => "p (unadj.)", _ => "p (Holm)" }, Numeric: true, DropOrder: 2),
            new("P(better)", Numeric: true, DropOrder: 3),
            new("verdict"),
        });
        var table = new DisplayTable($"{campaignId} · {result.Channel} · {result.Rate.Name} ({result.Rate.Numerator.Name} / {result.Rate.Denominator.Name})", columns);
        for (var i = 0; i < result.Arms.Count; i++)
        {
            var arm = result.Arms[i];
            var row = result.Result.Rows[i];
            var cells = new List<string> { arm.DisplayName };
            if (ids)
            {
                cells.Add(arm.VariationApiId ?? string.Empty);
            }

            cells.AddRange(new[]
            {
                Formatting.Count(row.Trials),
                Formatting.Count(row.Successes),
                Formatting.Percent(row.Rate),
                Formatting.Interval(row.RateLower, row.RateUpper),
                Formatting.Lift(row.RelativeLift),
                Formatting.Statistic(row.ZStatistic),
                Formatting.PValue(row.PValue),
                Formatting.PValue(row.AdjustedPValue),
                Formatting.Probability(row.ProbabilityToBeatControl),
                Formatting.Text(Formatting.VerdictOf(row, statistics.ConfidenceLevel)),
            });
            table.Add(cells.ToArray());
        }

        return table;
    }

    /// <summary>How the baseline was chosen, for people.</summary>
    private static string SourceText(BaselineSource source) => source switch
    {
        BaselineSource.ControlGroup => "the control group",
        BaselineSource.Named => "chosen with --control",
        _ => "the first variation: this channel has no control group",
    };

    /// <summary>How the baseline was chosen, for JSON.</summary>
    private static string SourceKey(BaselineSource source) => source switch
    {
        BaselineSource.ControlGroup => "control_group",
        BaselineSource.Named => "named",
        _ => "first_variation",
    };

    /// <summary>
    /// The <c>note:</c> lines of a comparison (without the prefix): a baseline nobody chose (no control group), and a
    /// baseline that cannot carry the compared rate, so that no test column is empty without a word.
    /// </summary>
    internal static IEnumerable<string> Notes(string campaignId, ChannelComparisonResult result)
    {
        // With one arm nothing is tested, against any baseline.
        if (result.Control is not { } baseline || result.Arms.Count < 2)
        {
            yield break;
        }

        if (result.BaselineSource == BaselineSource.FirstVariation)
        {
            yield return $"channel {result.Channel} of campaign {campaignId} has no control group, so '{baseline.DisplayName}', its first variation, is the baseline the others are tested against; use --control NAME to choose another.";
        }

        if (baseline.Days > 0 && baseline.RateDays == 0)
        {
            var rate = result.Rate;
            var missing = baseline.DenominatorDays == 0 ? rate.Denominator.Name : rate.Numerator.Name;
            var who = baseline.IsControlGroup ? "the control group" : $"the baseline '{baseline.DisplayName}'";
            var instead = baseline.IsControlGroup ? "use --control NAME to compare the variations with each other" : "use --control NAME to choose another baseline";
            var carried = baseline.CarriedRates.Count > 0 ? $", or a rate {(baseline.IsControlGroup ? who : "it")} carries: {string.Join(", ", baseline.CarriedRates)}" : string.Empty;
            yield return $"{who} has no {missing} for {rate.Name}, so nothing can be tested against it; {instead}{carried}.";
        }
    }

    private static string BasisText(SampleRatioBasis basis) => basis.ToString().ToLowerInvariant();

    private static string SplitText(IReadOnlyList<double>? weights) =>
        weights is null ? "equal split" : "intended split " + string.Join(":", weights.Select(Cells.PlainDecimal));

    private static string[] Summary(ChannelComparisonResult result, ComparisonOptions statistics)
    {
        var chi = result.Result.ChiSquare;
        var srm = result.Result.SampleRatioMismatch;
        var level = Formatting.Level(statistics.ConfidenceLevel);
        var tested = result.Result.Rows.Count(r => !r.IsControl);
        return new[]
        {
            $"Baseline: {result.Control?.DisplayName} ({SourceText(result.BaselineSource)}). Window: {(result.Window is { } w ? Dates.Format(w.Start) + ".." + Dates.Format(w.End) : "none")}, {result.DaysCounted} days with data.",
            $"Verdicts at {level} confidence, {tested switch { 0 => "no variation to test against the baseline", 1 => "one variation tested", _ => statistics.Adjustment switch { PValueAdjustment.BenjaminiHochberg => $"p-values Benjamini-Hochberg-adjusted across {tested} variations", PValueAdjustment.None => $"p-values not adjusted across {tested} variations", _ => $"p-values Holm-adjusted across {tested} variations" } }}; rates with {level} Wilson intervals; lift relative to the baseline.",
            $"Chi-square across arms: {Formatting.Statistic(chi.Statistic)} (df {chi.DegreesOfFreedom}), {Formatting.PClause(chi.PValue)}.",
            result.Result.SampleRatioBasis == SampleRatioBasis.None
                ? $"Sample ratio check: skipped, no count measures every arm alike: {result.SampleRatioNote}."
                : $"Sample ratio check ({BasisText(result.Result.SampleRatioBasis)}{(result.SampleRatioNote is { } why ? ": " + why : string.Empty)}; {SplitText(statistics.IntendedWeights)}): {Formatting.SampleRatioSentence(srm.PValue)}.",
        };
    }

    private static byte[] ToJson(string campaignId, ChannelComparisonResult result, Table table, IReadOnlyList<double>? intendedWeights)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonTableWriter.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("campaign_id", campaignId);
            writer.WriteString("channel", result.Channel);
            writer.WriteString("rate", result.Rate.Name);
            writer.WriteString("numerator", result.Rate.Numerator.Name);
            writer.WriteString("denominator", result.Rate.Denominator.Name);
            writer.WritePropertyName("window_start");
            JsonTableWriter.WriteValue(writer, result.Window?.Start);
            writer.WritePropertyName("window_end");
            JsonTableWriter.WriteValue(writer, result.Window?.End);
            writer.WriteNumber("days_counted", result.DaysCounted);
            writer.WritePropertyName("control_variation_api_id");
            JsonTableWriter.WriteValue(writer, result.Control?.VariationApiId);
            writer.WritePropertyName("control_variation_name");
            JsonTableWriter.WriteValue(writer, result.Control?.VariationName);
            writer.WriteStartObject("baseline");
            writer.WritePropertyName("variation_api_id");
            JsonTableWriter.WriteValue(writer, result.Control?.VariationApiId);
            writer.WritePropertyName("variation_name");
            JsonTableWriter.WriteValue(writer, result.Control?.VariationName);
            writer.WriteString("source", SourceKey(result.BaselineSource));
            writer.WriteEndObject();
            writer.WritePropertyName("variations");
            JsonTableWriter.WriteArray(table, writer);

            var chi = result.Result.ChiSquare;
            writer.WriteStartObject("chi_square");
            writer.WritePropertyName("statistic");
            JsonTableWriter.WriteValue(writer, chi.Statistic);
            writer.WriteNumber("degrees_of_freedom", chi.DegreesOfFreedom);
            writer.WritePropertyName("p_value");
            JsonTableWriter.WriteValue(writer, chi.PValue);
            writer.WriteEndObject();

            var srm = result.Result.SampleRatioMismatch;
            writer.WriteStartObject("sample_ratio_mismatch");
            writer.WriteString("basis", BasisText(result.Result.SampleRatioBasis));
            writer.WritePropertyName("note");
            JsonTableWriter.WriteValue(writer, result.SampleRatioNote);
            writer.WritePropertyName("intended_weights");
            if (intendedWeights is null)
            {
                writer.WriteNullValue(); // an equal split
            }
            else
            {
                writer.WriteStartArray();
                foreach (var w in intendedWeights)
                {
                    writer.WriteNumberValue(w);
                }

                writer.WriteEndArray();
            }

            writer.WritePropertyName("statistic");
            JsonTableWriter.WriteValue(writer, srm.Statistic);
            writer.WriteNumber("degrees_of_freedom", srm.DegreesOfFreedom);
            writer.WritePropertyName("p_value");
            JsonTableWriter.WriteValue(writer, srm.PValue);
            writer.WriteStartArray("observed");
            foreach (var o in srm.Observed)
            {
                writer.WriteNumberValue(o);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("expected");
            foreach (var e in srm.Expected)
            {
                writer.WriteNumberValue(e);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }
}
