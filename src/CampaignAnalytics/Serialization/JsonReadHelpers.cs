using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// Small, allocation-free building blocks of the two readers: the full reader's steps over a
/// <see cref="Utf8JsonReader"/> (each wording its errors) and the parsing both readers share.
/// </summary>
internal static class JsonReadHelpers
{
    /// <summary>The deepest nesting the readers accept; deeper input fails with a located error.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reader options for every generated entry point: strict JSON, bounded depth.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Moves to the next token; fails with a located error at the end of the input.</summary>
    /// <param name="reader">The reader.</param>
    public static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new CampaignJsonException("unexpected end of input", reader.BytesConsumed);
        }
    }

    /// <summary>A larger copy of an array being filled by a reader: 4 elements first, then twice the size.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The full array.</param>
    public static T[] Grow<T>(T[] items)
    {
        var larger = new T[items.Length == 0 ? 4 : checked(items.Length * 2)];
        Array.Copy(items, larger, items.Length);
        return larger;
    }

    /// <summary>The first <paramref name="count"/> elements as an exactly sized array (the array itself when it is full).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The array filled so far.</param>
    /// <param name="count">How many elements were read.</param>
    public static T[] Trim<T>(T[] items, int count)
    {
        if (count == items.Length)
        {
            return items;
        }

        var exact = new T[count];
        Array.Copy(items, exact, count);
        return exact;
    }

    /// <summary>Checks that the current token starts an object.</summary>
    /// <param name="reader">The reader.</param>
    public static void ExpectStartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }
    }

    /// <summary>Checks that the current token starts an array.</summary>
    /// <param name="reader">The reader.</param>
    public static void ExpectStartArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }
    }

    /// <summary>Reads the current token as a 64-bit integer (a count).</summary>
    /// <param name="reader">The reader.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long ReadInt64(ref Utf8JsonReader reader)
    {
        // Fast path for what counts almost always are: 1 to 8 plain digits. The token's bytes are gathered into one
        // 64-bit word (overlapping loads inside the token, never past it) and converted eight digits at a time, with
        // no branch per digit: counts of varying length otherwise mispredict a digit loop's exit. The reader has
        // already validated the token; anything else (a sign, a fraction, an exponent, 9+ digits, a segmented
        // buffer, another token type, a big-endian machine) takes the full path, which also words the errors. This
        // method stays a small leaf so that the common case sets up no stack frame.
        if (BitConverter.IsLittleEndian && reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence)
        {
            var digits = reader.ValueSpan;
            var length = digits.Length;
            if ((uint)(length - 1) < 8u)
            {
                ref var first = ref MemoryMarshal.GetReference(digits);
                ulong chunk;
                if (length >= 4)
                {
                    chunk = ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4)) << 32)
                        | ((ulong)Unsafe.ReadUnaligned<uint>(ref first) << ((8 - length) * 8));
                }
                else
                {
                    // 1 to 3 bytes: first, middle and last (repeats overlap on the same byte positions).
                    chunk = ((ulong)Unsafe.Add(ref first, length - 1) << 56)
                        | ((ulong)Unsafe.Add(ref first, length >> 1) << ((8 - length + (length >> 1)) * 8))
                        | ((ulong)first << ((8 - length) * 8));
                }

                var value = EightDigits(chunk, 8 - length);
                if (value != NotDigits)
                {
                    return (long)value;
                }
            }
        }

        return ReadInt64Slow(ref reader);
    }

    internal const ulong NotDigits = ulong.MaxValue;

    /// <summary>
    /// The decimal value of eight ASCII bytes (little-endian: the first character in the low byte), or
    /// <see cref="NotDigits"/> when one is not a digit. The <paramref name="pad"/> low bytes (0 to 7) are not part of
    /// the token and count as '0'.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EightDigits(ulong chunk, int pad)
    {
        var padMask = (1UL << (pad * 8)) - 1;
        chunk = (chunk & ~padMask) | (0x3030303030303030UL & padMask);

        // Every byte is '0'..'9' exactly when its high nibble is 3 and adding 6 keeps it 3 (simdjson's check; a carry
        // out of a byte only happens when that byte already fails).
        if (((chunk & 0xF0F0F0F0F0F0F0F0UL) | (((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) != 0x3333333333333333UL)
        {
            return NotDigits;
        }

        // Pairs, then quadruples, then all eight (simdjson's parse_eight_digits_unrolled).
        chunk -= 0x3030303030303030UL;
        chunk = (chunk * 10) + (chunk >> 8);
        return (((chunk & 0x000000FF000000FFUL) * (100 + (1000000UL << 32))) + (((chunk >> 16) & 0x000000FF000000FFUL) * (1 + (10000UL << 32)))) >> 32;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ReadInt64Slow(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Unexpected(ref reader, "an integer");
        }

        if (reader.TryGetInt64(out var value))
        {
            return value;
        }

        // JSON Schema counts 3.0 and 1e2 as integers: accept a number whose exact value is a whole number in range,
        // decided on its digits (decimal would round 1e-400 to 0 and call it whole).
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return ParseIntegral(raw, out value) switch
        {
            Integral.Whole => value,
            Integral.Fraction => throw new CampaignJsonException("expected an integer, found the fraction " + Truncate(Raw(ref reader)), reader.TokenStartIndex),
            _ => throw new CampaignJsonException("integer " + Truncate(Raw(ref reader)) + " is out of range for a 64-bit count", reader.TokenStartIndex),
        };
    }

    /// <summary>Reads the current token as a 64-bit integer of at least <paramref name="minimum"/> (the schema's <c>minimum</c>).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="minimum">The smallest value allowed; when it is 0 or more, a minus sign is refused too (<c>-0</c> is no count).</param>
    public static long ReadInt64(ref Utf8JsonReader reader, long minimum)
    {
        var value = ReadInt64(ref reader);
        if (value < minimum || (value == 0 && minimum >= 0 && FirstByte(ref reader) == (byte)'-'))
        {
            throw new CampaignJsonException(
                (minimum == 0 ? "expected a count (0 or more), found " : "expected an integer of at least " + minimum.ToString(CultureInfo.InvariantCulture) + ", found ")
                + Truncate(Raw(ref reader)),
                reader.TokenStartIndex);
        }

        return value;
    }

    private static byte FirstByte(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.FirstSpan[0] : reader.ValueSpan[0];

    internal enum Integral
    {
        Whole,
        Fraction,
        OutOfRange,
    }

    /// <summary>
    /// The exact value of a JSON number (already validated by the reader) when it is a whole 64-bit integer:
    /// the significant digits and the decimal exponent decide, so no rounding can turn a fraction into a whole number.
    /// </summary>
    /// <param name="number">The number's text.</param>
    /// <param name="value">The value, when whole.</param>
    internal static Integral ParseIntegral(ReadOnlySpan<byte> number, out long value)
    {
        value = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        var i = negative ? 1 : 0;
        ulong leading = 0;          // the first 19 significant digits
        var significant = 0;        // significant digits written (from the first non-zero one)
        var trailingZeros = 0;      // zeros after the last non-zero digit
        var fractionDigits = 0;
        var inFraction = false;
        for (; i < number.Length && number[i] is not ((byte)'e' or (byte)'E'); i++)
        {
            if (number[i] == (byte)'.')
            {
                inFraction = true;
                continue;
            }

            var d = (uint)(number[i] - '0');
            fractionDigits += inFraction ? 1 : 0;
            if (significant == 0 && d == 0)
            {
                continue;
            }

            significant++;
            trailingZeros = d == 0 ? trailingZeros + 1 : 0;
            if (significant <= 19)
            {
                leading = (leading * 10) + d;
            }
        }

        long exponent = 0;
        if (i < number.Length)
        {
            i++;
            var exponentNegative = number[i] == (byte)'-';
            i += number[i] is (byte)'+' or (byte)'-' ? 1 : 0;
            for (; i < number.Length; i++)
            {
                exponent = Math.Min((exponent * 10) + (number[i] - '0'), 1_000_000_000);
            }

            exponent = exponentNegative ? -exponent : exponent;
        }

        if (significant == 0)
        {
            return Integral.Whole; // zero, however written
        }

        // Powers of ten of the last digit written, of the last non-zero digit and of the first digit.
        var lastDigit = exponent - fractionDigits;
        var lastNonZero = lastDigit + trailingZeros;
        if (lastNonZero < 0)
        {
            return Integral.Fraction;
        }

        if (lastDigit + significant - 1 >= 19)
        {
            return Integral.OutOfRange; // at least 10^19
        }

        // Whole and below 10^19: at most 19 digits up to the last non-zero one, all of them in 'leading'.
        var kept = Math.Min(significant, 19);
        var magnitude = leading;
        for (var k = significant - trailingZeros; k < kept; k++)
        {
            magnitude /= 10;
        }

        for (var k = 0L; k < lastNonZero; k++)
        {
            magnitude *= 10;
        }

        if (magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return Integral.OutOfRange;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return Integral.Whole;
    }

    /// <summary>Reads the current token as a finite double (an amount).</summary>
    /// <param name="reader">The reader.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double ReadDouble(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence && TryParseShortDecimal(reader.ValueSpan, out var value)
            ? value
            : ReadDoubleSlow(ref reader);

    /// <summary>
    /// Clinger's fast path: a plain decimal (optional minus, integer part without leading zeros, optional fraction of
    /// at least one digit, no exponent) of at most 15 digits in all is an integer m &lt; 10^15 &lt; 2^53 over 10^k with
    /// k &lt;= 15, both exact doubles, so one IEEE division gives the correctly rounded value: the same double the full
    /// parser returns. False for any other text (the whole span must be the number).
    /// </summary>
    /// <param name="text">The number's bytes.</param>
    /// <param name="value">The value.</param>
    internal static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        var start = i;
        ulong mantissa = 0;
        var digits = 0;
        while (i < text.Length && (uint)(text[i] - '0') <= 9)
        {
            mantissa = (mantissa * 10) + (uint)(text[i] - '0');
            digits++;
            i++;
        }

        if (digits == 0 || (digits > 1 && text[start] == (byte)'0'))
        {
            return false;
        }

        var scale = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (uint)(text[i] - '0');
                digits++;
                scale++;
                i++;
            }

            if (scale == 0)
            {
                return false;
            }
        }

        if (i != text.Length || digits > 15)
        {
            return false;
        }

        var magnitude = (double)(long)mantissa / PowersOfTen[scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static ReadOnlySpan<double> PowersOfTen => new double[]
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double ReadDoubleSlow(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Unexpected(ref reader, "a number");
        }

        if (reader.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }

        throw new CampaignJsonException("number " + Truncate(Raw(ref reader)) + " is out of range for a double", reader.TokenStartIndex);
    }

    /// <summary>Reads the current token as a string.</summary>
    /// <param name="reader">The reader.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Unexpected(ref reader, "a string");
        }

        return GetRepeatedString(ref reader);
    }

    /// <summary>Reads the current string or property-name token as text; invalid UTF-8 or escapes fail with a located error.</summary>
    /// <param name="reader">The reader.</param>
    public static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new CampaignJsonException("invalid text: " + e.Message.TrimEnd('.'), reader.TokenStartIndex, e);
        }
    }

    /// <summary>Reads the current token as a boolean.</summary>
    /// <param name="reader">The reader.</param>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "a boolean"),
    };

    /// <summary>Reads the current token as an ISO-8601 calendar date (<c>yyyy-MM-dd</c>).</summary>
    /// <param name="reader">The reader.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static LocalDate ReadLocalDate(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Unexpected(ref reader, "an ISO-8601 date string");
        }

        // Fast path for a plain yyyy-MM-dd with a valid ISO day (year 1 to 9999): no string, no pattern. Anything
        // else takes the pattern below, which also words the error.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && TryParseIsoDate(reader.ValueSpan, out var date))
        {
            return date;
        }

        // Escaped or segmented text: the same strict form after unescaping (NodaTime's pattern would stop at a NUL
        // and accept "2026-10-01\u0000garbage", and takes years 0 and below).
        var text = GetString(ref reader);
        if (!TryParseIsoDate(System.Text.Encoding.UTF8.GetBytes(text), out date))
        {
            throw new CampaignJsonException("expected an ISO-8601 date (yyyy-MM-dd), found " + Quote(text), reader.TokenStartIndex);
        }

        return date;
    }

    /// <summary>The current property name, unescaped.</summary>
    /// <param name="reader">The reader, on a property name.</param>
    public static string GetPropertyName(ref Utf8JsonReader reader) => GetRepeatedString(ref reader);

    /// <summary>
    /// The current string or property-name token as text, reusing the string made for the same bytes earlier on
    /// this thread: variation ids and names and dynamic field names repeat on every day of a series, so most
    /// reads allocate nothing. Escaped, long or segmented tokens are decoded as usual (<see cref="GetString"/>).
    /// </summary>
    /// <param name="reader">The reader, on a string or property name.</param>
    public static string GetRepeatedString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > StringCache.MaxLength)
        {
            return GetString(ref reader);
        }

        return (t_strings ??= new StringCache()).Get(ref reader);
    }

    /// <summary>The text of bytes already known to be valid UTF-8 without escapes (the fast reader's strings), shared as above.</summary>
    /// <param name="validUtf8">The bytes between the quotes.</param>
    internal static string RepeatedText(ReadOnlySpan<byte> validUtf8) =>
        validUtf8.Length > StringCache.MaxLength
            ? System.Text.Encoding.UTF8.GetString(validUtf8)
            : (t_strings ??= new StringCache()).Get(validUtf8);

    [ThreadStatic]
    private static StringCache? t_strings;

    /// <summary>
    /// A small direct-mapped cache from UTF-8 bytes to the string decoded from them, one per thread. A slot holds the
    /// last string that hashed to it; a miss decodes (failing exactly as <see cref="GetString"/> does) and replaces it.
    /// Bounded: 512 slots of at most 64 bytes each.
    /// </summary>
    private sealed class StringCache
    {
        internal const int MaxLength = 64;
        private const int Slots = 512;
        private readonly byte[] _bytes = new byte[Slots * MaxLength];
        private readonly int[] _lengths = new int[Slots];
        private readonly string?[] _strings = new string?[Slots];

        internal string Get(ref Utf8JsonReader reader)
        {
            var span = reader.ValueSpan;
            var slot = Slot(span);
            return Hit(slot, span) ?? Put(slot, span, GetString(ref reader));
        }

        /// <summary>The string for bytes already known to be valid UTF-8 without escapes.</summary>
        internal string Get(ReadOnlySpan<byte> validUtf8)
        {
            var slot = Slot(validUtf8);
            return Hit(slot, validUtf8) ?? Put(slot, validUtf8, System.Text.Encoding.UTF8.GetString(validUtf8));
        }

        private string? Hit(int slot, ReadOnlySpan<byte> span)
        {
            var cached = _strings[slot];
            return cached is not null && _lengths[slot] == span.Length && span.SequenceEqual(_bytes.AsSpan(slot * MaxLength, span.Length))
                ? cached
                : null;
        }

        private string Put(int slot, ReadOnlySpan<byte> span, string text)
        {
            span.CopyTo(_bytes.AsSpan(slot * MaxLength, MaxLength));
            _lengths[slot] = span.Length;
            _strings[slot] = text;
            return text;
        }

        private static int Slot(ReadOnlySpan<byte> span)
        {
            // Length, first and last eight bytes: cheap, and enough to tell ids, names and field names apart.
            var h = (ulong)span.Length * 0x9E3779B97F4A7C15UL;
            if (span.Length >= 8)
            {
                h ^= System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span);
                h *= 0xBF58476D1CE4E5B9UL;
                h ^= System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(span.Length - 8));
            }
            else
            {
                foreach (var b in span)
                {
                    h = (h ^ b) * 0x100000001B3UL;
                }
            }

            h *= 0x94D049BB133111EBUL;
            return (int)(h >> 55);
        }
    }

    internal static bool TryParseIsoDate(ReadOnlySpan<byte> text, out LocalDate date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !TryDigits(text.Slice(0, 4), out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    /// <summary>Fails because a property appears twice in one object.</summary>
    /// <param name="reader">The reader, on the second occurrence.</param>
    /// <param name="name">The property name.</param>
    public static CampaignJsonException Duplicate(ref Utf8JsonReader reader, string name) =>
        new("duplicate property " + Quote(name), reader.TokenStartIndex);

    /// <summary>Fails because a required property is missing.</summary>
    /// <param name="reader">The reader, on the end of the object.</param>
    /// <param name="name">The missing property.</param>
    public static CampaignJsonException Missing(ref Utf8JsonReader reader, string name) =>
        new("required property \"" + name + "\" is missing", reader.TokenStartIndex);

    /// <summary>Fails because the current token is not what was expected.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="expected">What was expected, e.g. "an integer".</param>
    public static CampaignJsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new("expected " + expected + ", found " + Describe(reader.TokenType), reader.TokenStartIndex);

    /// <summary>Turns an exception of the reader itself (malformed JSON, too deep, truncated) into a located one.</summary>
    /// <param name="exception">The reader's exception.</param>
    /// <param name="reader">The reader.</param>
    public static CampaignJsonException FromReaderException(JsonException exception, ref Utf8JsonReader reader)
    {
        var text = exception.Message;
        var cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            text = text.Substring(0, cut);
        }

        return new CampaignJsonException("malformed JSON: " + text.TrimEnd(), reader.BytesConsumed, exception);
    }

    /// <summary>Creates a reader over a whole UTF-8 input with the standard options.</summary>
    /// <param name="utf8Json">The input.</param>
    public static Utf8JsonReader CreateReader(ReadOnlySpan<byte> utf8Json) => new(utf8Json, ReaderOptions);

    /// <summary>Checks that nothing but white space follows the value just read.</summary>
    /// <param name="reader">The reader, after the top-level value.</param>
    public static void ExpectEnd(ref Utf8JsonReader reader)
    {
        bool more;
        try
        {
            more = reader.Read();
        }
        catch (JsonException e) when (e is not CampaignJsonException)
        {
            throw FromReaderException(e, ref reader);
        }

        if (more)
        {
            throw new CampaignJsonException("unexpected content after the end of the JSON value", reader.TokenStartIndex);
        }
    }

    /// <summary>
    /// Copies the current value (a primitive, or a whole object or array) as compact JSON text,
    /// leaving the reader on its last token. No <see cref="JsonDocument"/> is built.
    /// </summary>
    /// <param name="reader">The reader, on the first token of the value.</param>
    public static string CaptureRaw(ref Utf8JsonReader reader)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ModelWriting.RelaxedEncoder, SkipValidation = true, MaxDepth = MaxDepth + 1 }))
        {
            var depth = reader.CurrentDepth;
            do
            {
                CopyToken(ref reader, writer);
                if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName)
                    && reader.CurrentDepth <= depth)
                {
                    break;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth)
                {
                    break;
                }

                Read(ref reader);
            }
            while (true);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.EndObject: writer.WriteEndObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.EndArray: writer.WriteEndArray(); break;
            case JsonTokenType.PropertyName: writer.WritePropertyName(GetString(ref reader)); break;
            case JsonTokenType.String: writer.WriteStringValue(GetString(ref reader)); break;
            case JsonTokenType.Number: writer.WriteRawValue(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, skipInputValidation: true); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            case JsonTokenType.Null: writer.WriteNullValue(); break;
            default: throw Unexpected(ref reader, "a JSON value");
        }
    }

    /// <summary>A name for a token type in error messages.</summary>
    /// <param name="token">The token type.</param>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.PropertyName => "property name",
        JsonTokenType.EndObject => "end of object",
        JsonTokenType.EndArray => "end of array",
        _ => token.ToString(),
    };

    private static string Raw(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());

    /// <summary>At most 64 characters of input for a message: a message quotes, it never carries the payload.</summary>
    internal static string Truncate(string text) =>
        text.Length <= 64 ? text : text.Substring(0, 61) + "...";

    /// <summary>Input text as a JSON string literal for a message: control characters escaped, at most 64 characters.</summary>
    internal static string Quote(string text)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, 64) + 8).Append('"');
        foreach (var c in text.Length <= 64 ? text : text.Substring(0, 61))
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' or '\u007f' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append(text.Length <= 64 ? "\"" : "\"...").ToString();
    }
}
