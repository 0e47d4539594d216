using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CampaignAnalytics.Generators.Emit;
using CampaignAnalytics.Generators.Parsing;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// Broken variants of the real schema (truncated, a character dropped, a keyword or value swapped) are
/// reported as located diagnostics: the parser never needs its CAG010 fallback and the emitters never throw
/// on a spec the parser accepted (an exception there would surface as CS8785 and drop all output).
/// </summary>
public class SchemaFuzzTests
{
    private static readonly (string From, string To)[] s_swaps =
    {
        ("\"integer\"", "\"banana\""), ("\"integer\"", "[\"integer\"]"), ("\"object\"", "\"array\""), ("\"array\"", "\"object\""),
        ("#/$defs/", "#/$defs/x"), ("\"x-role\": \"days\"", "\"x-role\": \"day\""), ("\"x-role\": \"channels\"", "\"x-role\": \"channel\""),
        ("\"x-role\": \"date\"", "\"x-role\": \"variation-id\""), ("\"numerator\": \"", "\"numerator\": \"x"), ("\"sent - bounces\"", "\"sent -\""),
        ("\"sent - bounces\"", "\"sent * bounces\""), ("\"x-type-name\": \"", "\"x-type-name\": \"1"), ("\"properties\": {", "\"properties\": [{"),
        ("\"items\": {", "\"items\": ["), ("\"required\": [", "\"required\": [1, "), ("\"allOf\": [", "\"allOf\": [{}, "),
        ("\"x-type-name\": \"PushVariation\"", "\"x-type-name\": \"EmailVariation\""), ("\"x-type-name\": \"DailyDataPoint\"", "\"x-type-name\": \"CampaignDataSeriesResponse\""),
        ("\"x-catalogue-name\": \"CampaignDataSeriesCatalogue\"", "\"x-catalogue-name\": \"EmailVariation\""), ("\"format\": \"date\"", "\"format\": \"date-time\""),
        ("\"^carousel_slide_.*_click$\"", "\"^carousel_slide_(.*)_click$\""), ("\"x-property-name\": \"CarouselSlideClicks\"", "\"x-property-name\": \"Sent\""),
        ("{ \"$ref\": \"#/$defs/variation\" }", "{ \"$ref\": \"#/$defs/push\" }"), ("\"x-namespace\": \"CampaignAnalytics.Models\"", "\"x-namespace\": \"Campaign..Models\""),
        ("\"name\": \"DeliveryRate\"", "\"name\": 3"), ("\"firstOf\": [", "\"firstOf\": [7, "), ("\"message\": {", "\"message\": true, \"x\": {"),
    };

    public static IEnumerable<object[]> Variants()
    {
        var text = RepoPaths.RealSchemaText;
        for (var cut = 0; cut < text.Length; cut += 157)
        {
            yield return new object[] { "prefix " + cut.ToString(System.Globalization.CultureInfo.InvariantCulture), text.Substring(0, cut) };
        }

        for (var at = 0; at < text.Length; at += 241)
        {
            yield return new object[] { "drop " + at.ToString(System.Globalization.CultureInfo.InvariantCulture), text.Remove(at, 1) };
        }

        foreach (var (from, to) in s_swaps)
        {
            var index = -1;
            for (var n = 0; n < 3 && (index = text.IndexOf(from, index + 1, StringComparison.Ordinal)) >= 0; n++)
            {
                yield return new object[] { "swap " + from + " -> " + to + " #" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), text.Substring(0, index) + to + text.Substring(index + from.Length) };
            }
        }
    }

    [Fact]
    public void Broken_variants_are_reported_never_thrown()
    {
        var failures = new List<string>();
        var variants = Variants().ToList();
        Assert.True(variants.Count > 300, "too few variants: " + variants.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var variant in variants)
        {
            var name = (string)variant[0];
            var text = (string)variant[1];
            try
            {
                var result = SchemaParser.Parse("/fuzz/campaign-data-series.schema.json", text, null, null, CancellationToken.None);
                if (result.Diagnostics.Any(d => d.Id == "CAG010"))
                {
                    failures.Add(name + ": " + string.Join("; ", result.Diagnostics.Where(d => d.Id == "CAG010").Select(d => d.Arguments[0].Value)));
                }

                if (result.Spec is { } spec)
                {
                    Assert.Empty(result.Diagnostics);
                    foreach (var type in spec.Types)
                    {
                        ModelEmitter.Emit(spec, type);
                    }

                    CatalogueEmitter.Emit(spec);
                }
                else
                {
                    Assert.NotEmpty(result.Diagnostics);
                    Assert.All(result.Diagnostics, d => Assert.NotNull(d.Location));
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add(name + ": threw " + e);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
