using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Snappier;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// Writes a Parquet file of flat, optional columns (<see cref="ColumnType"/>: strings as dictionary-encoded UTF-8,
/// dates as DATE, integers as INT64, numbers as DOUBLE, booleans as BOOLEAN), one row group at a time from typed
/// buffers. Each column chunk is a Snappy-compressed DATA_PAGE (v1: RLE definition levels, then PLAIN values or, for
/// strings, RLE_DICTIONARY indices) preceded for strings by a PLAIN dictionary page; each chunk carries its statistics
/// (min, max, null count). The footer is Thrift's compact protocol with logical types and type-defined column orders.
/// The same rows make the same bytes. Written for the export's sinks: its schemas are flat and all its strings repeat
/// (Parquet.Net cost more CPU than writing the CSV text; see README, At scale).
/// </summary>
internal sealed class ParquetFileWriter
{
    private const int UnixEpochDayNumber = 719_162; // DateOnly(1970, 1, 1).DayNumber

    private readonly IReadOnlyList<Column> _columns;
    private readonly Stream _stream;
    private readonly List<RowGroupInfo> _groups = [];
    private readonly ArrayBufferWriter<byte> _body = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _header = new(256);
    private readonly Dictionary<string, int> _dictionary = new(StringComparer.Ordinal);
    private readonly List<string> _entries = [];
    private byte[] _compressed = new byte[1 << 16];
    private int[] _levels = new int[1024];
    private int[] _indices = new int[1024];
    private long _offset;
    private long _rows;

    /// <summary>Starts a file of <paramref name="columns"/> at the start of <paramref name="stream"/> (written in order, never sought; the offsets count from here).</summary>
    public ParquetFileWriter(IReadOnlyList<Column> columns, Stream stream)
    {
        if (!BitConverter.IsLittleEndian)
        {
            // Values are copied to the pages as the machine holds them; Parquet's are little-endian.
            throw new PlatformNotSupportedException("Parquet output needs a little-endian machine.");
        }

        _columns = columns;
        _stream = stream;
        Write("PAR1"u8);
    }

    /// <summary>A column's buffer as <see cref="WriteRowGroup"/> takes it.</summary>
    public static Array CreateBuffer(ColumnType type, int capacity) => type switch
    {
        ColumnType.String => new string?[capacity],
        ColumnType.Date => new int?[capacity],
        ColumnType.Integer => new long?[capacity],
        ColumnType.Number => new double?[capacity],
        ColumnType.Boolean => new bool?[capacity],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    /// <summary>A date as the buffers hold it: days since 1970-01-01 (Parquet's DATE).</summary>
    public static int UnixDays(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    /// <summary>Writes the first <paramref name="count"/> rows of the buffers (one per column, see <see cref="CreateBuffer"/>) as a row group.</summary>
    public void WriteRowGroup(Array[] buffers, int count)
    {
        if (count == 0)
        {
            return;
        }

        var start = _offset;
        var chunks = new ChunkInfo[_columns.Count];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunks[c] = buffers[c] switch
            {
                string?[] s => WriteStrings(s, count),
                int?[] d => WriteValues(d, count),
                long?[] l => WriteValues(l, count),
                double?[] x => WriteValues(x, count),
                bool?[] b => WriteBooleans(b, count),
                _ => throw new InvalidOperationException("Unknown buffer."),
            };
        }

        long uncompressed = 0;
        foreach (var chunk in chunks)
        {
            uncompressed += chunk.Uncompressed;
        }

        _groups.Add(new RowGroupInfo(chunks, count, start, uncompressed, _offset - start));
        _rows += count;
    }

    /// <summary>Writes the footer (the file's metadata) and the closing magic; the stream stays open.</summary>
    public void Complete()
    {
        _header.ResetWrittenCount();
        var thrift = new CompactWriter(_header);
        thrift.I32(1, 1); // version
        thrift.ListHeader(2, CompactWriter.Struct, _columns.Count + 1);
        thrift.BeginElement();
        thrift.Binary(4, "schema"u8);
        thrift.I32(5, _columns.Count);
        thrift.EndStruct();
        foreach (var column in _columns)
        {
            thrift.BeginElement();
            thrift.I32(1, (int)PhysicalType(column.Type));
            thrift.I32(3, 1); // OPTIONAL
            thrift.String(4, column.Name);
            if (column.Type is ColumnType.String or ColumnType.Date)
            {
                thrift.I32(6, column.Type == ColumnType.String ? 0 : 6); // converted type UTF8 or DATE
                thrift.BeginStruct(10); // logical type
                thrift.BeginStruct((short)(column.Type == ColumnType.String ? 1 : 6)); // StringType or DateType
                thrift.EndStruct();
                thrift.EndStruct();
            }

            thrift.EndStruct();
        }

        thrift.I64(3, _rows);
        thrift.ListHeader(4, CompactWriter.Struct, _groups.Count);
        for (var g = 0; g < _groups.Count; g++)
        {
            var group = _groups[g];
            thrift.BeginElement();
            thrift.ListHeader(1, CompactWriter.Struct, group.Chunks.Length);
            for (var c = 0; c < group.Chunks.Length; c++)
            {
                WriteChunkMetadata(thrift, _columns[c], group.Chunks[c]);
            }

            thrift.I64(2, group.Uncompressed);
            thrift.I64(3, group.Rows);
            thrift.I64(5, group.Start);
            thrift.I64(6, group.Compressed);
            if (g <= short.MaxValue)
            {
                thrift.I16(7, (short)g); // ordinal (an i16: left out beyond)
            }

            thrift.EndStruct();
        }

        thrift.String(6, "campaign-analytics");
        thrift.ListHeader(7, CompactWriter.Struct, _columns.Count); // column orders
        foreach (var _ in _columns)
        {
            thrift.BeginElement();
            thrift.BeginStruct(1); // TYPE_ORDER
            thrift.EndStruct();
            thrift.EndStruct();
        }

        thrift.EndStruct();
        var length = _header.WrittenCount;
        Write(_header.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, length);
        "PAR1"u8.CopyTo(tail[4..]);
        Write(tail);
        _stream.Flush();
    }

    private static void WriteChunkMetadata(CompactWriter thrift, Column column, ChunkInfo chunk)
    {
        thrift.BeginElement();
        thrift.I64(2, chunk.Start); // file_offset
        thrift.BeginStruct(3);
        thrift.I32(1, (int)PhysicalType(column.Type));
        var dictionary = chunk.DictionaryOffset >= 0;
        thrift.ListHeader(2, CompactWriter.I32Type, dictionary ? 3 : 2);
        thrift.ListI32(0); // PLAIN (values, or the dictionary page)
        thrift.ListI32(3); // RLE (definition levels)
        if (dictionary)
        {
            thrift.ListI32(8); // RLE_DICTIONARY
        }

        thrift.ListHeader(3, CompactWriter.BinaryType, 1);
        thrift.ListString(column.Name);
        thrift.I32(4, 1); // SNAPPY
        thrift.I64(5, chunk.Values);
        thrift.I64(6, chunk.Uncompressed);
        thrift.I64(7, chunk.Compressed);
        thrift.I64(9, chunk.DataOffset);
        if (dictionary)
        {
            thrift.I64(11, chunk.DictionaryOffset);
        }

        thrift.BeginStruct(12); // statistics
        thrift.I64(3, chunk.Nulls);
        if (chunk.Min is not null && chunk.Max is not null)
        {
            thrift.Binary(5, chunk.Max);
            thrift.Binary(6, chunk.Min);
        }

        thrift.EndStruct();
        thrift.EndStruct();
        thrift.EndStruct();
    }

    private static ParquetType PhysicalType(ColumnType type) => type switch
    {
        ColumnType.String => ParquetType.ByteArray,
        ColumnType.Date => ParquetType.Int32,
        ColumnType.Integer => ParquetType.Int64,
        ColumnType.Number => ParquetType.Double,
        _ => ParquetType.Boolean,
    };

    /// <summary>A column of strings: a dictionary page of the distinct values (first seen first) and a data page of their indices.</summary>
    private ChunkInfo WriteStrings(string?[] values, int count)
    {
        _dictionary.Clear();
        _entries.Clear();
        var indices = Scratch(ref _indices, count);
        var n = 0;
        string? last = null;
        var lastIndex = -1;
        for (var i = 0; i < count; i++)
        {
            var value = values[i];
            if (value is null)
            {
                continue;
            }

            if (!ReferenceEquals(value, last))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_dictionary, value, out var exists);
                if (!exists)
                {
                    slot = _entries.Count;
                    _entries.Add(value);
                }

                last = value;
                lastIndex = slot;
            }

            indices[n++] = lastIndex;
        }

        var start = _offset;

        // The dictionary page: PLAIN byte arrays (length, UTF-8 bytes); the statistics compare them as unsigned bytes.
        _body.ResetWrittenCount();
        byte[]? min = null;
        byte[]? max = null;
        foreach (var entry in _entries)
        {
            var size = Encoding.UTF8.GetByteCount(entry);
            var span = _body.GetSpan(size + 4);
            BinaryPrimitives.WriteInt32LittleEndian(span, size);
            var bytes = span.Slice(4, size);
            Encoding.UTF8.GetBytes(entry, bytes);
            _body.Advance(size + 4);
            if (min is null || bytes.SequenceCompareTo(min) < 0)
            {
                min = bytes.ToArray();
            }

            if (max is null || bytes.SequenceCompareTo(max) > 0)
            {
                max = bytes.ToArray();
            }
        }

        var (dictionaryUncompressed, _) = WritePage(PageType.Dictionary, _entries.Count, 0);

        // The data page: definition levels, then the indices' bit width and their RLE / bit-packed runs.
        var dataOffset = _offset;
        _body.ResetWrittenCount();
        WriteLevels(values, count, n);
        var width = Math.Max(1, 32 - int.LeadingZeroCount(Math.Max(0, _entries.Count - 1)));
        _body.GetSpan(1)[0] = (byte)width;
        _body.Advance(1);
        Hybrid(indices.AsSpan(0, n), width, _body);
        var (dataUncompressed, _) = WritePage(PageType.Data, count, 8);
        return new ChunkInfo(start, start, dataOffset, count, dictionaryUncompressed + dataUncompressed, _offset - start, min, max, count - n);
    }

    /// <summary>
    /// A column of INT32, INT64 or DOUBLE values, PLAIN (little-endian, as the machine holds them). NaN is left out of the
    /// statistics, and a zero minimum is written −0, a zero maximum +0, as the format asks.
    /// </summary>
    private ChunkInfo WriteValues<T>(T?[] values, int count)
        where T : unmanaged, IComparable<T>
    {
        var start = _offset;
        _body.ResetWrittenCount();
        var n = CountValues(values, count);
        WriteLevels(values, count, n);
        var size = Unsafe.SizeOf<T>();
        var target = MemoryMarshal.Cast<byte, T>(_body.GetSpan(n * size));
        var min = default(T);
        var max = default(T);
        var ordered = 0;
        var j = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i] is { } value)
            {
                target[j++] = value;
                if (typeof(T) == typeof(double) && double.IsNaN(Unsafe.As<T, double>(ref value)))
                {
                    continue;
                }

                if (ordered++ == 0)
                {
                    min = max = value;
                }
                else if (value.CompareTo(min) < 0)
                {
                    min = value;
                }
                else if (value.CompareTo(max) > 0)
                {
                    max = value;
                }
            }
        }

        _body.Advance(n * size);
        byte[]? minBytes = null;
        byte[]? maxBytes = null;
        if (ordered > 0)
        {
            if (typeof(T) == typeof(double))
            {
                ref var low = ref Unsafe.As<T, double>(ref min);
                ref var high = ref Unsafe.As<T, double>(ref max);
                low = low == 0 ? -0.0 : low;
                high = high == 0 ? 0.0 : high;
            }

            minBytes = MemoryMarshal.AsBytes(new[] { min }.AsSpan()).ToArray();
            maxBytes = MemoryMarshal.AsBytes(new[] { max }.AsSpan()).ToArray();
        }

        var (uncompressed, _) = WritePage(PageType.Data, count, 0);
        return new ChunkInfo(start, -1, start, count, uncompressed, _offset - start, minBytes, maxBytes, count - n);
    }

    /// <summary>A column of booleans, PLAIN (one bit a value, first value in the lowest bit).</summary>
    private ChunkInfo WriteBooleans(bool?[] values, int count)
    {
        var start = _offset;
        _body.ResetWrittenCount();
        var n = CountValues(values, count);
        WriteLevels(values, count, n);
        var bytes = (n + 7) / 8;
        var span = _body.GetSpan(bytes)[..bytes];
        span.Clear();
        bool seenFalse = false, seenTrue = false;
        var j = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i] is { } value)
            {
                if (value)
                {
                    span[j >> 3] |= (byte)(1 << (j & 7));
                    seenTrue = true;
                }
                else
                {
                    seenFalse = true;
                }

                j++;
            }
        }

        _body.Advance(bytes);
        byte[]? min = n > 0 ? [seenFalse ? (byte)0 : (byte)1] : null;
        byte[]? max = n > 0 ? [seenTrue ? (byte)1 : (byte)0] : null;
        var (uncompressed, _) = WritePage(PageType.Data, count, 0);
        return new ChunkInfo(start, -1, start, count, uncompressed, _offset - start, min, max, count - n);
    }

    private static int CountValues<T>(T?[] values, int count)
        where T : struct
    {
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i].HasValue)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The definition levels of a page (1 for a value, 0 for a null; bit width 1), after their 4-byte length.</summary>
    private void WriteLevels<T>(T[] values, int count, int present)
    {
        var prefix = _body.WrittenCount;
        _body.GetSpan(4);
        _body.Advance(4);
        if (present == count)
        {
            // Every row has a value: one run.
            Varint(_body, (ulong)count << 1);
            _body.GetSpan(1)[0] = 1;
            _body.Advance(1);
        }
        else
        {
            var levels = Scratch(ref _levels, count);
            for (var i = 0; i < count; i++)
            {
                levels[i] = values[i] is null ? 0 : 1;
            }

            Hybrid(levels.AsSpan(0, count), 1, _body);
        }

        var written = _body.WrittenCount - prefix - 4;
        BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.AsMemory(_body.WrittenMemory).Span.Slice(prefix, 4), written);
    }

    /// <summary>Compresses the body, writes the page's header and the compressed body; returns the page's sizes (header included).</summary>
    private (long Uncompressed, long Compressed) WritePage(PageType type, int values, int encoding)
    {
        var body = _body.WrittenSpan;
        var bound = Snappy.GetMaxCompressedLength(body.Length);
        if (_compressed.Length < bound)
        {
            _compressed = new byte[Math.Max(bound, _compressed.Length * 2)];
        }

        var compressed = Snappy.Compress(body, _compressed);
        _header.ResetWrittenCount();
        var thrift = new CompactWriter(_header);
        thrift.I32(1, (int)type);
        thrift.I32(2, body.Length);
        thrift.I32(3, compressed);
        if (type == PageType.Data)
        {
            thrift.BeginStruct(5);
            thrift.I32(1, values);
            thrift.I32(2, encoding);
            thrift.I32(3, 3); // definition levels: RLE
            thrift.I32(4, 3); // repetition levels: RLE (none: the columns are flat)
            thrift.EndStruct();
        }
        else
        {
            thrift.BeginStruct(7);
            thrift.I32(1, values);
            thrift.I32(2, 0); // PLAIN
            thrift.EndStruct();
        }

        thrift.EndStruct();
        var header = _header.WrittenCount;
        Write(_header.WrittenSpan);
        Write(_compressed.AsSpan(0, compressed));
        return (header + body.Length, header + compressed);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _offset += bytes.Length;
    }

    private static int[] Scratch(ref int[] scratch, int count)
    {
        if (scratch.Length < count)
        {
            scratch = new int[Math.Max(count, scratch.Length * 2)];
        }

        return scratch;
    }

    /// <summary>
    /// Parquet's RLE / bit-packing hybrid (without a length prefix): a run of at least 8 equal values is one RLE run, the
    /// rest bit-packed in groups of 8 (only the last group padded with zeros; the reader knows the number of values).
    /// </summary>
    internal static void Hybrid(ReadOnlySpan<int> values, int width, ArrayBufferWriter<byte> output)
    {
        var literalStart = 0;
        var i = 0;
        while (i < values.Length)
        {
            var value = values[i];
            var j = i + 1;
            while (j < values.Length && values[j] == value)
            {
                j++;
            }

            var run = j - i;
            if (run >= 8)
            {
                // The literals before the run must fill whole groups of 8: the run's first values complete the last group.
                var pad = (8 - ((i - literalStart) & 7)) & 7;
                if (run - pad >= 8)
                {
                    BitPack(values[literalStart..(i + pad)], width, output);
                    Varint(output, (ulong)(run - pad) << 1);
                    var bytes = (width + 7) / 8;
                    var span = output.GetSpan(4);
                    BinaryPrimitives.WriteInt32LittleEndian(span, value);
                    output.Advance(bytes);
                    literalStart = j;
                }
            }

            i = j;
        }

        BitPack(values[literalStart..], width, output);
    }

    /// <summary>Values as one bit-packed run: its header, then groups of 8 values of <paramref name="width"/> bits, lowest bits first.</summary>
    private static void BitPack(ReadOnlySpan<int> values, int width, ArrayBufferWriter<byte> output)
    {
        if (values.Length == 0)
        {
            return;
        }

        var groups = (values.Length + 7) / 8;
        Varint(output, ((ulong)groups << 1) | 1);
        var span = output.GetSpan(groups * width);
        var position = 0;
        ulong buffer = 0;
        var bits = 0;
        for (var k = 0; k < groups * 8; k++)
        {
            var value = k < values.Length ? (uint)values[k] : 0u;
            buffer |= (ulong)value << bits;
            bits += width;
            while (bits >= 8)
            {
                span[position++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        output.Advance(position);
    }

    private static void Varint(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
    }

    private enum ParquetType
    {
        Boolean = 0,
        Int32 = 1,
        Int64 = 2,
        Double = 5,
        ByteArray = 6,
    }

    private enum PageType
    {
        Data = 0,
        Dictionary = 2,
    }

    /// <summary>A written column chunk: where its pages are, their sizes and its statistics (min and max as the format stores them).</summary>
    private sealed record ChunkInfo(long Start, long DictionaryOffset, long DataOffset, long Values, long Uncompressed, long Compressed, byte[]? Min, byte[]? Max, long Nulls);

    private sealed record RowGroupInfo(ChunkInfo[] Chunks, long Rows, long Start, long Uncompressed, long Compressed);

    /// <summary>Thrift's compact protocol, as much of it as Parquet's footer and page headers use.</summary>
    private sealed class CompactWriter(ArrayBufferWriter<byte> output)
    {
        public const byte I32Type = 5;
        public const byte BinaryType = 8;
        public const byte Struct = 12;
        private const byte I16Type = 4;
        private const byte I64Type = 6;
        private const byte ListType = 9;

        private readonly Stack<short> _outer = new();
        private short _last;

        public void I16(short id, short value)
        {
            Field(id, I16Type);
            Varint(output, ZigZag(value));
        }

        public void I32(short id, int value)
        {
            Field(id, I32Type);
            Varint(output, ZigZag(value));
        }

        public void I64(short id, long value)
        {
            Field(id, I64Type);
            Varint(output, ZigZag(value));
        }

        public void Binary(short id, ReadOnlySpan<byte> value)
        {
            Field(id, BinaryType);
            Bytes(value);
        }

        public void String(short id, string value) => Binary(id, Encoding.UTF8.GetBytes(value));

        public void BeginStruct(short id)
        {
            Field(id, Struct);
            BeginElement();
        }

        /// <summary>Starts a struct that is a list's element (no field header).</summary>
        public void BeginElement()
        {
            _outer.Push(_last);
            _last = 0;
        }

        /// <summary>Ends a struct (or the top-level one) with its stop byte.</summary>
        public void EndStruct()
        {
            output.GetSpan(1)[0] = 0;
            output.Advance(1);
            _last = _outer.Count > 0 ? _outer.Pop() : (short)0;
        }

        public void ListHeader(short id, byte elementType, int size)
        {
            Field(id, ListType);
            if (size < 15)
            {
                Byte((byte)((size << 4) | elementType));
            }
            else
            {
                Byte((byte)(0xF0 | elementType));
                Varint(output, (ulong)size);
            }
        }

        public void ListI32(int value) => Varint(output, ZigZag(value));

        public void ListString(string value) => Bytes(Encoding.UTF8.GetBytes(value));

        private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

        private void Field(short id, byte type)
        {
            var delta = id - _last;
            if (delta is > 0 and <= 15)
            {
                Byte((byte)((delta << 4) | type));
            }
            else
            {
                Byte(type);
                Varint(output, ZigZag(id));
            }

            _last = id;
        }

        private void Bytes(ReadOnlySpan<byte> value)
        {
            Varint(output, (ulong)value.Length);
            value.CopyTo(output.GetSpan(value.Length));
            output.Advance(value.Length);
        }

        private void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }
    }
}
