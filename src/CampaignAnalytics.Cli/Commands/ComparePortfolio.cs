using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Models;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Display;
using CampaignAnalytics.Statistics;
using Spectre.Console;
using Table = CampaignAnalytics.Cli.Output.Table;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// <c>compare --store PATH --all --channel C</c>: every campaign's variations against its own baseline, in one table, with
/// the per-campaign adjusted p-value (Holm by default) beside the Benjamini–Hochberg p-value across every test of the
/// portfolio, sorted by the latter: "which of my tests won?" with the false-discovery rate controlled across campaigns.
/// </summary>
internal static class ComparePortfolio
{
    public static readonly Column[] Columns =
    {
        new("campaign_id", ColumnType.String),
        new(Frames.ColumnNames.VariationApiId, ColumnType.String),
        new(Frames.ColumnNames.VariationName, ColumnType.String),
        new("trials", ColumnType.Integer),
        new("successes", ColumnType.Integer),
        new("rate", ColumnType.Number),
        new("baseline_rate", ColumnType.Number),
        new("lift", ColumnType.Number),
        new("p_value", ColumnType.Number),
        new("p_value_holm", ColumnType.Number),
        new("p_value_bh_portfolio", ColumnType.Number),
        new(Frames.ColumnNames.ConversionEvent, ColumnType.String),
        new("campaign_name", ColumnType.String),
    };

    /// <summary>One tested arm of one campaign: the campaign's id and name and its comparison's sums, never its days.</summary>
    private sealed record Test(string CampaignId, string? Name, ChannelComparisonResult Result, int Row, string? Event);

    /// <summary>
    /// Compares the campaigns as they come (<see cref="CampaignStream"/>: one campaign's days at a time, the next read
    /// ahead): each campaign's days are dropped once compared; only the comparisons are kept, since Benjamini–Hochberg
    /// across the portfolio needs every p-value.
    /// </summary>
    public static int Run(ChannelCatalogue catalogue, IEnumerable<CampaignInput> inputs, ChannelDescriptor channel, ChannelComparisonOptions options, string output)
    {
        var tests = new List<Test>();
        var skipped = new List<string>();
        foreach (var input in inputs)
        {
            if (input.Days.All(d => channel.GetVariations(d).Count == 0))
            {
                skipped.Add(input.CampaignId);
                continue;
            }

            ChannelComparisonResult result;
            try
            {
                result = ChannelComparison.Compare(catalogue, input.Days, channel.Key, options with { Labels = input.Stored?.Labels });
            }
            catch (ArgumentException e)
            {
                throw new UserErrorException($"campaign '{input.CampaignId}': {ArgumentErrors.Describe(e)}", e);
            }

            var measured = result.ConversionEvent is { } measuredEvent ? CompareCommand.EventText(measuredEvent) : null;
            for (var i = 0; i < result.Result.Rows.Count; i++)
            {
                if (i != result.Result.ControlIndex)
                {
                    tests.Add(new Test(input.CampaignId, input.Name, result, i, measured));
                }
            }
        }

        if (tests.Count == 0)
        {
            throw new UserErrorException($"no stored campaign has '{channel.Key}' variations to compare in the days given.");
        }

        var bh = Adjust.BenjaminiHochberg(tests.Select(t => t.Result.Result.Rows[t.Row].PValue).ToList());
        var order = Enumerable.Range(0, tests.Count).OrderBy(i => bh[i] ?? double.PositiveInfinity).ThenBy(i => tests[i].CampaignId, StringComparer.Ordinal).ThenBy(i => tests[i].Row).ToList();
        var table = new Table(Columns);
        foreach (var i in order)
        {
            var t = tests[i];
            var row = t.Result.Result.Rows[t.Row];
            var arm = t.Result.Arms[t.Row];
            var baseline = t.Result.Result.ControlIndex is int c ? t.Result.Result.Rows[c].Rate : null;
            table.Add(t.CampaignId, arm.VariationApiId, arm.VariationName, row.Trials, row.Successes, row.Rate, baseline, row.RelativeLift, row.PValue, row.AdjustedPValue, bh[i], t.Event, t.Name);
        }

        if (output == "table")
        {
            var rate = tests[0].Result.Rate;
            var display = new DisplayTable($"{tests.Select(t => t.CampaignId).Distinct().Count()} campaigns · {channel.Key} · {rate.Name} ({rate.Numerator.Name} / {rate.Denominator.Name})", new DisplayColumn[]
            {
                new("campaign"), new("variation"), new("rate", Numeric: true), new("lift", Numeric: true), new("p (Holm)", Numeric: true, DropOrder: 1),
                new("p (BH, portfolio)", Numeric: true), new("conversion event", DropOrder: 0), new("verdict"),
            });
            foreach (var i in order)
            {
                var t = tests[i];
                var row = t.Result.Result.Rows[t.Row];
                var verdict = bh[i] is { } p && p < 1 - options.Statistics.ConfidenceLevel && row.RelativeLift is { } lift && lift != 0
                    ? (lift > 0 ? "better" : "worse")
                    : "no difference yet";
                display.Add(t.Name ?? t.CampaignId, t.Result.Arms[t.Row].DisplayName, Formatting.Percent(row.Rate), Formatting.Lift(row.RelativeLift),
                    Formatting.PValue(row.AdjustedPValue), Formatting.PValue(bh[i]), t.Event ?? string.Empty, verdict);
            }

            Emit.ToTerminal(display);
            Emit.Stdout.WriteLine($"{tests.Count} variation(s) tested against their own campaign's baseline; Holm adjusts within a campaign, Benjamini-Hochberg across all {tests.Count} tests of the portfolio (false-discovery rate); verdicts by the portfolio p at {Formatting.Level(options.Statistics.ConfidenceLevel)} confidence.");
        }
        else
        {
            Emit.ToStdout(table, output);
        }

        if (skipped.Count > 0)
        {
            Note.Write($"{skipped.Count} stored campaign(s) have no '{channel.Key}' variations in the days given and are left out: {string.Join(", ", skipped.Take(5))}{(skipped.Count > 5 ? $" and {skipped.Count - 5} more" : string.Empty)}.");
        }

        return ExitCodes.Success;
    }
}
