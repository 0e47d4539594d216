using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Rates;
using Spectre.Console;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>report</c>: every rate per channel and variation per period.</summary>
internal static class ReportCommand
{
    public static readonly string[] Examples =
    {
        "campaign-analytics report spring-sale.json --by week --channel email",
        "campaign-analytics report spring-sale.json --by month --rate UniqueClickRate --variation \"Control Group\" --variation \"Subject - 20% Off\"",
        "campaign-analytics report --store campaigns.db --campaign 1234-abcd --from 2025-03-01 --to 2025-03-31 --format csv > march.csv",
    };

    public static Command Create()
    {
        var builtIn = Models.CampaignDataSeriesCatalogue.Instance; // option help lists the built-in channels and rates
        var common = new CommonOptions();
        var by = new Option<string?>("--by") { Description = "Period: day (default), week (ISO, Monday to Sunday) or month. Weeks and months are whole calendar periods; the days and partial columns say when the data covers fewer of their days." };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json." };
        var channels = new Option<string[]>("--channel")
        {
            Description = "Only this channel (repeatable). Valid: " + string.Join(", ", InputChoices.ChannelKeys(builtIn)) + ".",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var rates = new Option<string[]>("--rate")
        {
            Description = "Only this rate (repeatable, case-insensitive). Valid: " + string.Join(", ", InputChoices.RateNames(builtIn)) + ".",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var variations = new Option<string[]>("--variation")
        {
            Description = "Only this variation, by name or API id (repeatable, case-insensitive).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var ids = new Option<bool>("--ids") { Description = "Show the variation API ids in the table (always in csv and json)." };
        var command = new Command("report", "Every rate of every channel and variation, per period: the sum of numerators over the sum of denominators.");
        common.AddTo(command);
        command.Options.Add(by);
        command.Options.Add(channels);
        command.Options.Add(rates);
        command.Options.Add(variations);
        command.Options.Add(ids);
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var period = Choices.Check(parse.GetValue(by), "--by", "day", "day", "week", "month") switch
            {
                "week" => ReportPeriod.Week,
                "month" => ReportPeriod.Month,
                _ => ReportPeriod.Day,
            };
            var output = Choices.Check(parse.GetValue(format), "--format", "table", "table", "csv", "json");
            var catalogue = SchemaOption.Catalogue(parse);
            var chosenChannels = (parse.GetValue(channels) ?? Array.Empty<string>()).Select(c => InputChoices.CatalogueChannel(catalogue, c)).Distinct().ToList();
            var window = common.Window(parse);
            var inputs = common.Load(parse, window, catalogue);
            var filter = Filter(catalogue, inputs, chosenChannels, parse.GetValue(rates) ?? Array.Empty<string>(), parse.GetValue(variations) ?? Array.Empty<string>());

            var exceeded = new List<RateRow>();
            var rows = RateReport.Rows(catalogue, inputs, period, filter, exceeded);
            if (output == "table")
            {
                var first = true;
                foreach (var table in RateReport.ToDisplay(catalogue, rows, period, parse.GetValue(ids)))
                {
                    if (!first)
                    {
                        Emit.Stdout.WriteLine();
                    }

                    Emit.ToTerminal(table);
                    first = false;
                }
            }
            else
            {
                Emit.ToStdout(CampaignNameColumn.Append(RateReport.ToTable(rows), inputs), output);
            }

            foreach (var note in InputChoices.WindowNotes(inputs, window))
            {
                Note.Write(note);
            }

            if (rows.Count == 0 && filter != ReportFilter.All && inputs.Any(i => i.Days.Count > 0))
            {
                Note.Write("no rate matches --channel, --rate and --variation together in the days given.");
            }

            if (RateReport.ExceededNote(exceeded) is { } exceededNote)
            {
                Note.Write(exceededNote);
            }

            foreach (var note in RateReport.GapNotes(inputs, period, window.From, window.To))
            {
                Note.Write(note);
            }

            UnknownDataNote.Write(inputs, catalogue);
            return ExitCodes.Success;
        }));
        Help.AddExamples(command, Examples);
        return command;
    }

    /// <summary>The filter of <c>--channel</c>, <c>--rate</c> and <c>--variation</c>, each checked against the catalogue and the input.</summary>
    private static ReportFilter Filter(Catalogue.ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs, IReadOnlyList<Catalogue.ChannelDescriptor> chosen, IReadOnlyList<string> rates, IReadOnlyList<string> variations)
    {
        if (chosen.Count == 0 && rates.Count == 0 && variations.Count == 0)
        {
            return ReportFilter.All;
        }

        var inWindow = inputs.Any(i => i.Days.Count > 0);
        foreach (var channel in chosen.Where(_ => inWindow))
        {
            InputChoices.RequirePresent(channel, inputs, catalogue);
        }

        // Without a day in the window there is nothing to check against: the window note says so.
        var channels = chosen.Count > 0 ? chosen : inWindow ? InputChoices.PresentChannels(catalogue, inputs) : catalogue.Channels;
        var rateNames = rates.Count == 0 ? null : InputChoices.Rates(catalogue, rates, channels, channelsChosen: chosen.Count > 0);
        var variationNames = variations.Count == 0 ? null : inWindow ? InputChoices.Variations(variations, channels, chosen.Count > 0, inputs) : variations.Select(v => v.Trim()).ToList();
        return new ReportFilter(
            chosen.Count == 0 ? null : chosen.Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
            rateNames?.ToHashSet(StringComparer.Ordinal),
            variationNames);
    }
}
