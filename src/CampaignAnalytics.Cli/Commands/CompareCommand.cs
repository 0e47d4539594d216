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
using CampaignAnalytics.Frames;
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

    public static Command Create()
    {
        var common = new CommonOptions();
        var channel = new Option<string>("--channel") { Description = "The channel key (e.g. email, ios_push); the schema's channels are valid.", Required = true };
        var rate = new Option<string?>("--rate") { Description = "The rate to compare (default ConversionRate); the channel's rates from the schema are valid." };
        var control = new Option<string?>("--control") { Description = "The arm to compare against, by variation API id or name (default: the Control Group, else the first variation)." };
        var split = new Option<string?>("--split")
        {
            Description = "The intended split for the sample-ratio check (default: equal): one positive weight per variation, "
                + "either in the order compare lists them (--split 10,45,45) or by variation API id or name "
                + "(--split \"Control Group=10,Variant A=45,Variant B=45\"); any scale. The check counts each arm's exposure "
                + "from the schema (x-exposure: sends, enrolment for the control).",
        };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json (json adds the chi-square and sample-ratio-mismatch tests)." };
        var command = new Command("compare", "Compare the variations of one channel on one rate: rates with Wilson intervals, lift, z-tests with Holm adjustment, probability to beat the control.");
        common.AddTo(command);
        command.Options.Add(channel);
        command.Options.Add(rate);
        command.Options.Add(control);
        command.Options.Add(split);
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var output = Choices.Check(parse.GetValue(format), "--format", "table", "table", "csv", "json");
            var catalogue = InputLoader.Catalogue;
            var channelKey = parse.GetValue(channel)!;
            var descriptor = catalogue.FindChannel(channelKey)
                ?? throw new UserErrorException($"--channel: unknown channel '{channelKey}'; valid channels: {string.Join(", ", catalogue.Channels.Select(c => c.Key))}.");
            var rateName = parse.GetValue(rate) ?? ChannelComparisonOptions.DefaultRate;
            if (descriptor.FindRate(rateName) is null)
            {
                throw new UserErrorException($"--rate: channel '{descriptor.Key}' has no rate '{rateName}'; its rates: {string.Join(", ", descriptor.Rates.Select(r => r.Name))}.");
            }

            var window = common.Window(parse);
            var inputs = common.Load(parse, window);
            if (inputs.Count > 1)
            {
                throw new UserErrorException($"compare works on one campaign, got {inputs.Count}: {string.Join(", ", inputs.Select(i => i.CampaignId))}; pass --campaign-id to read the files as parts of one campaign.");
            }

            var input = inputs[0];
            var options = new ChannelComparisonOptions
            {
                Rate = rateName,
                Control = parse.GetValue(control),
                Window = window.From is { } f && window.To is { } t ? new DateInterval(f, t) : null,

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

            var table = ToTable(result);
            switch (output)
            {
                case "json":
                    Emit.WriteRaw(ToJson(input.CampaignId, result, table, options.Statistics.IntendedWeights));
                    break;
                case "csv":
                    Emit.ToStdout(table, "csv");
                    break;
                default:
                    Emit.ToStdout(table, "table", $"{input.CampaignId}: {descriptor.Key} {result.Rate.Name} ({result.Rate.Numerator.Name} / {result.Rate.Denominator.Name})");
                    foreach (var line in Summary(result, options.Statistics.IntendedWeights))
                    {
                        Emit.Stdout.WriteLine(line);
                    }

                    break;
            }

            UnknownDataNote.Write(inputs, catalogue);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static ChannelComparisonResult Compare(ChannelCatalogue catalogue, CampaignInput input, string channel, ChannelComparisonOptions options)
    {
        try
        {
            return ChannelComparison.Compare(catalogue, input.Days, channel, options);
        }
        catch (ArgumentException e)
        {
            // The library names the parameter at fault: blame the option the user set it with.
            var option = e.ParamName switch
            {
                "control" => "--control: ",
                "channel" => "--channel: ",
                "options" => "--rate: ",
                "weights" => "--split: ",
                _ => string.Empty,
            };
            throw new UserErrorException(option + ArgumentErrors.Describe(e), e);
        }
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

    private static string SplitText(IReadOnlyList<double>? weights) =>
        weights is null ? "equal split" : "intended split " + string.Join(":", weights.Select(w => w.ToString("G6", CultureInfo.InvariantCulture)));

    private static string[] Summary(ChannelComparisonResult result, IReadOnlyList<double>? split)
    {
        var chi = result.Result.ChiSquare;
        var srm = result.Result.SampleRatioMismatch;
        return new[]
        {
            $"Control: {result.Control?.VariationName ?? result.Control?.Key}. Window: {(result.Window is { } w ? Dates.Format(w.Start) + ".." + Dates.Format(w.End) : "none")}, {result.DaysCounted} days with data.",
            $"Chi-square across arms: {Cells.Display(chi.Statistic)} (df {chi.DegreesOfFreedom}), p = {Cells.Display(chi.PValue)}.",
            $"Sample ratio check ({result.Result.SampleRatioBasis.ToString().ToLowerInvariant()}, {SplitText(split)}): {Cells.Display(srm.Statistic)} (df {srm.DegreesOfFreedom}), p = {Cells.Display(srm.PValue)}.",
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
            writer.WriteString("basis", result.Result.SampleRatioBasis.ToString().ToLowerInvariant());
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
