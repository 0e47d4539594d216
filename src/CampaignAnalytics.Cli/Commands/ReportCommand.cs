using System;
using System.Collections.Generic;
using System.CommandLine;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Rates;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>report</c>: every rate per channel and variation per period.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var by = new Option<string?>("--by") { Description = "Period: day (default), week (ISO, Monday first) or month." };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json." };
        var command = new Command("report", "Every rate of every channel and variation, per period: the sum of numerators over the sum of denominators.");
        common.AddTo(command);
        command.Options.Add(by);
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
            var window = common.Window(parse);
            var catalogue = SchemaOption.Catalogue(parse);
            var inputs = common.Load(parse, window, catalogue);
            var exceeded = new List<RateRow>();
            var table = RateReport.Build(catalogue, inputs, period, window.From, window.To, exceeded);
            Emit.ToStdout(table, output);
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
        return command;
    }
}
