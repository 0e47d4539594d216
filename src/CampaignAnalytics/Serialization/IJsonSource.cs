using System;
using System.Collections.Generic;
using System.ComponentModel;
using NodaTime;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// What a generated reader reads from, one step at a time; each step answers whether reading goes on. A model's
/// generated <c>TryRead</c> is written once against this interface and compiled for each of its two sources: the fast
/// cursor over plain JSON, which answers <see langword="false"/> (never throwing) for anything it leaves to the full
/// reader, and the full reader over <see cref="System.Text.Json.Utf8JsonReader"/>, which never answers
/// <see langword="false"/> but throws a located <see cref="CampaignJsonException"/>. Public only so that code
/// generated into other assemblies can call it; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IJsonSource
{
    /// <summary>Consumes <c>{</c>.</summary>
    bool TryStartObject();

    /// <summary>Consumes <c>}</c>; false (consuming nothing) when a member follows.</summary>
    bool TryEndObject();

    /// <summary>Consumes <c>[</c>.</summary>
    bool TryStartArray();

    /// <summary>Consumes <c>]</c>; false (consuming nothing) when an element follows.</summary>
    bool TryEndArray();

    /// <summary>Consumes the comma between two members or elements; false at the end of the object or array.</summary>
    bool TryComma();

    /// <summary>Consumes a property name and its colon.</summary>
    /// <param name="name">The name as UTF-8, unescaped.</param>
    bool TryPropertyName(out ReadOnlySpan<byte> name);

    /// <summary>Marks the current property as seen; false (or a duplicate-property error) when it was seen already.</summary>
    /// <param name="seen">The object's seen bits.</param>
    /// <param name="bit">The property's bit.</param>
    bool TryMarkSeen(ref ulong seen, ulong bit);

    /// <summary>At the end of an object: false (or a missing-property error) when a required property was not seen.</summary>
    /// <param name="seen">The object's seen bits.</param>
    /// <param name="bit">The property's bit.</param>
    /// <param name="name">The property's JSON name, for the error.</param>
    bool TryRequire(ulong seen, ulong bit, string name);

    /// <summary>
    /// After a map key (the name <see cref="TryPropertyName"/> just gave): false (or a duplicate-key error at the key)
    /// when the map already holds it, as <see cref="TryMarkSeen"/> does for a declared property.
    /// </summary>
    /// <param name="isNew">Whether the map did not hold the key yet.</param>
    bool TryNewKey(bool isNew);

    /// <summary>Consumes an integer of at least <paramref name="minimum"/> (<see cref="long.MinValue"/>: any).</summary>
    /// <param name="value">The value.</param>
    /// <param name="minimum">The schema's <c>minimum</c>; when it is 0 or more, <c>-0</c> is refused too.</param>
    bool TryReadInt64(out long value, long minimum);

    /// <summary>Consumes a finite number.</summary>
    /// <param name="value">The value.</param>
    bool TryReadDouble(out double value);

    /// <summary>Consumes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    bool TryReadBoolean(out bool value);

    /// <summary>Consumes a string.</summary>
    /// <param name="value">The text.</param>
    bool TryReadString(out string value);

    /// <summary>Consumes a <c>yyyy-MM-dd</c> string holding a valid ISO date.</summary>
    /// <param name="value">The date.</param>
    bool TryReadLocalDate(out LocalDate value);

    /// <summary>Consumes the value of a pattern-matched count field and adds it to the group's map (created on first use).</summary>
    /// <param name="counts">The group's map, null until its first field.</param>
    /// <param name="name">The field name, as <see cref="TryPropertyName"/> gave it.</param>
    /// <param name="minimum">As for <see cref="TryReadInt64"/>.</param>
    bool TryReadCount(ref IReadOnlyDictionary<string, long>? counts, ReadOnlySpan<byte> name, long minimum);

    /// <summary>Consumes the value of a field the schema does not declare and keeps it as raw JSON (the list created on first use).</summary>
    /// <param name="unknown">The object's unknown fields, null until the first.</param>
    /// <param name="name">The field name, as <see cref="TryPropertyName"/> gave it.</param>
    bool TryKeepUnknown(ref IReadOnlyList<RawJsonProperty>? unknown, ReadOnlySpan<byte> name);
}
