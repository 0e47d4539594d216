using System;
using System.IO;
using System.Text.Json;
using CampaignAnalytics.Cli.Infrastructure;
using NodaTime;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// A table as a JSON array of objects keyed by column name: numbers as JSON numbers (round-trip), dates as strings, null
/// as null. Rows are written by <see cref="JsonRowSink"/>, one at a time.
/// </summary>
internal static class JsonTableWriter
{
    public static JsonWriterOptions Options => new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = Serialization.ModelWriting.RelaxedEncoder,
    };

    public static void Write(Table table, Stream stream)
    {
        using var sink = new JsonRowSink(table.Columns, stream);
        sink.WriteTable(table);
    }

    public static void WriteArray(Table table, Utf8JsonWriter writer)
    {
        using var sink = new JsonRowSink(table.Columns, writer);
        sink.WriteTable(table);
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case LocalDate d: writer.WriteStringValue(Dates.Format(d)); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double x: writer.WriteNumberValue(x); break;
            case bool b: writer.WriteBooleanValue(b); break;
            default: throw new ArgumentException("Unsupported cell type " + value.GetType().Name + ".", nameof(value));
        }
    }
}
