using System;
using System.Collections;
using System.Collections.Generic;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// A read-only map from key to value in the order the keys were read: what the generated readers build for the maps
/// of a model (a Canvas series' <c>variant_stats</c> keyed by variant id, a count group keyed by field name), so that
/// writing the model back gives its keys in the order received. Keys are compared ordinally; a map holds each once.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public class OrderedMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    // Maps are small (a handful of count fields, tens of steps): arrays searched linearly until an index pays.
    private const int IndexFrom = 16;
    private string[] _keys = new string[4];
    private TValue[] _values = new TValue[4];
    private Dictionary<string, int>? _index;

    /// <summary>Creates an empty map (filled by the generated readers).</summary>
    internal OrderedMap()
    {
    }

    /// <summary>The number of keys.</summary>
    public int Count { get; private set; }

    /// <summary>The value of a key (ordinal). Throws <see cref="KeyNotFoundException"/> when absent.</summary>
    /// <param name="key">The key.</param>
    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No key '{key}'.");

    /// <summary>The keys, in the order read.</summary>
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

    /// <summary>The values, in the order read.</summary>
    public IEnumerable<TValue> Values
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _values[i];
            }
        }
    }

    /// <summary>True when the key is present (ordinal).</summary>
    /// <param name="key">The key.</param>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Reads the value of a key; false when absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, or the default when absent.</param>
    public bool TryGetValue(string key, out TValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : default!;
        return i >= 0;
    }

    /// <summary>The entries in the order read.</summary>
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, TValue>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds a key while reading; false when the key is already present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    internal bool TryAdd(string key, TValue value)
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
        _index?.Add(key, Count);
        Count++;
        if (_index is null && Count == IndexFrom)
        {
            _index = new Dictionary<string, int>(Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < Count; i++)
            {
                _index.Add(_keys[i], i);
            }
        }

        return true;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var at) ? at : -1;
        }

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
