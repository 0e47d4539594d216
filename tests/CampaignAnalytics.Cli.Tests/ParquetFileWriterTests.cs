using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Cli.Output;
using DuckDB.NET.Data;
using NodaTime;
using Parquet;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// The tool's own Parquet writer (<see cref="ParquetFileWriter"/> behind <see cref="ParquetRowSink"/>), proved with two
/// engines that did not write it: Parquet.Net reads back every value, type and null; DuckDB reads the same rows and shows
/// the chunks' dictionary encoding, Snappy and statistics (min and max compared as UTF-8 bytes, null counts).
/// </summary>
public sealed class ParquetFileWriterTests : IDisposable
{
    private static readonly Column[] Columns =
    [
        new("s", ColumnType.String),
        new("d", ColumnType.Date),
        new("i", ColumnType.Integer),
        new("n", ColumnType.Number),
        new("b", ColumnType.Boolean),
    ];

    /// <summary>"Ａ" (U+FF21) sorts after "😀" in UTF-16 but before it in UTF-8 bytes, which is Parquet's order for strings.</summary>
    private const string Fullwidth = "\uFF21";

    private const string Emoji = "\U0001F600";

    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-pq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Row <paramref name="i"/> of the test table: nulls in every column, non-ASCII and very long strings, edge numbers and dates.</summary>
    private static (string? S, LocalDate? D, long? I, double? N, bool? B) Row(int i)
    {
        string?[] strings = ["email", null, "Zürich — 日本", "", new string('x', 100_000), Fullwidth, Emoji, string.Concat("em", "ail")]; // the same text as another instance
        long?[] integers = [0, long.MinValue, null, long.MaxValue, -1, 42];
        double?[] numbers = [0.5, null, -0.0, double.NaN, -1e300, 3.25, 0.0];
        return (
            strings[i % strings.Length],
            i % 5 == 3 ? null : new LocalDate(1969, 12, 25).PlusDays(i % 400),
            integers[i % integers.Length],
            numbers[i % numbers.Length],
            i % 3 == 2 ? null : i % 2 == 0);
    }

    private string Write(int rows, int rowGroupSize)
    {
        var path = Path.Combine(_dir, $"t-{rows}-{rowGroupSize}.parquet");
        using var stream = File.Create(path);
        using var sink = new ParquetRowSink(Columns, stream, rowGroupSize);
        for (var i = 0; i < rows; i++)
        {
            var (s, d, n, x, b) = Row(i);
            sink.String(s);
            if (d is { } date)
            {
                sink.Date(date);
            }
            else
            {
                sink.Cell(null);
            }

            sink.Integer(n);
            sink.Number(x);
            sink.Boolean(b);
            sink.EndRow();
        }

        sink.Complete();
        return path;
    }

    [Theory]
    [InlineData(0, 65_536)]
    [InlineData(1, 65_536)]
    [InlineData(1_000, 65_536)]
    [InlineData(1_000, 7)] // many row groups, the last one short
    [InlineData(12, 1)] // a row a group: column chunks of nothing but a null
    public async Task Parquet_Net_reads_back_every_value_type_and_null(int rows, int rowGroupSize)
    {
        var path = Write(rows, rowGroupSize);
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(Columns.Select(c => c.Name), reader.Schema.DataFields.Select(f => f.Name));
        Assert.All(reader.Schema.DataFields, f => Assert.True(f.IsNullable, f.Name));
        var elements = reader.Metadata!.Schema.Skip(1).ToList();
        Assert.Equal([Parquet.Meta.Type.BYTE_ARRAY, Parquet.Meta.Type.INT32, Parquet.Meta.Type.INT64, Parquet.Meta.Type.DOUBLE, Parquet.Meta.Type.BOOLEAN], elements.Select(e => e.Type));
        Assert.NotNull(elements[0].LogicalType!.STRING);
        Assert.NotNull(elements[1].LogicalType!.DATE);
        Assert.Equal((rows + rowGroupSize - 1) / rowGroupSize, reader.RowGroupCount);

        var strings = new List<string?>();
        var dates = new List<DateOnly?>();
        var integers = new List<long?>();
        var numbers = new List<double?>();
        var booleans = new List<bool?>();
        var fields = reader.Schema.DataFields;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            Assert.InRange(group.RowCount, 1, rowGroupSize);
            var n = (int)group.RowCount;
            var s = new string?[n];
            await group.ReadAsync(fields[0], s.AsMemory());
            strings.AddRange(s);
            var d = new DateTime?[n]; // Parquet.Net reads DATE as DateTime unless told otherwise
            await group.ReadAsync<DateTime>(fields[1], d.AsMemory());
            dates.AddRange(d.Select(t => t is { } time ? DateOnly.FromDateTime(time) : (DateOnly?)null));
            var i = new long?[n];
            await group.ReadAsync<long>(fields[2], i.AsMemory());
            integers.AddRange(i);
            var x = new double?[n];
            await group.ReadAsync<double>(fields[3], x.AsMemory());
            numbers.AddRange(x);
            var b = new bool?[n];
            await group.ReadAsync<bool>(fields[4], b.AsMemory());
            booleans.AddRange(b);
        }

        var expected = Enumerable.Range(0, rows).Select(Row).ToList();
        Assert.Equal(expected.Select(r => r.S), strings);
        Assert.Equal(expected.Select(r => r.D?.ToDateOnly()), dates);
        Assert.Equal(expected.Select(r => r.I), integers);
        Assert.Equal(expected.Select(r => r.N), numbers);
        Assert.Equal(expected.Select(r => r.B), booleans);
    }

    [Fact]
    public void DuckDB_reads_the_same_rows_and_the_chunks_dictionary_snappy_and_statistics()
    {
        const int Rows = 1_000;
        var path = Write(Rows, 200);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var file = path.Replace("'", "''", StringComparison.Ordinal);
        using (var reader = Query(connection, $"SELECT s, CAST(d AS VARCHAR), i, n, b FROM read_parquet('{file}')"))
        {
            var i = 0;
            while (reader.Read())
            {
                var (s, d, n, x, b) = Row(i++);
                Assert.Equal(s, reader.IsDBNull(0) ? null : reader.GetString(0));
                Assert.Equal(d?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetString(1));
                Assert.Equal(n, reader.IsDBNull(2) ? null : reader.GetInt64(2));
                Assert.Equal(x, reader.IsDBNull(3) ? null : reader.GetDouble(3));
                Assert.Equal(b, reader.IsDBNull(4) ? null : reader.GetBoolean(4));
            }

            Assert.Equal(Rows, i);
        }

        using (var reader = Query(connection, $"""
            SELECT row_group_id, path_in_schema, compression, CAST(encodings AS VARCHAR), stats_null_count,
                   stats_min_value, stats_max_value, dictionary_page_offset
            FROM parquet_metadata('{file}') ORDER BY row_group_id, column_id
            """))
        {
            var chunks = 0;
            while (reader.Read())
            {
                chunks++;
                var group = (int)reader.GetInt64(0);
                var rows = Enumerable.Range(group * 200, 200).Select(Row).ToList();
                var column = reader.GetString(1);
                Assert.Equal("SNAPPY", reader.GetString(2));
                var nulls = column switch
                {
                    "s" => rows.Count(r => r.S is null),
                    "d" => rows.Count(r => r.D is null),
                    "i" => rows.Count(r => r.I is null),
                    "n" => rows.Count(r => r.N is null),
                    _ => rows.Count(r => r.B is null),
                };
                Assert.Equal(nulls, reader.GetInt64(4));
                if (column == "s")
                {
                    Assert.Contains("RLE_DICTIONARY", reader.GetString(3), StringComparison.Ordinal);
                    Assert.False(reader.IsDBNull(7));
                    Assert.Equal("", reader.GetString(5));
                    Assert.Equal(Emoji, reader.GetString(6)); // by UTF-8 bytes, not by UTF-16 code units
                }
                else if (column == "i")
                {
                    Assert.Equal(long.MinValue.ToString(CultureInfo.InvariantCulture), reader.GetString(5));
                    Assert.Equal(long.MaxValue.ToString(CultureInfo.InvariantCulture), reader.GetString(6));
                }
                else if (column == "n")
                {
                    Assert.Equal(-1e300, double.Parse(reader.GetString(5), CultureInfo.InvariantCulture)); // NaN left out
                    Assert.Equal(3.25, double.Parse(reader.GetString(6), CultureInfo.InvariantCulture));
                }
                else if (column == "d")
                {
                    var dates = rows.Where(r => r.D is not null).Select(r => r.D!.Value).ToList();
                    Assert.Equal(dates.Min().ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), reader.GetString(5));
                    Assert.Equal(dates.Max().ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), reader.GetString(6));
                }
                else
                {
                    Assert.Equal("false", reader.GetString(5));
                    Assert.Equal("true", reader.GetString(6));
                }
            }

            Assert.Equal(5 * Columns.Length, chunks);
        }

        // A row a group: chunks of nothing but a null (no minimum, no maximum) read as nulls.
        var single = Write(12, 1).Replace("'", "''", StringComparison.Ordinal);
        using (var reader = Query(connection, $"SELECT count(*), count(s), count(d), count(i), count(n), count(b) FROM read_parquet('{single}')"))
        {
            Assert.True(reader.Read());
            var rows = Enumerable.Range(0, 12).Select(Row).ToList();
            Assert.Equal(
                new long[] { 12, rows.Count(r => r.S is not null), rows.Count(r => r.D is not null), rows.Count(r => r.I is not null), rows.Count(r => r.N is not null), rows.Count(r => r.B is not null) },
                Enumerable.Range(0, 6).Select(reader.GetInt64));
        }

        // No rows: a footer without row groups, the columns and their types still there.
        var empty = Write(0, 65_536).Replace("'", "''", StringComparison.Ordinal);
        using (var reader = Query(connection, $"SELECT count(*), any_value(s), any_value(d), any_value(i), any_value(n), any_value(b) FROM read_parquet('{empty}')"))
        {
            Assert.True(reader.Read());
            Assert.Equal(0, reader.GetInt64(0));
            Assert.Equal(["VARCHAR", "DATE", "BIGINT", "DOUBLE", "BOOLEAN"], Enumerable.Range(1, 5).Select(c => reader.GetDataTypeName(c).ToUpperInvariant()));
        }
    }

    [Fact]
    public async Task The_single_file_export_has_the_csv_export_s_rows_in_duckdb_with_dictionary_strings_and_statistics()
    {
        var spring = CliRunner.Data("spring-sale.json");
        var csv = await CliRunner.RunAsync("export", spring, CliRunner.Data("welcome-series.json"), "--layout", "long", "--format", "csv", "--out", "-");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var expected = Csv.Parse(csv.Stdout);
        var path = Path.Combine(_dir, "long.parquet");
        var result = await CliRunner.RunAsync("export", spring, CliRunner.Data("welcome-series.json"), "--layout", "long", "--out", path);
        Assert.True(result.ExitCode == 0, result.ToString());

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var file = path.Replace("'", "''", StringComparison.Ordinal);
        // The CSV's text of each cell (a value as the shortest round-trip number; an empty cell for null).
        using (var reader = Query(connection, $"SELECT * FROM read_parquet('{file}')"))
        {
            Assert.Equal(expected[0], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            var row = 1;
            while (reader.Read())
            {
                var cells = expected[row++];
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var text = reader.IsDBNull(c) ? "" : reader.GetValue(c) switch
                    {
                        double x => x.ToString("R", CultureInfo.InvariantCulture),
                        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DateOnly o => o.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
                    };
                    Assert.True(cells[c] == text || (double.TryParse(cells[c], CultureInfo.InvariantCulture, out var a) && double.TryParse(text, CultureInfo.InvariantCulture, out var b) && a == b), $"row {row - 1}, column {c}: CSV '{cells[c]}', Parquet '{text}'");
                }
            }

            Assert.Equal(expected.Count, row);
        }

        using (var reader = Query(connection, $"SELECT type, compression, CAST(encodings AS VARCHAR), stats_null_count, stats_min_value, stats_max_value FROM parquet_metadata('{file}')"))
        {
            while (reader.Read())
            {
                Assert.Equal("SNAPPY", reader.GetString(1));
                Assert.False(reader.IsDBNull(3));
                Assert.False(reader.IsDBNull(4));
                Assert.False(reader.IsDBNull(5));
                if (reader.GetString(0) == "BYTE_ARRAY")
                {
                    Assert.Contains("RLE_DICTIONARY", reader.GetString(2), StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>A query's rows (the command goes with the connection).</summary>
    private static System.Data.Common.DbDataReader Query(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    /// <summary>
    /// A row group that fails to write (a full disk) fails the export where it is waited for; a sink abandoned while such a
    /// write is in flight (another partition of the lake failed first) disposes quietly: throwing again from Dispose hid
    /// the first failure and stopped the lake from deleting its temporary files.
    /// </summary>
    [Fact]
    public void A_row_group_that_fails_to_write_fails_once_and_an_abandoned_sink_disposes_quietly()
    {
        static void Rows(ParquetRowSink sink, int count)
        {
            for (var i = 0; i < count; i++)
            {
                sink.String("x");
                sink.Date(new LocalDate(2026, 1, 1));
                sink.Integer(i);
                sink.Number(i);
                sink.Boolean(true);
                sink.EndRow();
            }
        }

        using (var completed = new ParquetRowSink(Columns, new FullDisk(allowed: 4), rowGroupSize: 2))
        {
            var error = Assert.Throws<IOException>(() =>
            {
                Rows(completed, 10);
                completed.Complete();
            });
            Assert.Equal("No space left on device", error.Message);
        }

        var abandoned = new ParquetRowSink(Columns, new FullDisk(allowed: 4), rowGroupSize: 2);
        Rows(abandoned, 2); // one row group handed to the background write, which fails
        abandoned.Dispose();
    }

    /// <summary>A stream that takes <c>allowed</c> bytes and then fails as a full disk does.</summary>
    private sealed class FullDisk(int allowed) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        private void Check(int count)
        {
            if (Length + count > allowed)
            {
                throw new IOException("No space left on device");
            }
        }
    }
}
