using System;
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
using NodaTime;
using Spectre.Console;
using Table = CampaignAnalytics.Cli.Output.Table;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>compare</c>: the variation comparison of one channel on one rate (Braze's conversion rate by default).</summary>
internal static class CompareCommand
{
    public static readonly Column[] Columns =
    {
        new("variation_api_id", ColumnType.String),
        new("variation_name", ColumnType.String),
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

    /// <summary>Metrics that say how many users an arm was assigned, tried in order per element for the sample-ratio check.</summary>
    private static readonly string[] ExposureCandidates = { "sent", "impressions", "enrolled" };

    public static Command Create()
    {
        var common = new CommonOptions();
        var channel = new Option<string>("--channel") { Description = "The channel key (e.g. email, ios_push); the schema's channels are valid.", Required = true };
        var rate = new Option<string?>("--rate") { Description = "The rate to compare (default ConversionRate); the channel's rates from the schema are valid." };
        var control = new Option<string?>("--control") { Description = "The arm to compare against, by variation API id or name (default: the Control Group, else the first variation)." };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json (json adds the chi-square and sample-ratio-mismatch tests)." };
        var command = new Command("compare", "Compare the variations of one channel on one rate: rates with Wilson intervals, lift, z-tests with Holm adjustment, probability to beat the control.");
        common.AddTo(command);
        command.Options.Add(channel);
        command.Options.Add(rate);
        command.Options.Add(control);
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
                ExposureMetrics = ExposureCandidates.Where(m => descriptor.FindMetric(m) is not null).ToArray(),
            };

            ChannelComparisonResult result;
            try
            {
                result = ChannelComparison.Compare(catalogue, input.Days, descriptor.Key, options);
            }
            catch (ArgumentException e)
            {
                // Unknown control: the library's message lists the variations.
                throw new UserErrorException("--control: " + StripParameter(e.Message), e);
            }

            if (result.Arms.Count == 0)
            {
                throw new UserErrorException($"campaign '{input.CampaignId}' has no '{descriptor.Key}' variations in the days given; nothing to compare.");
            }

            var table = ToTable(result);
            switch (output)
            {
                case "json":
                    Emit.WriteRaw(ToJson(input.CampaignId, result, table));
                    break;
                case "csv":
                    Emit.ToStdout(table, "csv");
                    break;
                default:
                    Emit.ToStdout(table, "table", $"{input.CampaignId}: {descriptor.Key} {result.Rate.Name} ({result.Rate.Numerator.Name} / {result.Rate.Denominator.Name})");
                    foreach (var line in Summary(result))
                    {
                        Emit.Stdout.WriteLine(line);
                    }

                    break;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string StripParameter(string message)
    {
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message.Substring(0, cut) : message;
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

    private static string[] Summary(ChannelComparisonResult result)
    {
        var chi = result.Result.ChiSquare;
        var srm = result.Result.SampleRatioMismatch;
        return new[]
        {
            $"Control: {result.Control?.VariationName ?? result.Control?.Key}. Window: {(result.Window is { } w ? Dates.Format(w.Start) + ".." + Dates.Format(w.End) : "none")}, {result.DaysCounted} days with data.",
            $"Chi-square across arms: {Cells.Display(chi.Statistic)} (df {chi.DegreesOfFreedom}), p = {Cells.Display(chi.PValue)}.",
            $"Sample ratio check ({result.Result.SampleRatioBasis.ToString().ToLowerInvariant()}, equal split): {Cells.Display(srm.Statistic)} (df {srm.DegreesOfFreedom}), p = {Cells.Display(srm.PValue)}.",
        };
    }

    private static byte[] ToJson(string campaignId, ChannelComparisonResult result, Table table)
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
