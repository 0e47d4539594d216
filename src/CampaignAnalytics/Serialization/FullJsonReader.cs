using System;
using System.Collections.Generic;
using System.Text.Json;
using NodaTime;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// The generated readers' full path: every step over a <see cref="Utf8JsonReader"/>, which takes any valid JSON and
/// words every error. It never answers <see langword="false"/>: bad input throws a <see cref="CampaignJsonException"/>
/// (or the reader's own <see cref="JsonException"/>) at the offending token, and <see cref="Locate"/> then adds the
/// JSON path, which this reader keeps as it goes (one level per object or array: the property or element being read).
/// </summary>
internal ref struct FullJsonReader : IJsonSource
{
    private Utf8JsonReader _reader;

    // True when the reader already holds the next token: Utf8JsonReader cannot look ahead, so the end of an object or
    // array is found by reading its next token, which the following step then takes as its own.
    private bool _ahead;
    private Level[] _levels;
    private int _depth;

    /// <summary>Reads with <paramref name="reader"/>, before its first token or, when <paramref name="onFirstToken"/>, on it.</summary>
    /// <param name="reader">The reader (a copy: <see cref="Reader"/> is where it got to).</param>
    /// <param name="onFirstToken">Whether the reader already holds the value's first token.</param>
    internal FullJsonReader(Utf8JsonReader reader, bool onFirstToken)
    {
        _reader = reader;
        _ahead = onFirstToken;
        _levels = new Level[8];
        _depth = 0;
    }

    /// <summary>The reader as it is now: on the last token read.</summary>
    internal readonly Utf8JsonReader Reader => _reader;

    private readonly ref Level Top => ref _levels[_depth - 1];

    /// <inheritdoc />
    public bool TryStartObject()
    {
        Advance();
        JsonReadHelpers.ExpectStartObject(ref _reader);
        Push(isArray: false);
        return true;
    }

    /// <inheritdoc />
    public bool TryEndObject() => TryEnd(JsonTokenType.EndObject);

    /// <inheritdoc />
    public bool TryStartArray()
    {
        Advance();
        JsonReadHelpers.ExpectStartArray(ref _reader);
        Push(isArray: true);
        return true;
    }

    /// <inheritdoc />
    public bool TryEndArray() => TryEnd(JsonTokenType.EndArray);

    /// <inheritdoc />
    public bool TryComma()
    {
        // Between members nothing is being read: an error here names the object or array, not the last member.
        ref var level = ref Top;
        level.Name = null;
        level.Index = -1;
        JsonReadHelpers.Read(ref _reader);
        _ahead = true;
        if (_reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            return false;
        }

        if (level.IsArray)
        {
            level.Index = level.Count++;
        }

        return true;
    }

    /// <inheritdoc />
    public bool TryPropertyName(out ReadOnlySpan<byte> name)
    {
        Advance();
        var text = JsonReadHelpers.GetPropertyName(ref _reader);
        Top.Name = text;
        name = _reader.ValueIsEscaped || _reader.HasValueSequence ? System.Text.Encoding.UTF8.GetBytes(text) : _reader.ValueSpan;
        return true;
    }

    /// <inheritdoc />
    public bool TryMarkSeen(ref ulong seen, ulong bit)
    {
        if ((seen & bit) != 0)
        {
            throw JsonReadHelpers.Duplicate(ref _reader, Top.Name!);
        }

        seen |= bit;
        return true;
    }

    /// <inheritdoc />
    public bool TryRequire(ulong seen, ulong bit, string name) =>
        (seen & bit) != 0 ? true : throw JsonReadHelpers.Missing(ref _reader, name);

    /// <inheritdoc />
    public bool TryNewKey(bool isNew) =>
        isNew ? true : throw JsonReadHelpers.Duplicate(ref _reader, Top.Name!);

    /// <inheritdoc />
    public bool TryReadInt64(out long value, long minimum)
    {
        Advance();
        value = JsonReadHelpers.ReadInt64(ref _reader, minimum);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadDouble(out double value)
    {
        Advance();
        value = JsonReadHelpers.ReadDouble(ref _reader);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadBoolean(out bool value)
    {
        Advance();
        value = JsonReadHelpers.ReadBoolean(ref _reader);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadString(out string value)
    {
        Advance();
        value = JsonReadHelpers.ReadString(ref _reader);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadLocalDate(out LocalDate value)
    {
        Advance();
        value = JsonReadHelpers.ReadLocalDate(ref _reader);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadCount(ref IReadOnlyDictionary<string, long>? counts, ReadOnlySpan<byte> name, long minimum)
    {
        var key = Top.Name!;
        Advance();
        var count = JsonReadHelpers.ReadInt64(ref _reader, minimum);
        counts ??= new CountMap();
        if (!((CountMap)counts).TryAdd(key, count))
        {
            // Found once the value is read: the error points at the value.
            throw JsonReadHelpers.Duplicate(ref _reader, key);
        }

        return true;
    }

    /// <inheritdoc />
    public bool TryKeepUnknown(ref IReadOnlyList<RawJsonProperty>? unknown, ReadOnlySpan<byte> name)
    {
        var key = Top.Name!;
        unknown ??= new List<RawJsonProperty>();
        var kept = (List<RawJsonProperty>)unknown;
        foreach (var field in kept)
        {
            if (string.Equals(field.Name, key, StringComparison.Ordinal))
            {
                throw JsonReadHelpers.Duplicate(ref _reader, key);
            }
        }

        Advance();
        kept.Add(new RawJsonProperty(key, JsonReadHelpers.CaptureRaw(ref _reader)));
        return true;
    }

    /// <summary>Checks that nothing but white space follows the value read.</summary>
    internal void ExpectEnd() => JsonReadHelpers.ExpectEnd(ref _reader);

    /// <summary>
    /// The error as a located <see cref="CampaignJsonException"/> (the reader's own exception turned into one) with the
    /// path of what was being read when it was thrown, innermost segment first as the old unwinding added them.
    /// </summary>
    /// <param name="exception">The reader's error, not yet complete.</param>
    internal CampaignJsonException Locate(JsonException exception)
    {
        var located = exception as CampaignJsonException ?? JsonReadHelpers.FromReaderException(exception, ref _reader);
        for (var i = _depth - 1; i >= 0; i--)
        {
            var level = _levels[i];
            if (level.IsArray && level.Index >= 0)
            {
                located.PrependIndex(level.Index);
            }
            else if (!level.IsArray && level.Name is not null)
            {
                located.PrependProperty(level.Name);
            }
        }

        return located;
    }

    private void Advance()
    {
        if (!_ahead)
        {
            JsonReadHelpers.Read(ref _reader);
        }

        _ahead = false;
    }

    private bool TryEnd(JsonTokenType end)
    {
        if (!_ahead)
        {
            JsonReadHelpers.Read(ref _reader);
        }

        if (_reader.TokenType == end)
        {
            _ahead = false;
            _depth--;
            return true;
        }

        // The first member or element is already read: it is the next step's token.
        _ahead = true;
        ref var level = ref Top;
        if (level.IsArray)
        {
            level.Index = level.Count++;
        }

        return false;
    }

    private void Push(bool isArray)
    {
        if (_depth == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        _levels[_depth++] = new Level { IsArray = isArray, Index = -1 };
    }

    /// <summary>One object or array being read: the property or element in hand, for the path of an error.</summary>
    private struct Level
    {
        public bool IsArray;
        public string? Name;
        public int Index;
        public int Count;
    }
}
