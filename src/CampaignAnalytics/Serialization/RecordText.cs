using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// How every record of the library and every generated model prints: its <c>PrintMembers</c> hands its members to
/// <see cref="Members"/> and the compiler's record <c>ToString</c> adds the name and braces, giving
/// <c>Name { A = a, B = b }</c> in the invariant culture (never the current one). Public only so that code generated
/// into other assemblies can call it; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecordText
{
    /// <summary>
    /// Appends <c>A = a, B = b</c>: dates and intervals in ISO-8601, doubles round-trip, other numbers invariant, count
    /// maps as <c>{ name: count }</c>, other sequences as <c>[a, b]</c>, null as nothing.
    /// </summary>
    /// <param name="builder">The record's text.</param>
    /// <param name="members">The members' names and values, in order.</param>
    /// <returns>Whether a member was appended (what a record's <c>PrintMembers</c> returns).</returns>
    public static bool Members(StringBuilder builder, params ReadOnlySpan<(string Name, object? Value)> members)
    {
        ArgumentNullException.ThrowIfNull(builder);
        for (var i = 0; i < members.Length; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(members[i].Name).Append(" = ").Append(InvariantText.Value(members[i].Value));
        }

        return members.Length > 0;
    }

    /// <summary>A list as its size, e.g. <c>[3 items]</c>, for a model's lists (a response's days would otherwise print in full); null for null.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The list.</param>
    public static string? Size<T>(IReadOnlyList<T>? list) =>
        list is null ? null : list.Count == 1 ? "[1 item]" : "[" + list.Count.ToString(CultureInfo.InvariantCulture) + " items]";

    /// <summary>A map of models as its size, e.g. <c>{3 entries}</c>; null for null.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="map">The map.</param>
    public static string? Size<T>(IReadOnlyDictionary<string, T>? map)
        where T : class =>
        map is null ? null : map.Count == 1 ? "{1 entry}" : "{" + map.Count.ToString(CultureInfo.InvariantCulture) + " entries}";
}
