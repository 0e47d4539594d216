using CampaignAnalytics.Invariant;
using System;
using System.Collections;
using System.Collections.Generic;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>
/// An immutable daily series: values keyed by calendar date, sorted ascending, at most one value per
/// date. Days may be missing; a missing day is never read as zero except by the rolling sums, which
/// say so (<see cref="RollingSums"/>).
/// </summary>
/// <typeparam name="T">The value of one day: a count, an amount, or a whole day of a model.</typeparam>
/// <remarks>
/// Dates and values are held in two parallel arrays, so windows and buckets are index ranges found by
/// binary search. Equality is by reference: two series with the same content are different objects.
/// </remarks>
public sealed class DailySeries<T> : IReadOnlyList<DailyValue<T>>
{
    private readonly LocalDate[] _dates;
    private readonly T[] _values;

    /// <summary>Creates a series from dated values in any order.</summary>
    /// <param name="values">The dated values. Invalid: null, or two values on the same date
    /// (<see cref="ArgumentException"/> naming the date).</param>
    public DailySeries(IEnumerable<DailyValue<T>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyCollection<DailyValue<T>> ?? new List<DailyValue<T>>(values);
        var dates = new LocalDate[list.Count];
        var items = new T[list.Count];
        var i = 0;
        var sorted = true;
        foreach (var v in list)
        {
            dates[i] = v.Date;
            items[i] = v.Value;
            if (i > 0 && dates[i] <= dates[i - 1])
            {
                sorted = false;
            }

            i++;
        }

        if (!sorted)
        {
            // Duplicates are rejected below, so the sort's instability cannot reorder equal dates that matter.
            Array.Sort(dates, items);
        }

        for (var j = 1; j < dates.Length; j++)
        {
            if (dates[j] == dates[j - 1])
            {
                throw new ArgumentException(
                    "The series has more than one value for " + InvariantText.Iso(dates[j]) + "; each date may appear only once.",
                    nameof(values));
            }
        }

        _dates = dates;
        _values = items;
        Dates = new ReadOnlySlice<LocalDate>(_dates, 0, _dates.Length);
        Values = new ReadOnlySlice<T>(_values, 0, _values.Length);
    }

    /// <summary>Wraps arrays already sorted and duplicate-free; the caller gives up ownership of them.</summary>
    private DailySeries(LocalDate[] dates, T[] values)
    {
        _dates = dates;
        _values = values;
        Dates = new ReadOnlySlice<LocalDate>(_dates, 0, _dates.Length);
        Values = new ReadOnlySlice<T>(_values, 0, _values.Length);
    }

    /// <summary>The series with no days.</summary>
    public static DailySeries<T> Empty { get; } = new([], []);

    /// <summary>The number of days that have a value.</summary>
    public int Count => _dates.Length;

    /// <summary>The dates that have a value, ascending.</summary>
    public IReadOnlyList<LocalDate> Dates { get; }

    /// <summary>The values, in the order of <see cref="Dates"/>.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The first to the last date with a value (both inclusive); null when the series is empty.
    /// Days inside it may still be missing.</summary>
    public DateInterval? ObservedRange => _dates.Length == 0 ? null : new DateInterval(_dates[0], _dates[^1]);

    /// <summary>The dated value at a position (0 is the earliest date).</summary>
    /// <param name="index">The position. Invalid: negative or not less than <see cref="Count"/>.</param>
    public DailyValue<T> this[int index] =>
        (uint)index < (uint)_dates.Length
            ? new DailyValue<T>(_dates[index], _values[index])
            : throw new ArgumentOutOfRangeException(nameof(index), index, "The index must be in [0, Count).");

    internal LocalDate[] DateArray => _dates;

    internal T[] ValueArray => _values;

    /// <summary>The position of a date in the series, or -1 when the date has no value.</summary>
    /// <param name="date">The date to find.</param>
    public int IndexOf(LocalDate date)
    {
        var i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : -1;
    }

    /// <summary>Whether the date has a value.</summary>
    /// <param name="date">The date to find.</param>
    public bool Contains(LocalDate date) => IndexOf(date) >= 0;

    /// <summary>The days of the series that fall inside an interval (both ends inclusive).</summary>
    /// <param name="interval">The window. Invalid: null.</param>
    public DailySeries<T> Within(DateInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var (start, end) = IndexRange(interval);
        if (start == 0 && end == _dates.Length)
        {
            return this;
        }

        return new DailySeries<T>(_dates[start..end], _values[start..end]);
    }

    /// <summary>The same dates with each value transformed, e.g. a day of a model to its <c>sent</c> count.</summary>
    /// <typeparam name="TResult">The transformed value.</typeparam>
    /// <param name="selector">The transformation. Invalid: null.</param>
    public DailySeries<TResult> SelectValues<TResult>(Func<T, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var result = new TResult[_values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = selector(_values[i]);
        }

        return new DailySeries<TResult>((LocalDate[])_dates.Clone(), result);
    }

    /// <summary>
    /// The days whose selected value is present (not null), with that value: an absent field makes the
    /// day missing rather than zero.
    /// </summary>
    /// <typeparam name="TResult">The selected value, e.g. <see cref="long"/> for a count.</typeparam>
    /// <param name="selector">Reads an optional value. Invalid: null.</param>
    public DailySeries<TResult> SelectPresent<TResult>(Func<T, TResult?> selector)
        where TResult : struct
    {
        ArgumentNullException.ThrowIfNull(selector);
        var dates = new List<LocalDate>(_dates.Length);
        var values = new List<TResult>(_values.Length);
        for (var i = 0; i < _values.Length; i++)
        {
            var v = selector(_values[i]);
            if (v.HasValue)
            {
                dates.Add(_dates[i]);
                values.Add(v.GetValueOrDefault());
            }
        }

        return new DailySeries<TResult>(dates.ToArray(), values.ToArray());
    }

    /// <summary>The days whose value satisfies a condition.</summary>
    /// <param name="predicate">The condition. Invalid: null.</param>
    public DailySeries<T> WhereValues(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var dates = new List<LocalDate>(_dates.Length);
        var values = new List<T>(_values.Length);
        for (var i = 0; i < _values.Length; i++)
        {
            if (predicate(_values[i]))
            {
                dates.Add(_dates[i]);
                values.Add(_values[i]);
            }
        }

        return dates.Count == _dates.Length ? this : new DailySeries<T>(dates.ToArray(), values.ToArray());
    }

    /// <summary>Enumerates the dated values in date order.</summary>
    public IEnumerator<DailyValue<T>> GetEnumerator()
    {
        for (var i = 0; i < _dates.Length; i++)
        {
            yield return new DailyValue<T>(_dates[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The number of days and the observed range, e.g. <c>DailySeries(3 days, 2025-06-19..2025-06-21)</c>.</summary>
    public override string ToString() =>
        _dates.Length == 0
            ? "DailySeries(empty)"
            : "DailySeries(" + _dates.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " days, "
              + InvariantText.Iso(ObservedRange!) + ")";

    /// <summary>The index range [start, end) of the dates inside the interval.</summary>
    internal (int Start, int End) IndexRange(DateInterval interval)
    {
        var start = LowerBound(interval.Start);
        var end = interval.End == LocalDate.MaxIsoValue ? _dates.Length : LowerBound(interval.End.PlusDays(1));
        return (start, Math.Max(start, end));
    }

    /// <summary>The first index whose date is on or after <paramref name="date"/>.</summary>
    private int LowerBound(LocalDate date)
    {
        var i = Array.BinarySearch(_dates, date);
        return i >= 0 ? i : ~i;
    }

    internal static DailySeries<T> FromSortedUnique(LocalDate[] dates, T[] values) => new(dates, values);
}

/// <summary>Ways to build a <see cref="DailySeries{T}"/> with the value type inferred.</summary>
public static class DailySeries
{
    /// <summary>A series of items that carry their own date, e.g. the days of a response.</summary>
    /// <typeparam name="T">The item.</typeparam>
    /// <param name="items">The items in any order. Invalid: null; two items on the same date
    /// (<see cref="ArgumentException"/> naming the date).</param>
    /// <param name="dateOf">Reads an item's calendar date. Invalid: null.</param>
    public static DailySeries<T> Create<T>(IEnumerable<T> items, Func<T, LocalDate> dateOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(dateOf);
        var list = new List<DailyValue<T>>();
        foreach (var item in items)
        {
            list.Add(new DailyValue<T>(dateOf(item), item));
        }

        return new DailySeries<T>(list);
    }

    /// <summary>A series of dated values in any order.</summary>
    /// <typeparam name="T">The value.</typeparam>
    /// <param name="values">The dated values. Invalid: null; two values on the same date.</param>
    public static DailySeries<T> Of<T>(IEnumerable<DailyValue<T>> values) => new(values);

    /// <summary>A series with one value per consecutive day, starting on <paramref name="firstDate"/>.</summary>
    /// <typeparam name="T">The value.</typeparam>
    /// <param name="firstDate">The date of the first value.</param>
    /// <param name="values">The values of consecutive days. Invalid: null.</param>
    public static DailySeries<T> Contiguous<T>(LocalDate firstDate, IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new List<T>(values);
        var dates = new LocalDate[items.Count];
        for (var i = 0; i < dates.Length; i++)
        {
            dates[i] = i == 0 ? firstDate : dates[i - 1].PlusDays(1);
        }

        return DailySeries<T>.FromSortedUnique(dates, items.ToArray());
    }
}
