using System;
using System.Collections.Generic;
using System.Text.Json;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Schemas;

/// <summary>
/// Reads JSON into the general models of a schema read at run time: a <see cref="Utf8JsonReader"/> walk driven by the
/// spec, step for step the generated full reader (the same <see cref="JsonReadHelpers"/> calls in the same order), so
/// that the same input gives the same values, or the same <see cref="CampaignJsonException"/> with the same path,
/// position and problem. There is no fast path: the generated readers' fast path decides nothing the full reader
/// would decide differently (their differential tests hold it to that), so the full reader alone gives the same outcome.
/// </summary>
internal static class SchemaReader
{
    /// <summary>Parses a whole UTF-8 text (after any byte-order mark) as one value of the layout's type.</summary>
    public static SchemaModel Parse(ReadOnlySpan<byte> utf8Json, ObjectLayout layout)
    {
        if (utf8Json.Length >= 3 && utf8Json[0] == 0xEF && utf8Json[1] == 0xBB && utf8Json[2] == 0xBF)
        {
            utf8Json = utf8Json.Slice(3);
        }

        var reader = JsonReadHelpers.CreateReader(utf8Json);
        try
        {
            JsonReadHelpers.Read(ref reader);
            var result = ReadObject(ref reader, layout);
            JsonReadHelpers.ExpectEnd(ref reader);
            return result;
        }
        catch (CampaignJsonException e) when (!e.IsComplete)
        {
            throw e.Complete(utf8Json);
        }
        catch (JsonException e) when (e is not CampaignJsonException)
        {
            throw JsonReadHelpers.FromReaderException(e, ref reader).Complete(utf8Json);
        }
    }

    /// <summary>Reads one object, the reader on its first token; leaves the reader on its last.</summary>
    private static SchemaModel ReadObject(ref Utf8JsonReader reader, ObjectLayout layout)
    {
        JsonReadHelpers.ExpectStartObject(ref reader);
        var result = layout.Create();
        var fields = layout.Fields;
        var patterns = layout.Patterns;
        CountMap?[]? groups = null;
        List<RawJsonProperty>? unknown = null;
        string? current = null;
        try
        {
            while (true)
            {
                JsonReadHelpers.Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                // The generated matcher compares the raw bytes of an unescaped name and the decoded text of an escaped
                // one: both amount to comparing the decoded name, and a declared name decodes without fail.
                var name = JsonReadHelpers.GetPropertyName(ref reader);
                if (layout.Field(name) is { } field)
                {
                    current = field.Spec.JsonName;
                    if (result.IsMarked(field))
                    {
                        throw JsonReadHelpers.Duplicate(ref reader, current);
                    }

                    result.MarkPresent(field);
                    JsonReadHelpers.Read(ref reader);
                    ReadValue(ref reader, result, field);
                }
                else
                {
                    current = name;
                    var group = MatchPattern(patterns, current);
                    if (group >= 0)
                    {
                        JsonReadHelpers.Read(ref reader);
                        groups ??= new CountMap?[patterns.Length];
                        var map = groups[group] ??= new CountMap();
                        if (!map.TryAdd(current, ReadCount(ref reader, patterns[group].Minimum)))
                        {
                            throw JsonReadHelpers.Duplicate(ref reader, current);
                        }
                    }
                    else
                    {
                        unknown ??= new List<RawJsonProperty>();
                        foreach (var kept in unknown)
                        {
                            if (string.Equals(kept.Name, current, StringComparison.Ordinal))
                            {
                                throw JsonReadHelpers.Duplicate(ref reader, current);
                            }
                        }

                        JsonReadHelpers.Read(ref reader);
                        unknown.Add(new RawJsonProperty(current, JsonReadHelpers.CaptureRaw(ref reader)));
                    }
                }

                current = null;
            }
        }
        catch (CampaignJsonException e) when (!e.IsComplete)
        {
            if (current is not null)
            {
                e.PrependProperty(current);
            }

            throw;
        }
        catch (JsonException e) when (e is not CampaignJsonException)
        {
            var located = JsonReadHelpers.FromReaderException(e, ref reader);
            if (current is not null)
            {
                located.PrependProperty(current);
            }

            throw located;
        }

        foreach (var field in fields)
        {
            if (field.Spec.IsRequired && !result.IsMarked(field))
            {
                throw JsonReadHelpers.Missing(ref reader, field.Spec.JsonName);
            }
        }

        result.Groups = groups;
        result.Unknown = unknown;
        return result;
    }

    /// <summary>Reads an array of one object type, the reader on its first token; leaves the reader on its last.</summary>
    private static SchemaModel[] ReadList(ref Utf8JsonReader reader, ObjectLayout layout)
    {
        JsonReadHelpers.ExpectStartArray(ref reader);
        var items = new List<SchemaModel>();
        var index = -1;
        try
        {
            while (true)
            {
                JsonReadHelpers.Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                index = items.Count;
                items.Add(ReadObject(ref reader, layout));
                index = -1;
            }
        }
        catch (CampaignJsonException e) when (!e.IsComplete)
        {
            if (index >= 0)
            {
                e.PrependIndex(index);
            }

            throw;
        }
        catch (JsonException e) when (e is not CampaignJsonException)
        {
            var located = JsonReadHelpers.FromReaderException(e, ref reader);
            if (index >= 0)
            {
                located.PrependIndex(index);
            }

            throw located;
        }

        var array = layout.CreateArray(items.Count);
        items.CopyTo(array);
        return array;
    }

    private static void ReadValue(ref Utf8JsonReader reader, SchemaModel result, FieldLayout field)
    {
        switch (field.Spec.Kind)
        {
            case ValueKind.Int64:
                result.SetInt64(field, ReadCount(ref reader, field.Spec.Minimum));
                break;
            case ValueKind.Double:
                result.SetDouble(field, JsonReadHelpers.ReadDouble(ref reader));
                break;
            case ValueKind.Boolean:
                result.SetFlag(field, JsonReadHelpers.ReadBoolean(ref reader));
                break;
            case ValueKind.String:
                result.SetReference(field, JsonReadHelpers.ReadString(ref reader));
                break;
            case ValueKind.LocalDate:
                result.SetReference(field, JsonReadHelpers.ReadLocalDate(ref reader));
                break;
            case ValueKind.Object:
                result.SetReference(field, ReadObject(ref reader, field.Element!));
                break;
            default:
                result.SetReference(field, ReadList(ref reader, field.Element!));
                break;
        }
    }

    /// <summary>An integer, checked against the schema's <c>minimum</c> where it has one (as the generated readers read it).</summary>
    private static long ReadCount(ref Utf8JsonReader reader, long? minimum) =>
        minimum is long m ? JsonReadHelpers.ReadInt64(ref reader, m) : JsonReadHelpers.ReadInt64(ref reader);

    /// <summary>The first pattern group the name belongs to (literal prefix and suffix, ordinal), or -1.</summary>
    private static int MatchPattern(PatternGroupSpec[] patterns, string name)
    {
        for (var i = 0; i < patterns.Length; i++)
        {
            var g = patterns[i];
            if (name.Length >= g.Prefix.Length + g.Suffix.Length
                && name.StartsWith(g.Prefix, StringComparison.Ordinal)
                && name.EndsWith(g.Suffix, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
