using System;
using System.Collections;
using System.Collections.Generic;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// A small read-only map from field name to count, in the order the fields were read: what the generated
/// readers build for pattern-matched fields such as <c>notif_button_1_Buy_click</c>. Elements carry a handful of
/// such fields, so two parallel arrays searched linearly are cheaper to build and read than a hash table.
/// </summary>
public sealed class CountMap : IReadOnlyDictionary<string, long>
{
    private string[] _keys = new string[4];
    private long[] _values = new long[4];

    /// <summary>The number of fields.</summary>
    public int Count { get; private set; }

    /// <summary>The count of a field (ordinal name). Throws <see cref="KeyNotFoundException"/> when absent.</summary>
    /// <param name="key">The full field name.</param>
    public long this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field '{key}'.");

    /// <summary>The field names, in the order read.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _keys[i];
            }
        }
    }

    /// <summary>The counts, in the order read.</summary>
    public IEnumerable<long> Values
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _values[i];
            }
        }
    }

    /// <summary>Adds a field while reading; false when the name is already present.</summary>
    /// <param name="key">The full field name.</param>
    /// <param name="value">The count.</param>
    internal bool TryAdd(string key, long value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _keys[Count] = key;
        _values[Count] = value;
        Count++;
        return true;
    }

    /// <summary>True when the field is present (ordinal name).</summary>
    /// <param name="key">The full field name.</param>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Reads the count of a field; false when absent.</summary>
    /// <param name="key">The full field name.</param>
    /// <param name="value">The count, or 0 when absent.</param>
    public bool TryGetValue(string key, out long value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : 0;
        return i >= 0;
    }

    /// <summary>The fields in the order read.</summary>
    public IEnumerator<KeyValuePair<string, long>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, long>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
