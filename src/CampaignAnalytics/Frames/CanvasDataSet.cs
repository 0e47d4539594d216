using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Frames;

/// <summary>
/// One or more Canvases' daily series flattened at three grains, by walking the generated catalogues: the Canvas total per
/// day (<see cref="Totals"/>), each variant per day (<see cref="Variants"/>) and each step per day (<see cref="Steps"/>),
/// whose messages are the campaign series' very channel shapes — so <see cref="StepChannels"/> is a
/// <see cref="CampaignDataSet"/> of the bundled campaign catalogue with one "campaign" per step (its id the step id), and
/// every channel rate, comparison and frame of campaigns applies to steps unchanged.
/// </summary>
/// <remarks>
/// With the Canvas's details (<c>/canvas/details</c>), a step knows the variants that reach it: those whose
/// <c>first_step_ids</c> (or older <c>first_step_id</c>) lead to it through <c>next_step_ids</c> and <c>next_paths</c>. A step
/// reached by exactly one variant carries that variant's id and name; a shared step (or one without details) carries none.
/// </remarks>
public sealed class CanvasDataSet
{
    /// <summary>The names of the Canvas columns (long and wide frames; the long export adds them to Canvas output only).</summary>
    public static class Columns
    {
        /// <summary>The Canvas API identifier.</summary>
        public const string CanvasId = "canvas_id";

        /// <summary>The Canvas's name.</summary>
        public const string CanvasName = "canvas_name";

        /// <summary>The variant's id (the key of <c>variant_stats</c>).</summary>
        public const string VariantId = "variant_id";

        /// <summary>The variant's name.</summary>
        public const string VariantName = "variant_name";

        /// <summary>The step's id (the key of <c>step_stats</c>).</summary>
        public const string StepId = "step_id";

        /// <summary>The step's name.</summary>
        public const string StepName = "step_name";
    }

    private readonly Dictionary<string, CanvasStepDay> _stepOf = new(StringComparer.Ordinal);

    private CanvasDataSet(IReadOnlyList<CanvasDays> canvases, IReadOnlyDictionary<string, CanvasDetailsResponse> details)
    {
        Canvases = canvases;
        var totals = new List<CanvasTotalDay>();
        var variants = new List<CanvasVariantDay>();
        var steps = new List<CanvasStepDay>();
        var stepSeries = new Dictionary<string, List<DailyDataPoint>>(StringComparer.Ordinal);
        foreach (var canvas in canvases)
        {
            ArgumentNullException.ThrowIfNull(canvas);
            details.TryGetValue(canvas.CanvasId, out var detail);
            var name = canvas.Name ?? detail?.Name;
            var reach = VariantsReaching(detail);
            foreach (var day in canvas.Days)
            {
                if (day.TotalStats is { } total)
                {
                    totals.Add(new CanvasTotalDay(canvas.CanvasId, name, day.Time, total));
                }

                foreach (var (variantId, stats) in day.VariantStats ?? Empty<CanvasVariantStats>())
                {
                    variants.Add(new CanvasVariantDay(canvas.CanvasId, name, day.Time, variantId, stats.Name ?? VariantName(detail, variantId), stats));
                }

                foreach (var (stepId, stats) in day.StepStats ?? Empty<CanvasStepStats>())
                {
                    var variant = reach.TryGetValue(stepId, out var only) ? only : null;
                    var row = new CanvasStepDay(canvas.CanvasId, name, day.Time, stepId, stats.Name ?? StepName(detail, stepId), variant?.Id, variant?.Name, stats);
                    steps.Add(row);
                    _stepOf.TryAdd(stepId, row);
                    if (!stepSeries.TryGetValue(stepId, out var series))
                    {
                        stepSeries.Add(stepId, series = new List<DailyDataPoint>());
                    }

                    series.Add(new DailyDataPoint { Time = day.Time, Messages = stats.Messages });
                }
            }
        }

        Totals = totals;
        Variants = variants;
        Steps = steps;
        StepChannels = CampaignDataSet.Create(CampaignDataSeriesCatalogue.Instance, stepSeries.Select(s => new CampaignDays<DailyDataPoint>(s.Key, s.Value)));
    }

    /// <summary>Flattens Canvases' days, with the details of those that have them (keyed by Canvas id).</summary>
    /// <param name="canvases">The Canvases' days (as the client or the store gives them).</param>
    /// <param name="details">Details by Canvas id; null or missing entries for none.</param>
    public static CanvasDataSet Create(IEnumerable<CanvasDays> canvases, IReadOnlyDictionary<string, CanvasDetailsResponse>? details = null)
    {
        ArgumentNullException.ThrowIfNull(canvases);
        return new CanvasDataSet(canvases.ToList(), details ?? new Dictionary<string, CanvasDetailsResponse>());
    }

    /// <summary>Flattens one Canvas's days, with its details when given.</summary>
    /// <param name="canvas">The Canvas's days.</param>
    /// <param name="details">Its details, or null.</param>
    public static CanvasDataSet Create(CanvasDays canvas, CanvasDetailsResponse? details = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        return Create(new[] { canvas }, details is null ? null : new Dictionary<string, CanvasDetailsResponse>(StringComparer.Ordinal) { [canvas.CanvasId] = details });
    }

    /// <summary>The Canvases, in the order given.</summary>
    public IReadOnlyList<CanvasDays> Canvases { get; }

    /// <summary>Each Canvas's totals per day (days without <c>total_stats</c> have no row).</summary>
    public IReadOnlyList<CanvasTotalDay> Totals { get; }

    /// <summary>Each variant per day, in the order received.</summary>
    public IReadOnlyList<CanvasVariantDay> Variants { get; }

    /// <summary>Each step per day, in the order received.</summary>
    public IReadOnlyList<CanvasStepDay> Steps { get; }

    /// <summary>
    /// The steps' channel statistics as a campaign data set of the bundled catalogue: one "campaign" per step, its id the
    /// step id. Its frames, rates and comparisons are the campaigns' (see <see cref="StepOf"/> for a step's Canvas and name).
    /// </summary>
    public CampaignDataSet StepChannels { get; }

    /// <summary>A step's first row (Canvas, names, reaching variant), or null for a step this data set lacks.</summary>
    /// <param name="stepId">The step id.</param>
    public CanvasStepDay? StepOf(string stepId) => _stepOf.TryGetValue(stepId, out var row) ? row : null;

    /// <summary>
    /// The Canvas totals' long frame: <c>canvas_id, canvas_name, date, metric, value</c>, one row per value reported, metrics
    /// in catalogue order.
    /// </summary>
    public DataFrame ToTotalsLongFrame() =>
        LongFrame(Totals, CanvasDataSeriesCatalogue.CanvasTotalStatsMetrics, static r => r.Stats, withVariant: false, static r => (r.CanvasId, r.CanvasName, r.Date, null, null));

    /// <summary>The variants' long frame: <c>canvas_id, canvas_name, date, variant_id, variant_name, metric, value</c>.</summary>
    public DataFrame ToVariantsLongFrame() =>
        LongFrame(Variants, CanvasDataSeriesCatalogue.CanvasVariantStatsMetrics, static r => r.Stats, withVariant: true, static r => (r.CanvasId, r.CanvasName, r.Date, r.VariantId, r.VariantName));

    /// <summary>
    /// The step × channel long frame: <c>canvas_id, canvas_name, step_id, step_name, variant_id, variant_name</c> then the
    /// campaign long frame's <c>date, channel, variation_api_id, variation_name, metric, value</c> (one row per value reported).
    /// </summary>
    public DataFrame ToStepsLongFrame()
    {
        var values = StepChannels.Values.Where(v => !v.IsDerived).ToList();
        var frame = StepChannels.ToLongFrame();
        frame.Columns.Remove(ColumnNames.CampaignId);
        var prefix = StepColumns(values, static v => v.CampaignId);
        for (var i = prefix.Count - 1; i >= 0; i--)
        {
            frame.Columns.Insert(0, prefix[i]);
        }

        return frame;
    }

    /// <summary>The Canvas totals' wide frame: <c>canvas_id, canvas_name, date</c>, one column per metric, then one per rate.</summary>
    public DataFrame ToTotalsWideFrame()
    {
        var rows = Totals;
        var columns = new List<DataFrameColumn>
        {
            ColumnFactory.String(Columns.CanvasId, rows, static r => r.CanvasId),
            ColumnFactory.String(Columns.CanvasName, rows, static r => r.CanvasName),
            ColumnFactory.String(ColumnNames.Date, rows, static r => Invariant.InvariantText.Iso(r.Date)),
        };
        CampaignDataSet.AddMetricColumns(columns, CanvasDataSeriesCatalogue.CanvasTotalStatsMetrics, rows, static r => r.Stats);
        foreach (var rate in CanvasDataSeriesCatalogue.CanvasTotalStatsRates)
        {
            columns.Add(ColumnFactory.Double(rate.Name, rows, r => rate.Evaluate(r.Stats)));
        }

        return new DataFrame(columns);
    }

    /// <summary>The variants' wide frame: <c>canvas_id, canvas_name, date, variant_id, variant_name</c>, the metrics, then the rates.</summary>
    public DataFrame ToVariantsWideFrame()
    {
        var rows = Variants;
        var columns = new List<DataFrameColumn>
        {
            ColumnFactory.String(Columns.CanvasId, rows, static r => r.CanvasId),
            ColumnFactory.String(Columns.CanvasName, rows, static r => r.CanvasName),
            ColumnFactory.String(ColumnNames.Date, rows, static r => Invariant.InvariantText.Iso(r.Date)),
            ColumnFactory.String(Columns.VariantId, rows, static r => r.VariantId),
            ColumnFactory.String(Columns.VariantName, rows, static r => r.VariantName),
        };
        CampaignDataSet.AddMetricColumns(columns, CanvasDataSeriesCatalogue.CanvasVariantStatsMetrics, rows, static r => r.Stats);
        foreach (var rate in CanvasDataSeriesCatalogue.CanvasVariantStatsRates)
        {
            columns.Add(ColumnFactory.Double(rate.Name, rows, r => rate.Evaluate(r.Stats)));
        }

        return new DataFrame(columns);
    }

    /// <summary>
    /// The step × channel wide frame of one channel: <c>canvas_id, canvas_name, step_id, step_name, variant_id, variant_name</c>
    /// then the campaign wide frame's <c>date, variation_api_id, variation_name</c> and one column per metric.
    /// </summary>
    /// <param name="channel">A channel of the bundled campaign catalogue.</param>
    public DataFrame ToStepWideFrame(ChannelDescriptor channel)
    {
        var rows = StepChannels.ElementsOf(channel);
        var frame = StepChannels.ToWideFrame(channel);
        frame.Columns.Remove(ColumnNames.CampaignId);
        var prefix = StepColumns(rows, static r => r.CampaignId);
        for (var i = prefix.Count - 1; i >= 0; i--)
        {
            frame.Columns.Insert(0, prefix[i]);
        }

        return frame;
    }

    private List<StringDataFrameColumn> StepColumns<TRow>(IReadOnlyList<TRow> rows, Func<TRow, string> stepId)
    {
        CanvasStepDay Step(TRow r) => _stepOf[stepId(r)];
        return new List<StringDataFrameColumn>
        {
            ColumnFactory.String(Columns.CanvasId, rows, r => Step(r).CanvasId),
            ColumnFactory.String(Columns.CanvasName, rows, r => Step(r).CanvasName),
            ColumnFactory.String(Columns.StepId, rows, r => stepId(r)),
            ColumnFactory.String(Columns.StepName, rows, r => Step(r).StepName),
            ColumnFactory.String(Columns.VariantId, rows, r => Step(r).VariantId),
            ColumnFactory.String(Columns.VariantName, rows, r => Step(r).VariantName),
        };
    }

    private static DataFrame LongFrame<TRow, TModel>(
        IReadOnlyList<TRow> rows,
        IReadOnlyList<MetricDescriptor<TModel>> metrics,
        Func<TRow, TModel> model,
        bool withVariant,
        Func<TRow, (string CanvasId, string? CanvasName, LocalDate Date, string? VariantId, string? VariantName)> keys)
        where TModel : class
    {
        var flat = new List<(string CanvasId, string? CanvasName, LocalDate Date, string? VariantId, string? VariantName, string Metric, double Value)>();
        foreach (var row in rows)
        {
            var k = keys(row);
            foreach (var metric in metrics)
            {
                if (metric.GetValue(model(row)) is { } value)
                {
                    flat.Add((k.CanvasId, k.CanvasName, k.Date, k.VariantId, k.VariantName, metric.Name, value));
                }
            }
        }

        var columns = new List<DataFrameColumn>
        {
            ColumnFactory.String(Columns.CanvasId, flat, static r => r.CanvasId),
            ColumnFactory.String(Columns.CanvasName, flat, static r => r.CanvasName),
            ColumnFactory.String(ColumnNames.Date, flat, static r => Invariant.InvariantText.Iso(r.Date)),
        };
        if (withVariant)
        {
            columns.Add(ColumnFactory.String(Columns.VariantId, flat, static r => r.VariantId));
            columns.Add(ColumnFactory.String(Columns.VariantName, flat, static r => r.VariantName));
        }

        columns.Add(ColumnFactory.String(ColumnNames.Metric, flat, static r => r.Metric));
        columns.Add(ColumnFactory.Double(ColumnNames.Value, flat, static r => r.Value));
        return new DataFrame(columns);
    }

    /// <summary>For each step reached by exactly one variant (through first steps, next steps and next paths), that variant.</summary>
    private static Dictionary<string, CanvasVariant> VariantsReaching(CanvasDetailsResponse? details)
    {
        var reachedBy = new Dictionary<string, List<CanvasVariant>>(StringComparer.Ordinal);
        if (details?.Variants is not { } variants || details.Steps is not { } steps)
        {
            return new Dictionary<string, CanvasVariant>(StringComparer.Ordinal);
        }

        var next = steps.Where(s => s.Id is not null).GroupBy(s => s.Id!, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.SelectMany(s => (s.NextStepIds ?? Array.Empty<string>()).Concat((s.NextPaths ?? Array.Empty<CanvasNextPath>()).Select(p => p.NextStepId).OfType<string>())).ToList(),
            StringComparer.Ordinal);
        foreach (var variant in variants)
        {
            var queue = new Queue<string>((variant.FirstStepIds ?? Array.Empty<string>()).Concat(variant.FirstStepId is { } first ? new[] { first } : Array.Empty<string>()));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (queue.Count > 0)
            {
                var step = queue.Dequeue();
                if (!seen.Add(step))
                {
                    continue;
                }

                if (!reachedBy.TryGetValue(step, out var list))
                {
                    reachedBy.Add(step, list = new List<CanvasVariant>());
                }

                list.Add(variant);
                foreach (var n in next.TryGetValue(step, out var following) ? following : new List<string>())
                {
                    queue.Enqueue(n);
                }
            }
        }

        return reachedBy.Where(p => p.Value.Count == 1).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
    }

    private static string? VariantName(CanvasDetailsResponse? details, string id) =>
        details?.Variants?.FirstOrDefault(v => v.Id == id)?.Name;

    private static string? StepName(CanvasDetailsResponse? details, string id) =>
        details?.Steps?.FirstOrDefault(s => s.Id == id)?.Name;

    private static IReadOnlyDictionary<string, T> Empty<T>() => new Dictionary<string, T>();
}

/// <summary>A Canvas's totals on one day.</summary>
/// <param name="CanvasId">The Canvas.</param>
/// <param name="CanvasName">Its name, when known.</param>
/// <param name="Date">The day.</param>
/// <param name="Stats">The totals.</param>
public sealed record CanvasTotalDay(string CanvasId, string? CanvasName, LocalDate Date, CanvasTotalStats Stats);

/// <summary>One variant of a Canvas on one day.</summary>
/// <param name="CanvasId">The Canvas.</param>
/// <param name="CanvasName">Its name, when known.</param>
/// <param name="Date">The day.</param>
/// <param name="VariantId">The variant's id.</param>
/// <param name="VariantName">The variant's name, when known.</param>
/// <param name="Stats">The variant's statistics.</param>
public sealed record CanvasVariantDay(string CanvasId, string? CanvasName, LocalDate Date, string VariantId, string? VariantName, CanvasVariantStats Stats);

/// <summary>One step of a Canvas on one day.</summary>
/// <param name="CanvasId">The Canvas.</param>
/// <param name="CanvasName">Its name, when known.</param>
/// <param name="Date">The day.</param>
/// <param name="StepId">The step's id.</param>
/// <param name="StepName">The step's name, when known.</param>
/// <param name="VariantId">The one variant that reaches the step, per the details; null when shared or unknown.</param>
/// <param name="VariantName">That variant's name.</param>
/// <param name="Stats">The step's statistics (its messages are the campaign series' channel shapes).</param>
public sealed record CanvasStepDay(string CanvasId, string? CanvasName, LocalDate Date, string StepId, string? StepName, string? VariantId, string? VariantName, CanvasStepStats Stats);
