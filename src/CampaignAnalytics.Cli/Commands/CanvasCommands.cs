using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Display;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Statistics;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>What <c>compare</c> and <c>export</c> do with Canvases beyond the campaign machinery they reuse for steps.</summary>
internal static class CanvasCommands
{
    /// <summary>The columns the Canvas output puts first (only Canvas output has them).</summary>
    private static readonly Column[] StepColumns =
    {
        new(CanvasDataSet.Columns.CanvasId, ColumnType.String),
        new(CanvasDataSet.Columns.CanvasName, ColumnType.String),
        new(CanvasDataSet.Columns.StepId, ColumnType.String),
        new(CanvasDataSet.Columns.StepName, ColumnType.String),
    };

    /// <summary>
    /// The Canvas A/B test: every variant against the control variant (or <paramref name="control"/>) on conversions per
    /// entry, over the window, as compare's table, csv or json.
    /// </summary>
    public static int CompareVariants(CanvasLoad canvas, string? control, (LocalDate? From, LocalDate? To) window, string output, PValueAdjustment adjustment)
    {
        if (canvas.Data.Canvases.Count != 1)
        {
            throw new UserErrorException($"compare works on one Canvas, got {canvas.Data.Canvases.Count}: {string.Join(", ", canvas.Data.Canvases.Select(c => c.CanvasId))}.");
        }

        var id = canvas.Data.Canvases[0].CanvasId;
        var days = canvas.Data.Variants.Select(v => v.Date).ToList();
        DateInterval? range = days.Count == 0 ? null : new DateInterval(window.From ?? days.Min(), window.To ?? days.Max());
        var statistics = new ComparisonOptions { Adjustment = adjustment };
        ComparisonResult result;
        try
        {
            result = canvas.Data.CompareVariants(id, control, range, statistics);
        }
        catch (CampaignDataException e)
        {
            throw new UserErrorException(e.Message, e);
        }

        var rate = CanvasDataSeriesCatalogue.CanvasVariantStatsRates[0];
        var columns = new[] { new Column(CanvasDataSet.Columns.VariantId, ColumnType.String), new Column(CanvasDataSet.Columns.VariantName, ColumnType.String) }
            .Concat(CompareCommand.Columns.Skip(2)).ToArray();
        var table = new Table(columns);
        foreach (var row in result.Rows)
        {
            table.Add(row.VariationKey, row.VariationName, row.Trials, row.Successes, row.Rate, row.RateLower, row.RateUpper,
                row.RelativeLift, row.ZStatistic, row.PValue, row.AdjustedPValue, row.ProbabilityToBeatControl);
        }

        if (output != "table")
        {
            Emit.ToStdout(CompareReadout.RenameAdjusted(table, adjustment), output);
            return ExitCodes.Success;
        }

        var name = canvas.Data.Canvases[0].Name ?? id;
        var display = new DisplayTable(
            $"{name}: {rate.Name} ({rate.Numerator.Name} / {rate.Denominator.Name}) of each variant against '{result.Rows[result.ControlIndex!.Value].VariationName ?? result.Rows[result.ControlIndex.Value].VariationKey}'",
            new[]
            {
                new DisplayColumn("variant"), new DisplayColumn(rate.Denominator.Name, Numeric: true, DropOrder: 2), new DisplayColumn(rate.Numerator.Name, Numeric: true, DropOrder: 2),
                new DisplayColumn("rate", Numeric: true), new DisplayColumn(Formatting.Level(statistics.ConfidenceLevel) + " interval", DropOrder: 4), new DisplayColumn("lift", Numeric: true),
                new DisplayColumn("p", Numeric: true, DropOrder: 1), new DisplayColumn("verdict"),
            });
        foreach (var row in result.Rows)
        {
            display.Add(
                row.VariationName ?? row.VariationKey,
                Formatting.Count(row.Trials),
                Formatting.Count(row.Successes),
                Formatting.Percent(row.Rate),
                Formatting.Interval(row.RateLower, row.RateUpper),
                row.IsControl ? "control" : Formatting.Lift(row.RelativeLift),
                row.IsControl ? string.Empty : Formatting.PValue(row.AdjustedPValue),
                row.IsControl ? string.Empty : Formatting.Text(Formatting.VerdictOf(row, statistics.ConfidenceLevel)));
        }

        Emit.ToTerminal(display);
        return ExitCodes.Success;
    }

    /// <summary>
    /// A campaign export table of the Canvas's steps (first column the step id, as <c>campaign_id</c>) with
    /// <c>canvas_id, canvas_name, step_id, step_name</c> in place of <c>campaign_id</c>.
    /// </summary>
    public static Table WithStepColumns(CanvasLoad canvas, Table steps)
    {
        if (steps.Columns[0].Name != ColumnNames.CampaignId)
        {
            throw new InvalidOperationException("The step table does not start with campaign_id.");
        }

        var table = new Table(StepColumns.Concat(steps.Columns.Skip(1)).ToArray());
        foreach (var row in steps.Rows)
        {
            var stepId = (string)row[0]!;
            var step = canvas.Data.StepOf(stepId)!;
            var cells = new object?[table.Columns.Count];
            cells[0] = step.CanvasId;
            cells[1] = step.CanvasName;
            cells[2] = stepId;
            cells[3] = step.StepName;
            Array.Copy(row, 1, cells, StepColumns.Length, row.Length - 1);
            table.Rows.Add(cells);
        }

        return table;
    }
}
