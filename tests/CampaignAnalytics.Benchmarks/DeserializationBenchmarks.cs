using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// The generated reader (<c>Parse</c>: its fast path over plain JSON, the full Utf8JsonReader reader for anything
/// else) against System.Text.Json (reflection and source generation over equivalent POCOs) and against a raw
/// Utf8JsonReader token walk that builds nothing (the floor of any reader built on Utf8JsonReader). One operation
/// reads every response body of the payload.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadConfig))]
public class DeserializationBenchmarks
{
    private static readonly JsonSerializerOptions s_reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    // The generated readers' options: strict JSON, at most 64 levels.
    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = 64 };
    private byte[][] _bodies = System.Array.Empty<byte[]>();

    [ParamsSource(nameof(PayloadNames))]
    public string Payload { get; set; } = Payloads.OneDay;

    public static IEnumerable<string> PayloadNames => Payloads.Names;

    [GlobalSetup]
    public void Setup() => _bodies = Payloads.Get(Payload);

    [Benchmark(Baseline = true)]
    public int GeneratedReader()
    {
        var days = 0;
        foreach (var body in _bodies)
        {
            days += CampaignDataSeriesResponse.Parse(body).Data!.Count;
        }

        return days;
    }

    [Benchmark]
    public int StjReflection()
    {
        var days = 0;
        foreach (var body in _bodies)
        {
            days += JsonSerializer.Deserialize<ResponsePoco>(body, s_reflection)!.Data!.Count;
        }

        return days;
    }

    [Benchmark]
    public int StjSourceGen()
    {
        var days = 0;
        foreach (var body in _bodies)
        {
            days += JsonSerializer.Deserialize(body, PocoJsonContext.Default.ResponsePoco)!.Data!.Count;
        }

        return days;
    }

    [Benchmark]
    public int RawTokenWalk()
    {
        var tokens = 0;
        foreach (var body in _bodies)
        {
            var reader = new Utf8JsonReader(body, s_readerOptions);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }
}
