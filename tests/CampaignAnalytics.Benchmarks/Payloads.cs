using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// The benchmark inputs, built deterministically (seeded) by walking the catalogue: every channel, every
/// metric it declares and two fields of each dynamic group, so a channel added to the schema is benchmarked
/// with no code change. Nothing large is committed; each payload is built once per process and cached.
/// </summary>
public static class Payloads
{
    /// <summary>One day, every channel, three variations plus a control element.</summary>
    public const string OneDay = "OneDay";

    /// <summary>100 days, every channel, three variations plus a control element.</summary>
    public const string HundredDays = "HundredDays";

    /// <summary>50 campaigns (50 responses) of 100 days each; each campaign uses two channels (all channels covered).</summary>
    public const string FiftyCampaigns = "FiftyCampaigns";

    /// <summary>The payload names, for [Params] and the MB/s column.</summary>
    public static readonly string[] Names = { OneDay, HundredDays, FiftyCampaigns };

    private const int Seed = 20240601;
    private static readonly Dictionary<string, byte[][]> s_cache = new(StringComparer.Ordinal);

    /// <summary>The response bodies of a payload (one per campaign).</summary>
    public static byte[][] Get(string name)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(name, out var bodies))
            {
                bodies = Build(name, CampaignDataSeriesCatalogue.Instance);
                s_cache.Add(name, bodies);
            }

            return bodies;
        }
    }

    /// <summary>The total size in bytes of a payload's bodies (what one benchmark operation reads).</summary>
    public static long SizeOf(string name) => Get(name).Sum(b => (long)b.Length);

    /// <summary>The campaign ids of a payload, one per body.</summary>
    public static string[] CampaignIds(string name) =>
        Enumerable.Range(0, Get(name).Length).Select(i => "campaign-" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();

    internal static byte[][] Build(string name, ChannelCatalogue catalogue)
    {
        var random = new Random(Seed);
        var all = Enumerable.Range(0, catalogue.Channels.Count).ToArray();
        return name switch
        {
            OneDay => new[] { Response(random, catalogue, 1, all, 3) },
            HundredDays => new[] { Response(random, catalogue, 100, all, 3) },
            FiftyCampaigns => Enumerable.Range(0, 50)
                .Select(i => Response(random, catalogue, 100, new[] { i % all.Length, (i * 7 + 3) % all.Length }.Distinct().ToArray(), 3))
                .ToArray(),
            _ => throw new ArgumentException("Unknown payload '" + name + "'.", nameof(name)),
        };
    }

    private static byte[] Response(Random random, ChannelCatalogue catalogue, int days, int[] channels, int variations)
    {
        // The fields every channel's elements share (the schema's common variation fields): what a control element carries.
        var common = new HashSet<string>(
            catalogue.Channels.Select(c => c.Metrics.Select(m => m.Name)).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal)),
            StringComparer.Ordinal);
        var ids = channels.ToDictionary(c => c, _ => Enumerable.Range(0, variations + 1).Select(_ => Guid(random)).ToArray());
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("message", "success");
            w.WriteStartArray("data");
            var start = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 300));
            for (var d = 0; d < days; d++)
            {
                w.WriteStartObject();
                w.WriteString("time", start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteStartObject("messages");
                foreach (var c in channels)
                {
                    var channel = catalogue.Channels[c];
                    w.WriteStartArray(channel.Key);
                    for (var v = 0; v < variations; v++)
                    {
                        Element(w, random, channel, ids[c][v], "Variant " + (char)('A' + v), null);
                    }

                    Element(w, random, channel, ids[c][variations], catalogue.ControlGroupName, common);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
                foreach (var metric in catalogue.DailyMetrics)
                {
                    Number(w, random, metric.Name, metric.Kind);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Element(Utf8JsonWriter w, Random random, ChannelDescriptor channel, string id, string name, HashSet<string>? only)
    {
        w.WriteStartObject();
        w.WriteString("variation_api_id", id);
        w.WriteString("variation_name", name);
        foreach (var metric in channel.Metrics)
        {
            if (only is null || only.Contains(metric.Name))
            {
                Number(w, random, metric.Name, metric.Kind);
            }
        }

        if (only is null)
        {
            foreach (var group in channel.DynamicMetrics)
            {
                // ^prefix.*suffix$ → prefix1_Title_suffix
                var star = group.Pattern.IndexOf(".*", StringComparison.Ordinal);
                var prefix = group.Pattern.Substring(1, star - 1);
                var suffix = group.Pattern.Substring(star + 2).TrimEnd('$');
                for (var i = 1; i <= 2; i++)
                {
                    w.WriteNumber(prefix + i.ToString(CultureInfo.InvariantCulture) + (i == 1 ? "_Shop" : "_Later") + suffix, random.Next(0, 5000));
                }
            }
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, Random random, string name, MetricKind kind)
    {
        if (kind == MetricKind.Count)
        {
            w.WriteNumber(name, random.Next(0, 250_000));
        }
        else
        {
            w.WriteNumber(name, Math.Round(random.NextDouble() * 10_000, 2));
        }
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString("D");
    }
}
