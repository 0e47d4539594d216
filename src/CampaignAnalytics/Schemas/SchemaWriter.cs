using CampaignAnalytics.Invariant;
using System;
using System.Text.Json;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Schemas;

/// <summary>
/// Writes the general models of a schema read at run time as the generated writers write their records: declared
/// fields in schema order (a required count, amount, flag, date or text always; an optional one when present), then
/// the pattern-matched counts and the unknown fields as received.
/// </summary>
internal static class SchemaWriter
{
    public static void Write(Utf8JsonWriter writer, SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var field in model.Layout.Fields)
        {
            var spec = field.Spec;
            var always = spec.IsRequired && spec.Kind is ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean or ValueKind.LocalDate or ValueKind.String;
            var name = field.EncodedName;
            switch (spec.Kind)
            {
                case ValueKind.Int64 when always || model.IsMarked(field):
                    writer.WriteNumber(name, model.GetInt64(field).GetValueOrDefault());
                    break;
                case ValueKind.Double when always || model.IsMarked(field):
                    writer.WriteNumber(name, model.GetDouble(field).GetValueOrDefault());
                    break;
                case ValueKind.Boolean when always || model.IsMarked(field):
                    writer.WriteBoolean(name, model.GetFlag(field).GetValueOrDefault());
                    break;
                case ValueKind.LocalDate when always || model.IsMarked(field):
                    writer.WriteString(name, InvariantText.Iso(model.GetLocalDate(field).GetValueOrDefault()));
                    break;
                case ValueKind.String when model.GetText(field) is { } text:
                    writer.WriteString(name, text);
                    break;
                case ValueKind.Object when model.GetObject(field) is { } nested:
                    writer.WritePropertyName(name);
                    Write(writer, nested);
                    break;
                case ValueKind.ObjectArray when model.GetList(field) is { } items:
                    writer.WritePropertyName(name);
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
            }
        }

        for (var i = 0; i < model.Layout.Patterns.Length; i++)
        {
            if (model.Group(i) is { } map)
            {
                foreach (var pair in map)
                {
                    writer.WriteNumber(pair.Key, pair.Value);
                }
            }
        }

        ModelWriting.WriteUnknown(writer, model.UnknownFields);

        writer.WriteEndObject();
    }
}
