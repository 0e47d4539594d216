using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Statistics;
using NodaTime;

namespace CampaignAnalytics.Comparison;

/// <summary>The Canvas A/B test: a Canvas's variants against its control variant on conversions per entry.</summary>
public static class CanvasComparison
{
    /// <summary>
    /// The Canvas A/B test over the window: every variant of <paramref name="canvasId"/> against the control variant on
    /// conversions per entry (the catalogue's variant rate), entries and conversions summed over the days. The control is
    /// <paramref name="control"/> (a variant id or name) or, when null, the one variant whose name starts with "Control".
    /// </summary>
    /// <param name="data">The Canvas data set.</param>
    /// <param name="canvasId">The Canvas.</param>
    /// <param name="control">The baseline variant's id or name; null for the control variant.</param>
    /// <param name="window">The days to sum; all when null.</param>
    /// <param name="options">Comparison options.</param>
    /// <exception cref="CampaignDataException">No such Canvas or variant, no single control variant, or more conversions than entries.</exception>
    public static ComparisonResult CompareVariants(this CanvasDataSet data, string canvasId, string? control = null, DateInterval? window = null, ComparisonOptions? options = null)
    {
        var rate = CanvasDataSeriesCatalogue.CanvasVariantStatsRates[0];
        var arms = new List<(string Id, string? Name, long Trials, long Successes)>();
        foreach (var group in (data ?? throw new ArgumentNullException(nameof(data))).Variants.Where(v => v.CanvasId == canvasId && (window is null || window.Contains(v.Date))).GroupBy(v => v.VariantId, StringComparer.Ordinal))
        {
            long trials = 0, successes = 0;
            foreach (var row in group)
            {
                trials += rate.Denominator.GetCount(row.Stats) ?? 0;
                successes += rate.Numerator.GetCount(row.Stats) ?? 0;
            }

            arms.Add((group.Key, group.Last().VariantName, trials, successes));
        }

        if (arms.Count == 0)
        {
            throw new CampaignDataException($"canvas '{canvasId}' has no variant statistics in the window (fetch it with the variant breakdown).");
        }

        var baseline = control is null
            ? arms.Where(a => a.Name is not null && a.Name.StartsWith("Control", StringComparison.OrdinalIgnoreCase)).ToList()
            : arms.Where(a => a.Id == control || string.Equals(a.Name, control, StringComparison.Ordinal)).ToList();
        if (baseline.Count != 1)
        {
            var names = string.Join(", ", arms.Select(a => a.Name ?? a.Id));
            throw new CampaignDataException(control is null
                ? $"canvas '{canvasId}' has {(baseline.Count == 0 ? "no" : "more than one")} control variant (a name starting with 'Control'); name the baseline (variants: {names})."
                : $"canvas '{canvasId}' has {(baseline.Count == 0 ? "no" : "more than one")} variant '{control}' (variants: {names}).");
        }

        var counts = new List<ArmCounts>(arms.Count);
        foreach (var arm in arms)
        {
            if (!rate.Admits(arm.Successes, arm.Trials) || arm.Successes > arm.Trials)
            {
                throw new CampaignDataException($"variant '{arm.Name ?? arm.Id}' of canvas '{canvasId}' has {arm.Successes} {rate.Numerator.Name} for {arm.Trials} {rate.Denominator.Name}: more than one per entry, so it cannot be compared as a proportion.");
            }

            counts.Add(new ArmCounts(arm.Id, arm.Name, arm.Trials, arm.Successes));
        }

        return VariationComparison.Compare(counts, baseline[0].Id, options);
    }
}
