using System;
using System.Text.Json;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// A JSON property the schema does not declare (an unknown field or an unknown channel), kept as
/// its name and its value's JSON text so that nothing received is lost.
/// </summary>
/// <param name="Name">The property name as received (unescaped).</param>
/// <param name="Json">The value as compact JSON text.</param>
public sealed record RawJsonProperty(string Name, string Json)
{
    /// <summary>The value parsed as a <see cref="JsonElement"/> (a detached copy).</summary>
    public JsonElement Value
    {
        get
        {
            using var doc = JsonDocument.Parse(Json);
            return doc.RootElement.Clone();
        }
    }

    /// <summary>The JSON kind of the value (object, array, number, ...), read from its first character.</summary>
    public JsonValueKind ValueKind => Json.Length == 0 ? JsonValueKind.Undefined : Json[0] switch
    {
        '{' => JsonValueKind.Object,
        '[' => JsonValueKind.Array,
        '"' => JsonValueKind.String,
        't' => JsonValueKind.True,
        'f' => JsonValueKind.False,
        'n' => JsonValueKind.Null,
        _ => JsonValueKind.Number,
    };

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Name}: {Json}");
}
