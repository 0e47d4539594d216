using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CampaignAnalytics.Windows;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Frames;

/// <summary>
/// Fills a nullable primitive column in place (values and an Arrow-style validity bitmap, a set bit is a
/// value) and hands the buffers to the DataFrame column without copying element by element.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class PrimitiveColumnBuilder<T>
    where T : unmanaged
{
    private readonly byte[] _data;
    private readonly byte[] _validity;
    private int _valid;

    internal PrimitiveColumnBuilder(int length)
    {
        Length = length;
        _data = new byte[checked(length * Unsafe.SizeOf<T>())];
        _validity = new byte[(length + 7) / 8];
    }

    internal int Length { get; }

    /// <summary>Sets row <paramref name="index"/>; null leaves it null. Each row is set at most once.</summary>
    internal void Set(int index, T? value)
    {
        if (value is { } v)
        {
            MemoryMarshal.Cast<byte, T>(_data.AsSpan())[index] = v;
            _validity[index >> 3] |= (byte)(1 << (index & 7));
            _valid++;
        }
    }

    internal TColumn Build<TColumn>(string name, Func<string, ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, int, int, TColumn> create) =>
        Length == 0
            ? create(name, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, 0, 0)
            : create(name, _data, _validity, Length, Length - _valid);
}

/// <summary>Builds DataFrame columns from typed arrays.</summary>
internal static class ColumnFactory
{
    internal static Int64DataFrameColumn Int64(string name, PrimitiveColumnBuilder<long> builder) =>
        builder.Build(name, static (n, d, v, l, nulls) => new Int64DataFrameColumn(n, d, v, l, nulls));

    internal static DoubleDataFrameColumn Double(string name, PrimitiveColumnBuilder<double> builder) =>
        builder.Build(name, static (n, d, v, l, nulls) => new DoubleDataFrameColumn(n, d, v, l, nulls));

    internal static BooleanDataFrameColumn Boolean(string name, PrimitiveColumnBuilder<bool> builder) =>
        builder.Build(name, static (n, d, v, l, nulls) => new BooleanDataFrameColumn(n, d, v, l, nulls));

    internal static StringDataFrameColumn String(string name, string?[] values) => new(name, values);

    /// <summary>A text column of one value per row.</summary>
    internal static StringDataFrameColumn String<TRow>(string name, IReadOnlyList<TRow> rows, Func<TRow, string?> value)
    {
        var values = new string?[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(rows[i]);
        }

        return String(name, values);
    }

    /// <summary>A nullable Int64 column of one value per row.</summary>
    internal static Int64DataFrameColumn Int64<TRow>(string name, IReadOnlyList<TRow> rows, Func<TRow, long?> value)
    {
        var builder = new PrimitiveColumnBuilder<long>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            builder.Set(i, value(rows[i]));
        }

        return Int64(name, builder);
    }

    /// <summary>A nullable Double column of one value per row.</summary>
    internal static DoubleDataFrameColumn Double<TRow>(string name, IReadOnlyList<TRow> rows, Func<TRow, double?> value)
    {
        var builder = new PrimitiveColumnBuilder<double>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            builder.Set(i, value(rows[i]));
        }

        return Double(name, builder);
    }

    /// <summary>A Boolean column of one value per row.</summary>
    internal static BooleanDataFrameColumn Boolean<TRow>(string name, IReadOnlyList<TRow> rows, Func<TRow, bool> value)
    {
        var builder = new PrimitiveColumnBuilder<bool>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            builder.Set(i, value(rows[i]));
        }

        return Boolean(name, builder);
    }

    /// <summary>Formats dates as <c>yyyy-MM-dd</c>, each distinct date once.</summary>
    internal sealed class DateTexts
    {
        private readonly Dictionary<LocalDate, string> _cache = new();

        internal string Of(LocalDate date)
        {
            if (!_cache.TryGetValue(date, out var text))
            {
                text = InvariantText.Iso(date);
                _cache.Add(date, text);
            }

            return text;
        }
    }
}
