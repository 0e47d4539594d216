using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using NodaTime;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// The generated readers' fast path: a forward-only cursor over a whole UTF-8 JSON text that understands only the
/// plain JSON an API sends (names without escapes, integers without sign or exponent, decimals without exponent, no
/// more than <see cref="JsonReadHelpers.MaxDepth"/> levels; string values with escapes and unknown fields' values are
/// handed to a <see cref="System.Text.Json.Utf8JsonReader"/> over the rest of the text) and answers
/// <see langword="false"/> for anything else.
/// It does not throw for bad input (only where the full reader would throw alike, such as running out of memory on a
/// huge unknown value) and never accepts what strict JSON rejects: every structural character, literal and number is
/// checked as it is consumed, strings are checked for control characters and valid UTF-8, and the caller checks
/// <see cref="IsAtEnd"/>. When any step answers <see langword="false"/>, the generated <c>Parse</c> reads the text
/// again with <see cref="System.Text.Json.Utf8JsonReader"/>, which words the errors; so the cursor decides only how
/// fast a text is read, never what it means. Callers pair every start with its end, as generated code does.
/// </summary>
internal ref struct FastJsonCursor : IJsonSource
{
    // Bytes allowed unescaped in a plain-ASCII string: printable ASCII except the quote and the backslash.
    private static readonly SearchValues<byte> s_plainAscii = SearchValues.Create(PlainAscii());

    private readonly ReadOnlySpan<byte> _json;
    private int _position;
    private int _depth;

    /// <summary>Starts at the beginning of a whole JSON text (any byte-order mark already removed).</summary>
    /// <param name="utf8Json">The text.</param>
    public FastJsonCursor(ReadOnlySpan<byte> utf8Json)
    {
        _json = utf8Json;
        _position = 0;
        _depth = 0;
    }

    /// <summary>Consumes <c>{</c>.</summary>
    public bool TryStartObject() => TryOpen((byte)'{');

    /// <summary>Consumes <c>}</c>.</summary>
    public bool TryEndObject() => TryClose((byte)'}');

    /// <summary>Consumes <c>[</c>.</summary>
    public bool TryStartArray() => TryOpen((byte)'[');

    /// <summary>Consumes <c>]</c>.</summary>
    public bool TryEndArray() => TryClose((byte)']');

    /// <summary>Consumes the comma between two members or elements.</summary>
    public bool TryComma()
    {
        if (Peek() != (byte)',')
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Consumes a property name and its colon; the name's bytes are plain text (no escapes, valid UTF-8).</summary>
    /// <param name="name">The bytes between the quotes.</param>
    public bool TryPropertyName(out ReadOnlySpan<byte> name)
    {
        if (!TryStringBytes(out name) || Peek() != (byte)':')
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>The text of a name this cursor returned (shared with earlier reads of the same bytes on this thread).</summary>
    /// <param name="name">A span from <see cref="TryPropertyName"/>.</param>
    public readonly string Text(ReadOnlySpan<byte> name) => JsonReadHelpers.RepeatedText(name);

    /// <summary>Marks a property as seen; false when it was seen already (a duplicate, which the full reader words).</summary>
    /// <param name="seen">The object's seen bits.</param>
    /// <param name="bit">The property's bit.</param>
    public readonly bool TryMarkSeen(ref ulong seen, ulong bit)
    {
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    /// <summary>Whether a required property was seen (if not, the full reader words the error).</summary>
    /// <param name="seen">The object's seen bits.</param>
    /// <param name="bit">The property's bit.</param>
    /// <param name="name">The property's JSON name (unused here).</param>
    public readonly bool TryRequire(ulong seen, ulong bit, string name) => (seen & bit) != 0;

    /// <summary>False for a repeated map key: the full reader words the error.</summary>
    /// <param name="isNew">Whether the map did not hold the key yet.</param>
    public readonly bool TryNewKey(bool isNew) => isNew;

    /// <summary>Consumes a count of at least <paramref name="minimum"/>: <see cref="TryReadInt64(out long)"/>, which reads no sign.</summary>
    /// <param name="value">The count.</param>
    /// <param name="minimum">The smallest value taken; a smaller one is left to the full reader, which words the error.</param>
    public bool TryReadInt64(out long value, long minimum) => TryReadInt64(out value) && value >= minimum;

    /// <summary>Consumes a pattern-matched count field's value and adds it to the group's map; false for a duplicate name too.</summary>
    /// <param name="counts">The group's map, null until its first field.</param>
    /// <param name="name">The field name from <see cref="TryPropertyName"/>.</param>
    /// <param name="minimum">As for <see cref="TryReadInt64(out long, long)"/>.</param>
    public bool TryReadCount(ref IReadOnlyDictionary<string, long>? counts, ReadOnlySpan<byte> name, long minimum)
    {
        if (!TryReadInt64(out var count, minimum))
        {
            return false;
        }

        counts ??= new CountMap();
        return ((CountMap)counts).TryAdd(Text(name), count);
    }

    /// <summary>Consumes an unknown field's value and keeps it as the full reader keeps it; false for a duplicate name too.</summary>
    /// <param name="unknown">The object's unknown fields, null until the first.</param>
    /// <param name="name">The field name from <see cref="TryPropertyName"/>.</param>
    public bool TryKeepUnknown(ref IReadOnlyList<RawJsonProperty>? unknown, ReadOnlySpan<byte> name)
    {
        var key = Text(name);
        unknown ??= new List<RawJsonProperty>();
        var kept = (List<RawJsonProperty>)unknown;
        foreach (var field in kept)
        {
            if (string.Equals(field.Name, key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (!TryCaptureValue(out var raw))
        {
            return false;
        }

        kept.Add(new RawJsonProperty(key, raw));
        return true;
    }

    /// <summary>Consumes a string value.</summary>
    /// <param name="value">The text.</param>
    public bool TryReadString(out string value)
    {
        if (TryStringBytes(out var bytes))
        {
            value = JsonReadHelpers.RepeatedText(bytes);
            return true;
        }

        // Escapes (rare in what the API sends) are decoded exactly as the full reader decodes them.
        value = string.Empty;
        return Peek() == (byte)'"' && TryReadWithReader(JsonReadHelpers.ReaderOptions, JsonReadHelpers.ReadString, out value);
    }

    /// <summary>Consumes a <c>yyyy-MM-dd</c> string holding a valid ISO date.</summary>
    /// <param name="value">The date.</param>
    public bool TryReadLocalDate(out LocalDate value)
    {
        value = default;
        return TryStringBytes(out var bytes) && JsonReadHelpers.TryParseIsoDate(bytes, out value);
    }

    /// <summary>Consumes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public bool TryReadBoolean(out bool value)
    {
        var first = Peek();
        var rest = _json.Slice(_position);
        if (first == (byte)'t' && rest.StartsWith("true"u8))
        {
            _position += 4;
            value = true;
            return true;
        }

        value = false;
        if (first == (byte)'f' && rest.StartsWith("false"u8))
        {
            _position += 5;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Consumes a count: a non-negative integer of at most 18 digits without fraction or exponent (what
    /// <see cref="JsonReadHelpers.ReadInt64(ref System.Text.Json.Utf8JsonReader)"/> returns for it). Whatever follows the digits is checked by the next step.
    /// </summary>
    /// <param name="value">The count.</param>
    public bool TryReadInt64(out long value)
    {
        Peek();
        var json = _json;
        var position = _position;
        if (BitConverter.IsLittleEndian && position <= json.Length - 8)
        {
            // The usual case, a count of 1 to 7 digits with at least 8 bytes left: one load finds the digits'
            // length (the first byte that is not a digit) and converts them without a branch per digit.
            var chunk = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(json), position));
            var flags = (chunk & 0xF0F0F0F0F0F0F0F0UL) | (((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4);
            var notDigit = flags ^ 0x3333333333333333UL;
            if (notDigit != 0)
            {
                var length = BitOperations.TrailingZeroCount(notDigit) >> 3;
                if (length == 0 || (length > 1 && (byte)chunk == (byte)'0'))
                {
                    value = 0;
                    return false;
                }

                var pad = 8 - length;
                value = (long)JsonReadHelpers.EightDigits(chunk << (pad * 8), pad);
                _position = position + length;
                return true;
            }
        }

        return TryReadInt64Slow(out value);
    }

    private bool TryReadInt64Slow(out long value)
    {
        value = 0;
        if (Peek() is < (byte)'0' or > (byte)'9')
        {
            return false;
        }

        var json = _json;
        var position = _position;
        var start = position;
        ulong result = 0;
        while (position < json.Length && (uint)(json[position] - '0') <= 9)
        {
            if (position - start == 18)
            {
                return false;
            }

            result = (result * 10) + (uint)(json[position] - '0');
            position++;
        }

        if (position - start > 1 && json[start] == (byte)'0')
        {
            return false;
        }

        _position = position;
        value = (long)result;
        return true;
    }

    /// <summary>
    /// Consumes an amount: an optional minus, an integer part and an optional fraction, no exponent, at most 15
    /// digits in all; the value is the correctly rounded double (an exact integer over an exact power of ten).
    /// </summary>
    /// <param name="value">The amount.</param>
    public bool TryReadDouble(out double value)
    {
        value = 0;
        Peek();
        var rest = _json.Slice(_position);
        var length = 0;
        while (length < rest.Length && ((uint)(rest[length] - '0') <= 9 || rest[length] is (byte)'.' or (byte)'-'))
        {
            length++;
        }

        if ((length < rest.Length && (rest[length] | 0x20) == (byte)'e') || !JsonReadHelpers.TryParseShortDecimal(rest.Slice(0, length), out value))
        {
            return false;
        }

        _position += length;
        return true;
    }

    /// <summary>
    /// Consumes any one value (an unknown field's) and returns it as <see cref="JsonReadHelpers.CaptureRaw"/> returns
    /// it, read by a <see cref="Utf8JsonReader"/> with the generated readers' options over the rest of the text.
    /// </summary>
    /// <param name="raw">The value as compact JSON text.</param>
    public bool TryCaptureValue(out string raw)
    {
        raw = string.Empty;
        if (Peek() == 0)
        {
            return false;
        }

        // The levels the full reader has left here: it would be _depth levels in when it meets this value.
        var options = JsonReadHelpers.ReaderOptions;
        options.MaxDepth = JsonReadHelpers.MaxDepth - _depth;
        if (options.MaxDepth < 1)
        {
            return false;
        }

        return TryReadWithReader(options, JsonReadHelpers.CaptureRaw, out raw);
    }

    /// <summary>Whether only white space is left.</summary>
    public bool IsAtEnd()
    {
        Peek();
        return _position == _json.Length && _depth == 0;
    }

    private delegate string ValueReader(ref Utf8JsonReader reader);

    /// <summary>
    /// Reads the value at the cursor with a <see cref="Utf8JsonReader"/> over the rest of the text (not final: the value
    /// is followed by more text, and the reader stops at its last token), then moves past it; false if it fails.
    /// </summary>
    private bool TryReadWithReader(JsonReaderOptions options, ValueReader read, out string value)
    {
        value = string.Empty;
        var reader = new Utf8JsonReader(_json.Slice(_position), isFinalBlock: false, new JsonReaderState(options));
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            value = read(ref reader);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        _position += (int)reader.BytesConsumed;
        return true;
    }

    private bool TryOpen(byte bracket)
    {
        if (Peek() != bracket || _depth == JsonReadHelpers.MaxDepth)
        {
            return false;
        }

        _depth++;
        _position++;
        return true;
    }

    private bool TryClose(byte bracket)
    {
        if (Peek() != bracket)
        {
            return false;
        }

        System.Diagnostics.Debug.Assert(_depth > 0, "A close without its open: generated code pairs them.");
        _depth--;
        _position++;
        return true;
    }

    /// <summary>Skips JSON white space; the next byte, or 0 at the end or on a byte that is neither white space nor allowed here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Peek()
    {
        var json = _json;
        var position = _position;
        if ((uint)position < (uint)json.Length && json[position] > (byte)' ')
        {
            return json[position];
        }

        return PeekAfterSpace();
    }

    private byte PeekAfterSpace()
    {
        var json = _json;
        var position = _position;
        while ((uint)position < (uint)json.Length)
        {
            var b = json[position];
            if (b > (byte)' ')
            {
                _position = position;
                return b;
            }

            if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                _position = position;
                return 0;
            }

            position++;
        }

        _position = position;
        return 0;
    }

    private bool TryStringBytes(out ReadOnlySpan<byte> text)
    {
        text = default;
        if (Peek() != (byte)'"')
        {
            return false;
        }

        var rest = _json.Slice(_position + 1);
        var end = rest.IndexOfAnyExcept(s_plainAscii);
        if (end < 0)
        {
            return false;
        }

        if (rest[end] != (byte)'"')
        {
            // Not plain ASCII: the text up to the closing quote must hold no escape and no control character, and be
            // valid UTF-8.
            end = rest.IndexOfAny((byte)'"', (byte)'\\');
            if (end < 0 || rest[end] != (byte)'"' || rest.Slice(0, end).IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0
                || !Utf8.IsValid(rest.Slice(0, end)))
            {
                return false;
            }
        }

        text = rest.Slice(0, end);
        _position += end + 2;
        return true;
    }

    private static byte[] PlainAscii()
    {
        var bytes = new byte[0x7F - 0x20 - 2];
        var count = 0;
        for (var b = 0x20; b < 0x7F; b++)
        {
            if (b is not ('"' or '\\'))
            {
                bytes[count++] = (byte)b;
            }
        }

        return bytes;
    }
}
