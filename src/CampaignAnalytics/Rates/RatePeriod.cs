using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Rates;

/// <summary>
/// How days are grouped into the periods a rate is computed over: the whole range, a day, a week, a calendar
/// month, a repeated date period, one fixed interval, or any function of the date. Periods come from
/// <see cref="CalendarBuckets"/>.
/// </summary>
public sealed class RatePeriod
{
    private RatePeriod(string name, Func<LocalDate, DateInterval?>? periodOf)
    {
        Name = name;
        PeriodOf = periodOf;
    }

    /// <summary>
    /// One period per group covering every day with data: the period runs from the group's first to its last day
    /// counted (so it can differ between campaigns).
    /// </summary>
    public static RatePeriod Whole { get; } = new("whole", null);

    /// <summary>Each day on its own (the per-row rates when every key is grouped).</summary>
    public static RatePeriod Day { get; } = new("day", static d => new DateInterval(d, d));

    /// <summary>Calendar months (the 1st to the last day).</summary>
    public static RatePeriod Month { get; } = new("month", CalendarBuckets.MonthContaining);

    /// <summary>ISO weeks, Monday to Sunday.</summary>
    public static RatePeriod IsoWeek { get; } = Week(IsoDayOfWeek.Monday);

    /// <summary>Weeks of seven days starting on <paramref name="firstDayOfWeek"/>.</summary>
    /// <param name="firstDayOfWeek">The first day of each week. Invalid: <see cref="IsoDayOfWeek.None"/> or out of range.</param>
    public static RatePeriod Week(IsoDayOfWeek firstDayOfWeek = IsoDayOfWeek.Monday)
    {
        // Validates now rather than on first use.
        CalendarBuckets.WeekContaining(new LocalDate(2000, 1, 1), firstDayOfWeek);
        return new("week starting " + firstDayOfWeek, d => CalendarBuckets.WeekContaining(d, firstDayOfWeek));
    }

    /// <summary>A date period repeated from an anchor (see <see cref="CalendarBuckets.ByPeriod{T, TResult}"/>), e.g. fortnights or quarters.</summary>
    /// <param name="period">The period length; date units only, no negative component, not zero.</param>
    /// <param name="anchor">A date on which a period starts.</param>
    public static RatePeriod Every(Period period, LocalDate anchor)
    {
        ArgumentNullException.ThrowIfNull(period);
        CalendarBuckets.PeriodContaining(anchor, period, anchor);
        return new("every " + period, d => CalendarBuckets.PeriodContaining(d, period, anchor));
    }

    /// <summary>One fixed interval: days inside it form one period, days outside are not counted.</summary>
    /// <param name="interval">The interval (both ends inclusive). Invalid: null.</param>
    public static RatePeriod Within(DateInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new("within " + InvariantText.Iso(interval), d => interval.Contains(d) ? interval : null);
    }

    /// <summary>Any bucketing: the function gives a day's period, or null to leave the day out.</summary>
    /// <param name="periodOf">Gives the period containing a date, or null. It must give the same interval for every day
    /// of a period, and that interval must contain the day. Invalid: null.</param>
    /// <param name="name">A name for messages.</param>
    public static RatePeriod Custom(Func<LocalDate, DateInterval?> periodOf, string name = "custom")
    {
        ArgumentNullException.ThrowIfNull(periodOf);
        return new(name ?? "custom", periodOf);
    }

    /// <summary>
    /// The periods holding the given days, in date order, each with how many of its days are among them. A period
    /// with <see cref="PeriodCoverage.DaysMissing"/> above zero gives rates over fewer days than its dates name (e.g.
    /// an ISO week of a campaign whose data lacks three days of it); periods holding none of the days are not listed,
    /// and days outside every period (<see cref="Within"/>) are ignored. For <see cref="Whole"/>: one period, the first
    /// to the last day given.
    /// </summary>
    /// <param name="dates">The days that have data, in any order; repeats count once. Invalid: null.</param>
    public IReadOnlyList<PeriodCoverage> Coverage(IEnumerable<LocalDate> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var days = new SortedSet<LocalDate>(dates);
        if (days.Count == 0)
        {
            return [];
        }

        if (PeriodOf is null)
        {
            return [new PeriodCoverage(new DateInterval(days.Min, days.Max), days.Count)];
        }

        // A period is an interval, so its days are consecutive in date order.
        var result = new List<PeriodCoverage>();
        DateInterval? current = null;
        var present = 0;
        foreach (var day in days)
        {
            if (PeriodOf(day) is not { } period)
            {
                continue;
            }

            if (period.Equals(current))
            {
                present++;
                continue;
            }

            if (current is not null)
            {
                result.Add(new PeriodCoverage(current, present));
            }

            current = period;
            present = 1;
        }

        if (current is not null)
        {
            result.Add(new PeriodCoverage(current, present));
        }

        return result;
    }

    /// <summary>A name for people, e.g. <c>month</c>.</summary>
    public string Name { get; }

    /// <summary>The period of a day, or null for <see cref="Whole"/> (resolved per group).</summary>
    internal Func<LocalDate, DateInterval?>? PeriodOf { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
