using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// The reading half of every generated model, written once: the entry points (the fast cursor first, the full reader
/// for any text it leaves, errors completed with path, line and column) and the reading of lists. Public only so that
/// code generated into other assemblies can call it; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelReading
{
    /// <summary>Parses UTF-8 JSON (a leading byte-order mark is skipped). Throws <see cref="CampaignJsonException"/> on bad input.</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="utf8Json">The whole JSON text.</param>
    public static TModel Parse<TModel>(ReadOnlySpan<byte> utf8Json)
        where TModel : class, IGeneratedModel<TModel>
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json.Slice(3);
        }

        var cursor = new FastJsonCursor(utf8Json);
        return TModel.TryRead(ref cursor, out var fast) && cursor.IsAtEnd() ? fast : ParseWithReader<TModel>(utf8Json);
    }

    /// <summary>Parses JSON text. Throws <see cref="CampaignJsonException"/> on bad input.</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="json">The whole JSON text.</param>
    public static TModel Parse<TModel>(string json)
        where TModel : class, IGeneratedModel<TModel> =>
        Parse<TModel>(System.Text.Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Parses UTF-8 JSON (after any byte-order mark) with the full reader alone: what <see cref="Parse{TModel}(ReadOnlySpan{byte})"/> does with any text its fast path does not take.</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="utf8Json">The whole JSON text.</param>
    public static TModel ParseWithReader<TModel>(ReadOnlySpan<byte> utf8Json)
        where TModel : class, IGeneratedModel<TModel>
    {
        var source = new FullJsonReader(JsonReadHelpers.CreateReader(utf8Json), onFirstToken: false);
        try
        {
            var result = ReadWhole<TModel>(ref source);
            source.ExpectEnd();
            return result;
        }
        catch (JsonException e) when (e is not CampaignJsonException { IsComplete: true })
        {
            throw source.Locate(e).Complete(utf8Json);
        }
    }

    /// <summary>Reads one value from a reader on its first token, leaving the reader on its last token. Throws <see cref="CampaignJsonException"/> on bad input.</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="reader">The reader.</param>
    public static TModel ReadFrom<TModel>(ref Utf8JsonReader reader)
        where TModel : class, IGeneratedModel<TModel>
    {
        var source = new FullJsonReader(reader, onFirstToken: true);
        try
        {
            return ReadWhole<TModel>(ref source);
        }
        catch (JsonException e) when (e is not CampaignJsonException { IsComplete: true })
        {
            throw source.Locate(e).CompleteWithoutInput();
        }
        finally
        {
            reader = source.Reader;
        }
    }

    /// <summary>Reads a JSON array of a generated model; false as for a single value.</summary>
    /// <typeparam name="TSource">The source: the fast cursor or the full reader.</typeparam>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="source">The source, before the array.</param>
    /// <param name="value">The values read.</param>
    public static bool TryReadList<TSource, TModel>(ref TSource source, [NotNullWhen(true)] out IReadOnlyList<TModel>? value)
        where TSource : IJsonSource, allows ref struct
        where TModel : class, IGeneratedModel<TModel>
    {
        value = null;
        if (!source.TryStartArray())
        {
            return false;
        }

        var items = Array.Empty<TModel>();
        var count = 0;
        if (!source.TryEndArray())
        {
            do
            {
                if (!TModel.TryRead(ref source, out var item))
                {
                    return false;
                }

                if (count == items.Length)
                {
                    items = JsonReadHelpers.Grow(items);
                }

                items[count++] = item;
            }
            while (source.TryComma());

            if (!source.TryEndArray())
            {
                return false;
            }
        }

        value = JsonReadHelpers.Trim(items, count);
        return true;
    }

    /// <summary>
    /// Reads a JSON object whose every member is one model keyed by an id (a Canvas series' <c>variant_stats</c>) into
    /// an <see cref="OrderedMap{TValue}"/> that keeps the keys in document order; a repeated key is refused as a
    /// repeated property is. False as for a single value.
    /// </summary>
    /// <typeparam name="TSource">The source: the fast cursor or the full reader.</typeparam>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="source">The source, before the object.</param>
    /// <param name="value">The map read.</param>
    public static bool TryReadMap<TSource, TModel>(ref TSource source, [NotNullWhen(true)] out IReadOnlyDictionary<string, TModel>? value)
        where TSource : IJsonSource, allows ref struct
        where TModel : class, IGeneratedModel<TModel>
    {
        value = null;
        if (!source.TryStartObject())
        {
            return false;
        }

        var map = new OrderedMap<TModel>();
        if (!source.TryEndObject())
        {
            do
            {
                if (!source.TryPropertyName(out var name))
                {
                    return false;
                }

                var key = JsonReadHelpers.RepeatedText(name);
                if (!source.TryNewKey(!map.ContainsKey(key)) || !TModel.TryRead(ref source, out var item))
                {
                    return false;
                }

                map.TryAdd(key, item);
            }
            while (source.TryComma());

            if (!source.TryEndObject())
            {
                return false;
            }
        }

        value = map;
        return true;
    }

    /// <summary>Reads a JSON array of strings; false as for a single value.</summary>
    /// <typeparam name="TSource">The source: the fast cursor or the full reader.</typeparam>
    /// <param name="source">The source, before the array.</param>
    /// <param name="value">The strings read.</param>
    public static bool TryReadStrings<TSource>(ref TSource source, [NotNullWhen(true)] out IReadOnlyList<string>? value)
        where TSource : IJsonSource, allows ref struct
    {
        value = null;
        if (!source.TryStartArray())
        {
            return false;
        }

        var items = Array.Empty<string>();
        var count = 0;
        if (!source.TryEndArray())
        {
            do
            {
                if (!source.TryReadString(out var item))
                {
                    return false;
                }

                if (count == items.Length)
                {
                    items = JsonReadHelpers.Grow(items);
                }

                items[count++] = item;
            }
            while (source.TryComma());

            if (!source.TryEndArray())
            {
                return false;
            }
        }

        value = JsonReadHelpers.Trim(items, count);
        return true;
    }

    private static TModel ReadWhole<TModel>(ref FullJsonReader source)
        where TModel : class, IGeneratedModel<TModel> =>
        TModel.TryRead(ref source, out var value)
            ? value
            : throw new InvalidOperationException("internal error: the full reader declined input without an error");
}
