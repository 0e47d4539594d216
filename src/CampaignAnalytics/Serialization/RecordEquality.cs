using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// Value equality of the members the compiler's record equality compares by reference: lists element by element and
/// count maps by content, with hashes consistent with them. Used by the generated models and by the library's own
/// records. Public only so that code generated into other assemblies can call it; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecordEquality
{
    /// <summary>Structural equality of two optional lists (null equals only null).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="left">The first list.</param>
    /// <param name="right">The second list.</param>
    public static bool ListEquals<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of an optional list, consistent with <see cref="ListEquals{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The list.</param>
    public static int ListHash<T>(IReadOnlyList<T>? list)
    {
        if (list is null)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.Add(list.Count);
        foreach (var item in list)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Order-insensitive equality of two optional count maps (null equals only null).</summary>
    /// <param name="left">The first map.</param>
    /// <param name="right">The second map.</param>
    public static bool MapEquals(IReadOnlyDictionary<string, long>? left, IReadOnlyDictionary<string, long>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        foreach (var pair in left)
        {
            if (!right.TryGetValue(pair.Key, out var other) || other != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Order-insensitive equality of two optional maps of models (null equals only null).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="left">The first map.</param>
    /// <param name="right">The second map.</param>
    public static bool MapEquals<T>(IReadOnlyDictionary<string, T>? left, IReadOnlyDictionary<string, T>? right)
        where T : class
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        foreach (var pair in left)
        {
            if (!right.TryGetValue(pair.Key, out var other) || !comparer.Equals(pair.Value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of an optional map of models, consistent with <see cref="MapEquals{T}"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="map">The map.</param>
    public static int MapHash<T>(IReadOnlyDictionary<string, T>? map)
        where T : class
    {
        if (map is null)
        {
            return 0;
        }

        var hash = map.Count;
        foreach (var pair in map)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(pair.Key), EqualityComparer<T>.Default.GetHashCode(pair.Value));
        }

        return hash;
    }

    /// <summary>A hash of an optional count map, consistent with <see cref="MapEquals(IReadOnlyDictionary{string, long}?, IReadOnlyDictionary{string, long}?)"/>.</summary>
    /// <param name="map">The map.</param>
    public static int MapHash(IReadOnlyDictionary<string, long>? map)
    {
        if (map is null)
        {
            return 0;
        }

        var hash = map.Count;
        foreach (var pair in map)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(pair.Key), pair.Value);
        }

        return hash;
    }
}
