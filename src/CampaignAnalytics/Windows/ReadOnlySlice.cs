using System;
using System.Collections;
using System.Collections.Generic;

namespace CampaignAnalytics.Windows;

/// <summary>
/// A read-only view of part of an array that is never written after construction (the arrays of a
/// <see cref="DailySeries{T}"/>): buckets hand these to aggregations without copying.
/// </summary>
internal sealed class ReadOnlySlice<T> : IReadOnlyList<T>
{
    private readonly T[] _array;
    private readonly int _offset;

    internal ReadOnlySlice(T[] array, int offset, int count)
    {
        _array = array;
        _offset = offset;
        Count = count;
    }

    internal static ReadOnlySlice<T> Empty { get; } = new([], 0, 0);

    public int Count { get; }

    public T this[int index] =>
        (uint)index < (uint)Count ? _array[_offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _array[_offset + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
