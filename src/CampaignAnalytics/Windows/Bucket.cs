using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>
/// One calendar bucket (a week, a month, a period) of a daily series, with the value aggregated from
/// the days that have data in it and within the range bucketed.
/// </summary>
/// <typeparam name="TResult">The aggregated value.</typeparam>
/// <remarks>
/// <para><b>Missing and partial.</b> A day of <see cref="Interval"/> is <i>missing</i> when it has no data
/// point in the range bucketed: either it lies outside that range (the requested range, or else the series'
/// observed first..last date: e.g. the first week of a range starting on a Wednesday lacks Monday and
/// Tuesday), counted by <see cref="DaysOutsideRange"/>, or it lies inside the range but the series has no
/// value for it, counted by <see cref="GapDays"/>. <see cref="MissingDays"/> is their sum and the bucket is
/// <see cref="IsPartial"/> when it is above zero, i.e. when the data and the range do not cover every day
/// of the bucket's full calendar interval. Missing days are never counted as zeros: the aggregation only
/// sees the days that exist.</para>
/// <para>Equality compares every property, <see cref="DataDays"/> element by element.</para>
/// </remarks>
public sealed record Bucket<TResult>
{
    internal Bucket(DateInterval interval, DateInterval window, IReadOnlyList<LocalDate> dataDays, TResult value)
    {
        Interval = interval;
        Window = window;
        DataDays = dataDays;
        Value = value;
    }

    /// <summary>The bucket's full calendar interval, its label (e.g. Monday..Sunday, or the 1st..last of a month).</summary>
    public DateInterval Interval { get; }

    /// <summary>The part of <see cref="Interval"/> inside the range bucketed (equal to <see cref="Interval"/> unless the
    /// range starts or ends inside the bucket).</summary>
    public DateInterval Window { get; }

    /// <summary>The days of <see cref="Window"/> that have a data point, ascending; they are the days aggregated.</summary>
    public IReadOnlyList<LocalDate> DataDays { get; }

    /// <summary>The aggregate of the values of <see cref="DataDays"/>.</summary>
    public TResult Value { get; }

    /// <summary>Days of <see cref="Interval"/> that fall outside the range bucketed (at the first or last bucket's edge).</summary>
    public int DaysOutsideRange => Interval.Length - Window.Length;

    /// <summary>Days of <see cref="Window"/> without a data point (gaps in the series).</summary>
    public int GapDays => Window.Length - DataDays.Count;

    /// <summary>Days of <see cref="Interval"/> without a data point: <see cref="DaysOutsideRange"/> + <see cref="GapDays"/>.</summary>
    public int MissingDays => Interval.Length - DataDays.Count;

    /// <summary>True when at least one day of <see cref="Interval"/> is missing (<see cref="MissingDays"/> &gt; 0).</summary>
    public bool IsPartial => MissingDays > 0;

    /// <summary>Compares every property, <see cref="DataDays"/> element by element.</summary>
    /// <param name="other">The other bucket.</param>
    public bool Equals(Bucket<TResult>? other) =>
        other is not null
        && Interval.Equals(other.Interval)
        && Window.Equals(other.Window)
        && DataDays.SequenceEqual(other.DataDays)
        && EqualityComparer<TResult>.Default.Equals(Value, other.Value);

    /// <summary>A hash of the interval, window, number of data days and value.</summary>
    public override int GetHashCode() => HashCode.Combine(Interval, Window, DataDays.Count, Value);

    /// <summary>The bucket printed by the record's ToString, culture-independent (dates yyyy-MM-dd, intervals as start..end, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Interval), Interval),
            (nameof(Window), Window),
            (nameof(DataDays), DataDays),
            (nameof(Value), Value),
            (nameof(DaysOutsideRange), DaysOutsideRange),
            (nameof(GapDays), GapDays),
            (nameof(MissingDays), MissingDays),
            (nameof(IsPartial), IsPartial));
}
