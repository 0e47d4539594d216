using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Frames;
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
            var window = common.Window(parse);
            var canvas = common.LoadCanvas(parse, window);
            if (canvas is not null)
            {
                // A Canvas reports its steps' channel rates (each step a row group, keyed by step id and titled by step name): the bundled catalogue reads them.
                catalogue = Models.CampaignDataSeriesCatalogue.Instance;
            }

            var chosenChannels = (parse.GetValue(channels) ?? Array.Empty<string>()).Select(c => InputChoices.CatalogueChannel(catalogue, c)).Distinct().ToList();
            var chosenRates = parse.GetValue(rates) ?? Array.Empty<string>();
            var chosenVariations = parse.GetValue(variations) ?? Array.Empty<string>();
            var tally = new InputTally(catalogue, window);
            var filter = ReportFilter.All;
            if (canvas is not null)
            {
                // One Canvas's steps are bounded: the filter is checked against all of them.
                filter = Filter(InputContents.Of(catalogue, canvas.Steps), chosenChannels, chosenRates, chosenVariations);
            }
            else if (chosenChannels.Count > 0 || chosenRates.Length > 0 || chosenVariations.Length > 0)
            {
                // A filter is checked against every campaign before a row is written: a first pass gathers what they hold
                // (keeping no day).
                filter = Filter(InputContents.Of(catalogue, common.Stream(parse, window, catalogue)), chosenChannels, chosenRates, chosenVariations);
            }

            // Each campaign's rows (and its notes) are made where it is read: one campaign at a time on each of up to two
            // reading threads, so memory is a few campaigns' days and rows whatever the input, and this thread only writes.
            CampaignRows RowsOf(CampaignInput input)
            {
                var exceeded = new List<RateRow>();
                var rows = RateReport.Rows(catalogue, new[] { input }, period, filter, exceeded);
                return new CampaignRows(tally.Of(input), rows, exceeded, RateReport.GapNotes(new[] { input }, period, window.From, window.To).ToList());
            }

            var source = canvas is not null
                ? canvas.Steps.Select(RowsOf)
                : common.Stream(parse, window, catalogue, RowsOf, inFlight: Math.Clamp(Environment.ProcessorCount, 1, 2));
            RateRow? firstExceeded = null;
            long exceededCount = 0;
            long rowCount = 0;
            var gapNotes = new List<string>();
            IEnumerable<IReadOnlyList<RateRow>> Campaigns()
            {
                foreach (var campaign in source)
                {
                    tally.Record(campaign.Tally);
                    firstExceeded ??= campaign.Exceeded.Count > 0 ? campaign.Exceeded[0] : null;
                    exceededCount += campaign.Exceeded.Count;
                    rowCount += campaign.Rows.Count;
                    gapNotes.AddRange(campaign.GapNotes);
                    yield return campaign.Rows;
                }
            }

            string? pageNote = null;
            if (output == "table")
            {
                var page = TablePage.ForStdout();
                foreach (var rows in Campaigns())
                {
                    foreach (var table in RateReport.ToDisplay(catalogue, canvas is null ? rows : StepTitled(canvas, rows, parse.GetValue(ids)), period, parse.GetValue(ids)))
                    {
                        page.Add(table);
                    }
                }

                pageNote = page.Note();
            }
            else
            {
                Console.Out.Flush();
                using var stdout = new System.IO.BufferedStream(Console.OpenStandardOutput(), 1 << 16);
                // Names stored by fetch --all add campaign_name as the last column (every other column keeps its place); a
                // Canvas's rows (campaign_id = step id) add step_name last instead.
                var names = canvas is null ? common.StoredNames(parse, catalogue) : canvas.Steps.ToDictionary(s => s.CampaignId, s => s.StepName, StringComparer.Ordinal);
                var columns = names is null ? RateReport.Columns
                    : canvas is null ? CampaignNameSink.With(RateReport.Columns)
                    : RateReport.Columns.Append(new Column(CanvasDataSet.Columns.StepName, ColumnType.String)).ToList();
                // Disposed on every path (a later input failing included), so rows already made are not left in its buffer.
                using var text = new System.IO.StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                using RowSink inner = output == "csv" ? new CsvRowSink(columns, text) : new JsonRowSink(columns, stdout);
                using RowSink sink = names is null ? inner : new CampaignNameSink(inner, RateReport.Columns, names);
                RateReport.Write(Campaigns().SelectMany(r => r), sink);
                sink.Complete();
            }

            foreach (var note in tally.WindowNotes)
            {
                Note.Write(note);
            }

            if (pageNote is not null)
            {
                Note.Write(pageNote);
            }

            if (rowCount == 0 && filter != ReportFilter.All && tally.AnyDays)
            {
                Note.Write("no rate matches --channel, --rate and --variation together in the days given.");
            }

            if (firstExceeded is not null)
            {
                Note.Write(RateReport.ExceededNote(firstExceeded, exceededCount));
            }

            foreach (var note in gapNotes)
            {
                Note.Write(note);
            }

            if (tally.UnknownNote() is { } unknownNote)
            {
                Note.Write(unknownNote);
            }

            return ExitCodes.Success;
        }));
        Help.AddExamples(command, Examples);
        return command;
    }

    /// <summary>
    /// A Canvas's rows for the terminal, each titled by its step's name instead of the step id: the name alone when no other
    /// step has it, with the id beside it when one does (or with <c>--ids</c>), the id alone when the step has no name.
    /// </summary>
    private static IReadOnlyList<RateRow> StepTitled(CanvasLoad canvas, IReadOnlyList<RateRow> rows, bool ids)
    {
        var shared = canvas.Steps.Where(s => s.StepName is not null).GroupBy(s => s.StepName!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var titles = canvas.Steps.ToDictionary(
            s => s.CampaignId,
            s => s.StepName is { } name && !ids && !shared.Contains(name) ? name : s.Title,
            StringComparer.Ordinal);
        return rows.Select(r => r.CampaignId is { } id && titles.TryGetValue(id, out var title) ? r with { CampaignId = title } : r).ToList();
    }

    /// <summary>One campaign's share of the tally, its report rows, the rows whose days hold more of a rate's numerator than its denominator, and its gap notes (none holds its days).</summary>
    private sealed record CampaignRows(InputTally.Part Tally, IReadOnlyList<RateRow> Rows, IReadOnlyList<RateRow> Exceeded, IReadOnlyList<string> GapNotes);

    private static ReportFilter Filter(InputContents inputs, IReadOnlyList<Catalogue.ChannelDescriptor> chosen, IReadOnlyList<string> rates, IReadOnlyList<string> variations)
    {
        if (chosen.Count == 0 && rates.Count == 0 && variations.Count == 0)
        {
            return ReportFilter.All;
        }

        var inWindow = inputs.AnyDays;
        foreach (var channel in chosen.Where(_ => inWindow))
        {
            InputChoices.RequirePresent(channel, inputs);
        }

        // Without a day in the window there is nothing to check against: the window note says so.
        var channels = chosen.Count > 0 ? chosen : inWindow ? inputs.PresentChannels : inputs.Catalogue.Channels;
        var rateNames = rates.Count == 0 ? null : InputChoices.Rates(inputs.Catalogue, rates, channels, channelsChosen: chosen.Count > 0);
        var variationNames = variations.Count == 0 ? null : inWindow ? InputChoices.Variations(variations, channels, chosen.Count > 0, inputs) : variations.Select(v => v.Trim()).ToList();
        return new ReportFilter(
            chosen.Count == 0 ? null : chosen.Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
            rateNames?.ToHashSet(StringComparer.Ordinal),
            variationNames);
    }
}
