using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using NodaTime;

namespace CampaignAnalytics.Tests.Models;

/// <summary>
/// Deterministic random responses built from a catalogue: every channel, metric kind and dynamic
/// group it declares, plus unknown channels and unknown fields holding arbitrary JSON.
/// </summary>
internal sealed class RandomPayloads
{
    private static readonly string[] Texts = { "A", "Variant B", "Control Group", "é ü ñ", "quote \" and \\ back", "tab\tnew\nline", "😀 emoji", "<script>&amp;", string.Empty };
    private readonly Random _random;
    private readonly ChannelCatalogue _catalogue;

    public RandomPayloads(int seed, ChannelCatalogue catalogue)
    {
        _random = new Random(seed);
        _catalogue = catalogue;
    }

    public byte[] Response(int maxDays = 6)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("message", "success");
            w.WriteStartArray("data");
            var start = new LocalDate(2024, 1, 1).PlusDays(_random.Next(0, 700));
            var days = _random.Next(0, maxDays + 1);
            for (var d = 0; d < days; d++)
            {
                Day(w, start.PlusDays(d));
            }

            w.WriteEndArray();
            if (_random.Next(4) == 0)
            {
                w.WritePropertyName("zz_response_extra");
                RandomValue(w, 3);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void Day(Utf8JsonWriter w, LocalDate date)
    {
        w.WriteStartObject();
        w.WriteString("time", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var metric in _catalogue.DailyMetrics.Where(_ => _random.Next(3) > 0))
        {
            Number(w, metric.Name, metric.Kind);
        }

        if (_random.Next(8) > 0)
        {
            w.WriteStartObject("messages");
            foreach (var channel in _catalogue.Channels.Where(_ => _random.Next(3) == 0))
            {
                w.WriteStartArray(channel.Key);
                var count = _random.Next(0, 4);
                for (var i = 0; i < count; i++)
                {
                    Variation(w, channel);
                }

                w.WriteEndArray();
            }

            if (_random.Next(3) == 0)
            {
                w.WritePropertyName("zz_new_channel_" + _random.Next(100));
                RandomValue(w, 4);
            }

            w.WriteEndObject();
        }

        if (_random.Next(4) == 0)
        {
            w.WritePropertyName("zz_day_extra");
            RandomValue(w, 4);
        }

        w.WriteEndObject();
    }

    private void Variation(Utf8JsonWriter w, ChannelDescriptor channel)
    {
        w.WriteStartObject();
        // The identity fields are strings, so they are not metrics: the shipped schema names them so.
        if (_random.Next(4) > 0)
        {
            w.WriteString("variation_api_id", "id-" + _random.Next(1000));
        }

        if (_random.Next(2) > 0)
        {
            w.WriteString("variation_name", Texts[_random.Next(Texts.Length)]);
        }

        foreach (var metric in channel.Metrics.Where(_ => _random.Next(3) > 0))
        {
            Number(w, metric.Name, metric.Kind);
        }

        foreach (var group in channel.DynamicMetrics)
        {
            var prefix = group.Pattern.Substring(1, group.Pattern.IndexOf(".*", StringComparison.Ordinal) - 1);
            var suffix = group.Pattern.Substring(group.Pattern.IndexOf(".*", StringComparison.Ordinal) + 2).TrimEnd('$');
            var n = _random.Next(0, 3);
            for (var i = 0; i < n; i++)
            {
                w.WriteNumber(prefix + i + "_" + Texts[_random.Next(4)] + suffix, _random.Next(0, 1000));
            }
        }

        if (_random.Next(4) == 0)
        {
            w.WritePropertyName("zz_field_" + _random.Next(10));
            RandomValue(w, 3);
        }

        w.WriteEndObject();
    }

    private void Number(Utf8JsonWriter w, string name, MetricKind kind)
    {
        if (kind == MetricKind.Count)
        {
            w.WriteNumber(name, _random.Next(5) switch
            {
                0 => 0L,
                1 => long.MaxValue - _random.Next(10),
                _ => _random.NextInt64(0, 1_000_000),
            });
        }
        else
        {
            w.WriteNumber(name, _random.Next(3) switch
            {
                0 => 0.0,
                1 => Math.Round(_random.NextDouble() * 1000, 2),
                _ => _random.NextDouble() * Math.Pow(10, _random.Next(-5, 12)),
            });
        }
    }

    private void RandomValue(Utf8JsonWriter w, int depth)
    {
        switch (depth <= 0 ? _random.Next(5) : _random.Next(7))
        {
            case 0: w.WriteNumberValue(_random.NextInt64(-1_000_000, 1_000_000)); break;
            case 1: w.WriteNumberValue(_random.NextDouble() * 1e6); break;
            case 2: w.WriteStringValue(Texts[_random.Next(Texts.Length)]); break;
            case 3: w.WriteBooleanValue(_random.Next(2) == 0); break;
            case 4: w.WriteNullValue(); break;
            case 5:
                w.WriteStartArray();
                for (var i = _random.Next(0, 4); i > 0; i--)
                {
                    RandomValue(w, depth - 1);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStartObject();
                for (var i = _random.Next(0, 4); i > 0; i--)
                {
                    w.WritePropertyName("k" + i + Texts[_random.Next(Texts.Length)]);
                    RandomValue(w, depth - 1);
                }

                w.WriteEndObject();
                break;
        }
    }
}
