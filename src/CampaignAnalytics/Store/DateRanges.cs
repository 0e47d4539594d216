using System.Collections.Generic;
using NodaTime;

namespace CampaignAnalytics.Store;

/// <summary>Turning sets of days into ranges.</summary>
internal static class DateRanges
{
    /// <summary>Maximal runs of consecutive days; the input must be sorted ascending without duplicates.</summary>
    public static List<DateInterval> ToRuns(IEnumerable<LocalDate> sortedDistinctDays)
    {
        var runs = new List<DateInterval>();
        LocalDate? start = null, end = null;
        foreach (var day in sortedDistinctDays)
        {
            if (end is { } e && day == e.PlusDays(1))
            {
                end = day;
                continue;
            }

            if (start is { } s && end is { } e2)
            {
                runs.Add(new DateInterval(s, e2));
            }

            start = day;
            end = day;
        }

        if (start is { } s2 && end is { } e3)
        {
            runs.Add(new DateInterval(s2, e3));
        }

        return runs;
    }

    /// <summary>Merges sorted, disjoint ranges separated by at most <paramref name="maxGapDays"/> days.</summary>
    public static List<DateInterval> Merge(IReadOnlyList<DateInterval> sortedRuns, int maxGapDays)
    {
        var merged = new List<DateInterval>(sortedRuns.Count);
        foreach (var run in sortedRuns)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                var gap = Period.DaysBetween(last.End, run.Start) - 1;
                if (gap <= maxGapDays)
                {
                    merged[^1] = new DateInterval(last.Start, run.End > last.End ? run.End : last.End);
                    continue;
                }
            }

            merged.Add(run);
        }

        return merged;
    }

    /// <summary>The missing runs between sorted, disjoint runs.</summary>
    public static List<DateInterval> Gaps(IReadOnlyList<DateInterval> sortedRuns)
    {
        var gaps = new List<DateInterval>();
        for (var i = 1; i < sortedRuns.Count; i++)
        {
            var start = sortedRuns[i - 1].End.PlusDays(1);
            var end = sortedRuns[i].Start.PlusDays(-1);
            if (start <= end)
            {
                gaps.Add(new DateInterval(start, end));
            }
        }

        return gaps;
    }
}
