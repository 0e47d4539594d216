using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NodaTime;
using Parquet;
using Parquet.Schema;

namespace CampaignAnalytics.Cli.Output;

/// <summary>A table as one Parquet row group: strings as UTF-8, dates as DATE, integers as nullable INT64, numbers as nullable DOUBLE, booleans as nullable BOOLEAN.</summary>
internal static class ParquetTableWriter
{
    public static async Task WriteAsync(Table table, Stream stream)
    {
        var fields = table.Columns.Select(ToField).ToArray();
        var schema = new ParquetSchema(fields);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var rows = table.Rows;
            var field = fields[c];
            switch (table.Columns[c].Type)
            {
                case ColumnType.String:
                    await group.WriteAsync(field, rows.Select(r => (string?)r[c]).ToArray()!).ConfigureAwait(false);
                    break;
                case ColumnType.Date:
                    var dates = rows.Select(r => r[c] is LocalDate d ? (DateOnly?)d.ToDateOnly() : null).ToArray();
                    await group.WriteAsync<DateOnly>(field, dates.AsMemory()).ConfigureAwait(false);
                    break;
                case ColumnType.Integer:
                    var longs = rows.Select(r => r[c] is long l ? (long?)l : null).ToArray();
                    await group.WriteAsync<long>(field, longs.AsMemory()).ConfigureAwait(false);
                    break;
                case ColumnType.Number:
                    var doubles = rows.Select(r => r[c] switch { double x => (double?)x, long l => l, _ => null }).ToArray();
                    await group.WriteAsync<double>(field, doubles.AsMemory()).ConfigureAwait(false);
                    break;
                case ColumnType.Boolean:
                    var flags = rows.Select(r => r[c] is bool b ? (bool?)b : null).ToArray();
                    await group.WriteAsync<bool>(field, flags.AsMemory()).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException("Unknown column type " + table.Columns[c].Type + ".");
            }
        }
    }

    private static DataField ToField(Column column) => column.Type switch
    {
        ColumnType.String => new DataField<string>(column.Name, true),
        ColumnType.Date => new DataField<DateOnly>(column.Name, true),
        ColumnType.Integer => new DataField<long>(column.Name, true),
        ColumnType.Number => new DataField<double>(column.Name, true),
        ColumnType.Boolean => new DataField<bool>(column.Name, true),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
    };
}
